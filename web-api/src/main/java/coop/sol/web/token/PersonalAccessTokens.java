package coop.sol.web.token;

import static coop.sol.ledger.jooq.Tables.API_TOKEN;
import static coop.sol.ledger.jooq.Tables.APP_USER;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Scope;
import coop.sol.web.auth.TokenAuthentication;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, revokes and checks personal access tokens. A token is {@code sol_pat_} followed
 * by 32 random bytes in base64url (256 bits: it cannot be guessed, so a plain SHA-256 of it is a
 * safe thing to store and look up, unlike a password). Every request with a token reads its row, so
 * a revoked token is refused from the next request on.
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

  private final DSLContext sql;
  private final Users users;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  public PersonalAccessTokens(DSLContext sql, Users users, AuditLog audit) {
    this.sql = sql;
    this.users = users;
    this.audit = audit;
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
    String[] scopeValues = scopes.stream().sorted().map(Scope::value).toArray(String[]::new);
    long id =
        sql.transactionResult(
            tx -> {
              long tokenId =
                  tx.dsl()
                      .insertInto(API_TOKEN)
                      .set(API_TOKEN.USER_ID, owner.id())
                      .set(API_TOKEN.NAME, name)
                      .set(API_TOKEN.TOKEN_HASH, sha256(token))
                      .set(API_TOKEN.TOKEN_PREFIX, token.substring(0, SHOWN_PREFIX_LENGTH))
                      .set(API_TOKEN.SCOPES, scopeValues)
                      .set(API_TOKEN.CREATED_AT, utc(now))
                      .set(API_TOKEN.EXPIRES_AT, utc(expires))
                      .returning(API_TOKEN.TOKEN_ID)
                      .fetchOne(API_TOKEN.TOKEN_ID);
              audit.record(
                  tx.dsl(),
                  auditRecord(
                      AuditAction.AUTH_TOKEN_CREATED,
                      owner,
                      tokenId,
                      name,
                      clientAddress,
                      Map.of(
                          "scopes", Arrays.asList(scopeValues), "expiresAt", expires.toString())));
              return tokenId;
            });
    return new Created(
        new TokenSummary(
            id, name, token.substring(0, SHOWN_PREFIX_LENGTH), scopes, now, expires, null),
        token);
  }

  /** The user's tokens that are neither revoked nor expired, newest first. */
  public List<TokenSummary> active(long userId) {
    return sql.selectFrom(API_TOKEN)
        .where(API_TOKEN.USER_ID.eq(userId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .and(API_TOKEN.EXPIRES_AT.gt(utc(clock.instant())))
        .orderBy(API_TOKEN.TOKEN_ID.desc())
        .fetch(
            r ->
                new TokenSummary(
                    r.getTokenId(),
                    r.getName(),
                    r.getTokenPrefix(),
                    scopes(r.getScopes()),
                    r.getCreatedAt().toInstant(),
                    r.getExpiresAt().toInstant(),
                    r.getLastUsedAt() == null ? null : r.getLastUsedAt().toInstant()));
  }

  /**
   * Revokes one of {@code owner}'s active tokens.
   *
   * @return false if they have no such active token (someone else's is "no such token" too)
   */
  public boolean revoke(AppUser owner, long tokenId, String clientAddress) {
    return sql.transactionResult(
        tx -> {
          var revoked =
              tx.dsl()
                  .update(API_TOKEN)
                  .set(API_TOKEN.REVOKED_AT, utc(clock.instant()))
                  .where(API_TOKEN.TOKEN_ID.eq(tokenId))
                  .and(API_TOKEN.USER_ID.eq(owner.id()))
                  .and(API_TOKEN.REVOKED_AT.isNull())
                  .returning(API_TOKEN.NAME)
                  .fetchOptional();
          revoked.ifPresent(
              r ->
                  audit.record(
                      tx.dsl(),
                      auditRecord(
                          AuditAction.AUTH_TOKEN_REVOKED,
                          owner,
                          tokenId,
                          r.getName(),
                          clientAddress,
                          Map.of())));
          return revoked.isPresent();
        });
  }

  /**
   * The authentication a token stands for: its owner (enabled), with the token's scopes; empty if
   * the token is unknown, revoked or expired.
   */
  public Optional<TokenAuthentication> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    OffsetDateTime now = utc(clock.instant());
    var row =
        sql.select(API_TOKEN.TOKEN_ID, API_TOKEN.USER_ID, API_TOKEN.SCOPES, API_TOKEN.LAST_USED_AT)
            .from(API_TOKEN)
            .join(APP_USER)
            .on(APP_USER.USER_ID.eq(API_TOKEN.USER_ID))
            .where(API_TOKEN.TOKEN_HASH.eq(sha256(token)))
            .and(API_TOKEN.REVOKED_AT.isNull())
            .and(API_TOKEN.EXPIRES_AT.gt(now))
            .and(APP_USER.ENABLED)
            .fetchOptional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    long tokenId = row.get().get(API_TOKEN.TOKEN_ID);
    OffsetDateTime lastUsed = row.get().get(API_TOKEN.LAST_USED_AT);
    if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_PRECISION))) {
      sql.update(API_TOKEN)
          .set(API_TOKEN.LAST_USED_AT, now)
          .where(API_TOKEN.TOKEN_ID.eq(tokenId))
          .and(
              API_TOKEN
                  .LAST_USED_AT
                  .isNull()
                  .or(API_TOKEN.LAST_USED_AT.lt(now.minus(LAST_USED_PRECISION))))
          .execute();
    }
    return users
        .find(row.get().get(API_TOKEN.USER_ID))
        .map(
            user -> {
              SolUserDetails principal = SolUserDetails.of(user);
              principal.eraseCredentials();
              return new TokenAuthentication(
                  principal, tokenId, scopes(row.get().get(API_TOKEN.SCOPES)));
            });
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

  private static Set<Scope> scopes(String[] values) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : values) {
      Scope.parse(value).ifPresent(scopes::add);
    }
    return scopes;
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
