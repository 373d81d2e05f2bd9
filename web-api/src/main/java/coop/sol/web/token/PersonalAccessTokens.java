package coop.sol.web.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.token.StoredToken;
import coop.sol.ledger.token.TokenGrant;
import coop.sol.ledger.token.TokenStore;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Scope;
import coop.sol.web.auth.TokenAuthentication;
import coop.sol.web.database.InstanceBroadcasts;
import coop.sol.web.database.InstanceBroadcasts.Topic;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.SolUserDetails;
import coop.sol.web.user.Users;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, revokes and checks personal access tokens. A token is {@code sol_pat_} followed
 * by 32 random bytes in base64url (256 bits: it cannot be guessed, so a plain SHA-256 of it is a
 * safe thing to store and look up, unlike a password).
 *
 * <p>A verified token is remembered for a short while ({@code sol.security.token-cache}, 60 s by
 * default; 0 turns it off), so that a request with a token costs no query to authenticate (at 5 s,
 * a quarter of the balance reads of 5,000 members under load missed it and paid four queries).
 * Revoking a token, or {@link #forgetUser(long) forgetting a user} whose roles or status changed,
 * takes effect at once in this process and is told to every other instance ({@link
 * InstanceBroadcasts}, {@code LISTEN/NOTIFY}), which forgets the entry as the notice arrives
 * (milliseconds). While an instance is not listening (its connection lost) it trusts no entry and
 * reads every token; when it listens again it forgets them all, as notices may have been missed. An
 * entry never outlives the token's own expiry.
 */
@Service
public class PersonalAccessTokens {
  static final String PREFIX = "sol_pat_";
  private static final int RANDOM_BYTES = 32;
  private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 4;

  /**
   * last_used_at is refreshed at most this often, so that using a token is not a write each time.
   */
  private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final TokenStore store;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final InstanceBroadcasts broadcasts;

  /** Verified tokens by SHA-256 (hex): never the secret itself. */
  private final Cache<String, Verified> verified;

  /**
   * Counts invalidations, so that a lookup that raced with one does not put back what it read
   * before.
   */
  private final AtomicLong invalidations = new AtomicLong();

  /** What a token was found to stand for, and until when the token itself is valid. */
  private record Verified(
      long tokenId, long userId, TokenAuthentication authentication, Instant expiresAt) {}

  public PersonalAccessTokens(
      DataSource dataSource,
      AuditLog audit,
      Clock clock,
      InstanceBroadcasts broadcasts,
      @Value("${sol.security.token-cache:60s}") Duration cacheFor) {
    this.store = new TokenStore(dataSource);
    this.audit = audit;
    this.clock = clock;
    this.broadcasts = broadcasts;
    this.verified =
        cacheFor.isNegative() || cacheFor.isZero()
            ? null
            : Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    broadcasts.subscribe(Topic.TOKENS, this::noticed);
    broadcasts.onReconnect(() -> forget(v -> true));
  }

  /**
   * Forgets what was verified of the user's tokens, here and on every instance: to be called when
   * their roles or status change, so that their next request reads them again.
   */
  public void forgetUser(long userId) {
    forget(v -> v.userId() == userId);
    broadcasts.publish(Topic.TOKENS, USER_NOTICE + userId);
  }

  private static final String TOKEN_NOTICE = "token:";
  private static final String USER_NOTICE = "user:";

  /** Another instance revoked a token or forgot a user. */
  private void noticed(String notice) {
    if (notice.startsWith(TOKEN_NOTICE)) {
      long tokenId = Long.parseLong(notice.substring(TOKEN_NOTICE.length()));
      forget(v -> v.tokenId() == tokenId);
    } else if (notice.startsWith(USER_NOTICE)) {
      long userId = Long.parseLong(notice.substring(USER_NOTICE.length()));
      forget(v -> v.userId() == userId);
    }
  }

  private void forget(Predicate<Verified> which) {
    if (verified != null) {
      invalidations.incrementAndGet();
      verified.asMap().values().removeIf(which);
    }
  }

  /** A token just created: {@code token} is the secret, which exists nowhere else. */
  public record Created(TokenSummary summary, String token) {}

  /** A token as its owner sees it in listings: never the secret. */
  public record TokenSummary(
      long id,
      String name,
      String prefix,
      Set<Scope> scopes,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt) {}

  public Created create(
      AppUser owner, String name, Set<Scope> scopes, Duration lifetime, String clientAddress) {
    byte[] secret = new byte[RANDOM_BYTES];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    List<String> scopeValues = scopes.stream().sorted().map(Scope::value).toList();
    long id =
        store.create(
            owner.id(),
            name,
            sha256(token),
            token.substring(0, SHOWN_PREFIX_LENGTH),
            scopeValues,
            now,
            expires,
            tokenId ->
                audit.entry(
                    auditRecord(
                        AuditAction.AUTH_TOKEN_CREATED,
                        owner,
                        tokenId,
                        name,
                        clientAddress,
                        Map.of("scopes", scopeValues, "expiresAt", expires.toString()))));
    return new Created(
        new TokenSummary(
            id, name, token.substring(0, SHOWN_PREFIX_LENGTH), scopes, now, expires, null),
        token);
  }

  /** The user's tokens that are neither revoked nor expired, newest first. */
  public List<TokenSummary> active(long userId) {
    return store.active(userId, clock.instant()).stream()
        .map(PersonalAccessTokens::summary)
        .toList();
  }

  private static TokenSummary summary(StoredToken t) {
    return new TokenSummary(
        t.id(),
        t.name(),
        t.prefix(),
        scopes(t.scopes()),
        t.createdAt(),
        t.expiresAt(),
        t.lastUsedAt());
  }

  /**
   * Revokes one of {@code owner}'s active tokens.
   *
   * @return false if they have no such active token (someone else's is "no such token" too)
   */
  public boolean revoke(AppUser owner, long tokenId, String clientAddress) {
    // the other instances are told by a notice sent inside the revoking transaction: delivered as
    // it commits, so no instance can die between the commit and the telling
    boolean revoked =
        store.revoke(
            owner.id(),
            tokenId,
            clock.instant(),
            name ->
                audit.entry(
                    auditRecord(
                        AuditAction.AUTH_TOKEN_REVOKED,
                        owner,
                        tokenId,
                        name,
                        clientAddress,
                        Map.of())),
            broadcasts.onCommit(Topic.TOKENS, TOKEN_NOTICE + tokenId));
    // after the commit: a lookup running meanwhile either read the revocation or is not cached
    forget(v -> v.tokenId() == tokenId);
    return revoked;
  }

  /**
   * The authentication a token stands for: its owner (enabled), with the token's scopes; empty if
   * the token is unknown, revoked or expired.
   */
  public Optional<TokenAuthentication> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    Instant instant = clock.instant();
    byte[] hash = sha256(token);
    // not listening to the other instances: a revocation there could go unnoticed, read the row
    String key =
        verified == null || !broadcasts.listening() ? null : HexFormat.of().formatHex(hash);
    if (key != null) {
      Verified known = verified.getIfPresent(key);
      if (known != null && known.expiresAt().isAfter(instant)) {
        return Optional.of(known.authentication().forAnotherRequest());
      }
    }
    long generation = invalidations.get();
    Optional<TokenGrant> grant = store.grant(hash, instant);
    if (grant.isEmpty()) {
      return Optional.empty();
    }
    long tokenId = grant.get().tokenId();
    Instant lastUsed = grant.get().lastUsedAt();
    if (lastUsed == null || lastUsed.isBefore(instant.minus(LAST_USED_PRECISION))) {
      store.touch(tokenId, instant, LAST_USED_PRECISION);
    }
    AppUser user = Users.user(grant.get().user());
    SolUserDetails principal = SolUserDetails.of(user);
    principal.eraseCredentials();
    Set<Scope> scopes = scopes(grant.get().scopes());
    TokenAuthentication authentication = new TokenAuthentication(principal, tokenId, scopes);
    if (key != null) {
      Verified found = new Verified(tokenId, user.id(), authentication, grant.get().expiresAt());
      verified.put(key, found);
      if (invalidations.get() != generation) {
        // revoked or forgotten while we read: what we read may predate it
        verified.asMap().remove(key, found);
      }
    }
    return Optional.of(authentication);
  }

  private static AuditRecord auditRecord(
      AuditAction action,
      AppUser owner,
      long tokenId,
      String name,
      String clientAddress,
      Map<String, Object> details) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : owner.roles()) {
      if (grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return new AuditRecord(
        action,
        networks,
        owner.isAdministrator() || networks.isEmpty(),
        owner.id(),
        owner.username(),
        "token " + tokenId + " « " + name + " »",
        clientAddress,
        details);
  }

  private static Set<Scope> scopes(List<String> values) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : values) {
      Scope.parse(value).ifPresent(scopes::add);
    }
    return scopes;
  }

  /** One digest per thread: looking the algorithm up again for every request showed in profiles. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
          });

  static byte[] sha256(String token) {
    // digest() resets the instance, ready for the thread's next token
    return SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }
}
