package coop.sol.web.people;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.user.PeopleStore;
import coop.sol.ledger.user.UsableActivation;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.login.LoginThrottle;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.token.PersonalAccessTokens;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.TotpSecret;
import coop.sol.web.user.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A person's own password: chosen with their activation code, changed with their current one. Both
 * are throttled like logins (in the database, whichever instance answers), check the password
 * rules, and end every other session and token: a session's credentials version no longer matches
 * (checked on every request by {@code SessionCredentialsFilter}) and the tokens are revoked in the
 * same transaction.
 */
@Service
public class Activations {
  /** The throttle's "username" for activation attempts, counted per address. */
  private static final String ACTIVATION_SUBJECT = "(activation) ";

  private final PeopleStore store;
  private final Users users;
  private final PasswordEncoder passwords;
  private final PasswordRules rules;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final MessageSource messages;
  private final PersonalAccessTokens tokens;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Activations(
      DataSource dataSource,
      Users users,
      PasswordEncoder passwords,
      PasswordRules rules,
      LoginThrottle throttle,
      AuditLog audit,
      MessageSource messages,
      PersonalAccessTokens tokens,
      Clock clock) {
    this.store = new PeopleStore(dataSource);
    this.users = users;
    this.passwords = passwords;
    this.rules = rules;
    this.throttle = throttle;
    this.audit = audit;
    this.messages = messages;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * An access activated.
   *
   * @param totpSecret for a person whose roles need a second factor: the secret to put in an
   *     authenticator app, shown this once; else null
   */
  public record Activated(String username, String totpSecret, String otpauthUri) {
    @Override
    public String toString() {
      return "Activated[" + username + "]";
    }
  }

  /** Uses an activation code to set the person's password; reasons in French. */
  public Activated activate(String typedCode, String password, String clientAddress) {
    return activate(typedCode, password, clientAddress, java.util.Locale.FRENCH);
  }

  /**
   * Uses an activation code to set the person's password; a refusal's reasons in {@code locale}.
   */
  public Activated activate(
      String typedCode, String password, String clientAddress, java.util.Locale locale) {
    // what cannot be a code is no guess at one: refused before counting
    String code =
        ActivationCodes.normalise(typedCode)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.ACTIVATION_INVALID));
    String subject = ACTIVATION_SUBJECT + clientAddress;
    Optional<Duration> locked = throttle.admit(subject, clientAddress);
    if (locked.isPresent()) {
      throw throttled(locked.get());
    }
    Optional<UsableActivation> usable;
    try {
      usable = store.usable(ActivationCodes.hash(code), clock.instant());
    } catch (RuntimeException broken) {
      throttle.released(subject, clientAddress);
      throw broken;
    }
    if (usable.isEmpty()) {
      throttle.failed(subject, clientAddress);
      throw new ApiProblemException(ProblemCode.ACTIVATION_INVALID);
    }
    // the code was right: what follows is no guess
    throttle.succeeded(subject, clientAddress);
    AppUser person = Users.user(usable.get().user());
    checkRules(person.username(), password, locale);
    // a "forgot password" link keeps the second factor the person already has: the link alone
    // (whoever reads their mailbox) is not enough to replace their authenticator
    boolean keepsTotp = usable.get().reset() && person.totpSecret().isPresent();
    String totp =
        person.roleRequiresSecondFactor() && !keepsTotp ? TotpSecret.generate(random) : null;
    Set<NetworkId> networks = networks(person);
    boolean done =
        store.activate(
            usable.get(),
            passwords.encode(password),
            totp,
            clock.instant(),
            audit.entry(
                new AuditRecord(
                    AuditAction.ACCESS_ACTIVATED,
                    networks,
                    networks.isEmpty() || person.isAdministrator(),
                    person.id(),
                    person.username(),
                    "person " + person.username(),
                    clientAddress,
                    Map.of(
                        "secondFactor",
                        totp != null || keepsTotp,
                        "reset",
                        usable.get().reset()))));
    if (!done) {
      throw new ApiProblemException(ProblemCode.ACTIVATION_INVALID);
    }
    // after the commit: this instance forgets the tokens it had verified (revoked with the use)
    tokens.forgetUser(person.id());
    return new Activated(
        person.username(), totp, totp == null ? null : otpauthUri(person.username(), totp));
  }

  /**
   * Changes the caller's password, given their current one; their other sessions and their tokens
   * but {@code keptToken} end.
   *
   * @return the new credentials version, for the caller's own session to go on
   */
  public long change(
      long userId,
      String currentPassword,
      String newPassword,
      OptionalLong keptToken,
      String clientAddress,
      java.util.Locale locale) {
    AppUser person =
        users.find(userId).orElseThrow(() -> new ApiProblemException(ProblemCode.UNAUTHENTICATED));
    Optional<Duration> locked = throttle.admit(person.username(), clientAddress);
    if (locked.isPresent()) {
      throw throttled(locked.get());
    }
    if (!person.hasPassword()
        || !passwords.matches(
            currentPassword == null ? "" : currentPassword, person.passwordHash())) {
      throttle.failed(person.username(), clientAddress);
      throw new ApiProblemException(
          ProblemCode.CURRENT_PASSWORD_INVALID,
          ProblemCode.CURRENT_PASSWORD_INVALID.detail(),
          "currentPassword");
    }
    throttle.succeeded(person.username(), clientAddress);
    checkRules(person.username(), newPassword, locale);
    Set<NetworkId> networks = networks(person);
    OptionalLong version =
        store.changePassword(
            person.id(),
            person.passwordHash(),
            passwords.encode(newPassword),
            keptToken,
            clock.instant(),
            audit.entry(
                new AuditRecord(
                    AuditAction.PASSWORD_CHANGED,
                    networks,
                    networks.isEmpty() || person.isAdministrator(),
                    person.id(),
                    person.username(),
                    "person " + person.username(),
                    clientAddress,
                    Map.of())));
    if (version.isEmpty()) {
      throw new ApiProblemException(
          ProblemCode.CONFLICT, "Le mot de passe a changé entre-temps : recommencez.");
    }
    // after the commit: every instance forgets the tokens it had verified (NOTIFY)
    tokens.forgetUser(person.id());
    return version.getAsLong();
  }

  /** Refuses a password against the rules: 400 WEAK_PASSWORD with each reason, in words. */
  public void checkRules(String username, String password, java.util.Locale locale) {
    List<PasswordRules.Reason> reasons = rules.check(username, password);
    if (reasons.isEmpty()) {
      return;
    }
    List<Map<String, String>> described =
        reasons.stream()
            .map(
                r -> {
                  Map<String, String> reason = new LinkedHashMap<>();
                  reason.put("code", r.name());
                  reason.put(
                      "message",
                      messages.getMessage("password.reason." + r.name(), null, r.name(), locale));
                  return reason;
                })
            .toList();
    throw ApiProblemException.withProperties(
        ProblemCode.WEAK_PASSWORD,
        ProblemCode.WEAK_PASSWORD.detail(),
        Map.of("field", "password", "reasons", described));
  }

  /**
   * The credentials version a session of this person must carry to go on; empty when no session of
   * theirs may (disabled, or access reset and not activated again).
   */
  public OptionalLong sessionVersion(long userId) {
    return store.sessionVersion(userId);
  }

  /** The reasons as the pages show them. */
  public List<PasswordRules.Reason> reasons(String username, String password) {
    return rules.check(username, password);
  }

  private static ApiProblemException throttled(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return new ApiProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        ProblemCode.LOGIN_THROTTLED.name(),
        ProblemCode.LOGIN_THROTTLED.detail(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /** Key URI format of Google Authenticator, understood by most TOTP apps. */
  public static String otpauthUri(String username, String secret) {
    String label = URLEncoder.encode("SOL:" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/"
        + label
        + "?secret="
        + secret
        + "&issuer=SOL&algorithm=SHA1&digits=6&period=30";
  }

  private static Set<NetworkId> networks(AppUser person) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : person.roles()) {
      if (grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return networks;
  }
}
