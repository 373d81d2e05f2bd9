package coop.sol.web.login;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.login.LoginRefusedException.Reason;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Totp;
import coop.sol.web.user.Username;
import coop.sol.web.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks a username, password and TOTP code, for every way of logging in. In order: a locked
 * username or address is refused before any hashing; the password is checked (against a dummy hash
 * for unknown users, so that timing does not tell who exists); then, for users whose roles require
 * it, the TOTP code, each code accepted once. Failures count towards the lockout; a TOTP code that
 * is merely missing does not, as the password was right.
 */
@Service
public class PasswordLogin {
  private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);

  private final Users users;
  private final PasswordEncoder passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Clock clock;
  private volatile String dummyHash;

  public PasswordLogin(
      Users users, PasswordEncoder passwords, LoginThrottle throttle, AuditLog audit, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * A login attempt.
   *
   * @param totpCode the code typed, or null if none was given
   * @param secondFactorPossible whether this door can carry a TOTP code at all (HTTP Basic cannot,
   *     so users who need one must log in through the form or use a token)
   * @param door how the user is logging in, for the audit log ("form", "basic", "token")
   */
  public record Attempt(
      String username,
      String password,
      String totpCode,
      boolean secondFactorPossible,
      String clientAddress,
      String door) {
    public Attempt {
      username = username == null ? "" : username;
      password = password == null ? "" : password;
      Objects.requireNonNull(clientAddress, "clientAddress");
      Objects.requireNonNull(door, "door");
    }
  }

  /**
   * @return the user, with their roles
   * @throws LoginRefusedException if the login is refused
   */
  public AppUser authenticate(Attempt attempt) {
    String username = attempt.username();
    // counted before the check: concurrent guesses cannot all get past it
    Optional<Duration> locked = throttle.admit(username, attempt.clientAddress());
    if (locked.isPresent()) {
      throw new LoginRefusedException(Reason.THROTTLED, locked.get());
    }
    try {
      return checked(attempt);
    } catch (LoginRefusedException refused) {
      throw refused; // counted as a failure, or released, where it was decided
    } catch (RuntimeException broken) {
      // the check could not be made (the database, say): that is no failure of the caller's
      throttle.released(username, attempt.clientAddress());
      throw broken;
    }
  }

  private AppUser checked(Attempt attempt) {
    String username = attempt.username();
    Optional<AppUser> found = Username.isValid(username) ? users.find(username) : Optional.empty();
    if (found.isEmpty()) {
      passwords.matches(attempt.password(), dummyHash());
      throw failure(attempt, Optional.empty(), Reason.BAD_CREDENTIALS);
    }
    AppUser user = found.get();
    if (!user.hasPassword()) {
      // not activated yet, or access reset by a coordinator: no password opens it
      passwords.matches(attempt.password(), dummyHash());
      throw failure(attempt, found, Reason.BAD_CREDENTIALS);
    }
    if (!passwords.matches(attempt.password(), user.passwordHash()) || !user.enabled()) {
      throw failure(attempt, found, Reason.BAD_CREDENTIALS);
    }
    if (user.requiresSecondFactor()) {
      checkSecondFactor(attempt, user);
    }
    throttle.succeeded(username, attempt.clientAddress());
    if (user.requiresSecondFactor()) {
      audit.record(
          new AuditRecord(
              AuditAction.LOGIN_SUCCEEDED,
              networks(user),
              user.isAdministrator() || networks(user).isEmpty(),
              user.id(),
              user.username(),
              "",
              attempt.clientAddress(),
              Map.of("door", attempt.door())));
    }
    return user;
  }

  private void checkSecondFactor(Attempt attempt, AppUser user) {
    String code = attempt.totpCode();
    if (!attempt.secondFactorPossible() || code == null || code.isBlank()) {
      // the right password, and a code still to give: not a failure
      throttle.released(attempt.username(), attempt.clientAddress());
      throw new LoginRefusedException(Reason.SECOND_FACTOR_REQUIRED, null);
    }
    if (user.totpSecret().isEmpty()) {
      // a role that needs a second factor but no secret to check it: refuse rather than let the
      // password alone in (an administrator re-created with --create-admin gets a secret)
      log.warn("User {} needs a TOTP code but has no TOTP secret", user.username());
      throttle.released(attempt.username(), attempt.clientAddress());
      throw new LoginRefusedException(Reason.SECOND_FACTOR_REQUIRED, null);
    }
    OptionalLong step = Totp.matchingStep(user.totpSecret().get(), code, clock.instant());
    if (step.isEmpty() || !users.acceptTotpStep(user.id(), step.getAsLong())) {
      throw failure(attempt, Optional.of(user), Reason.SECOND_FACTOR_INVALID);
    }
  }

  private LoginRefusedException failure(Attempt attempt, Optional<AppUser> user, Reason reason) {
    LoginThrottle.Locked locked = throttle.failed(attempt.username(), attempt.clientAddress());
    if (locked.any()) {
      Set<NetworkId> networks = user.map(PasswordLogin::networks).orElse(Set.of());
      boolean installation =
          networks.isEmpty()
              || user.map(AppUser::isAdministrator).orElse(false)
              || locked.address();
      log.warn(
          "Logins locked after repeated failures (username locked: {}, address {} locked: {})",
          locked.username(),
          attempt.clientAddress(),
          locked.address());
      audit.record(
          new AuditRecord(
              AuditAction.LOGIN_LOCKED_OUT,
              networks,
              installation,
              user.map(AppUser::id).orElse(null),
              attempt.username().isEmpty() ? "?" : attempt.username(),
              locked.username() ? "username " + attempt.username() : "address",
              attempt.clientAddress(),
              Map.of(
                  "usernameLocked", locked.username(),
                  "addressLocked", locked.address(),
                  "door", attempt.door())));
    }
    return new LoginRefusedException(reason, null);
  }

  private static Set<NetworkId> networks(AppUser user) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : user.roles()) {
      if (grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return networks;
  }

  /** A hash of nothing in particular, so an unknown username costs as much as a known one. */
  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      hash = passwords.encode("no such user: this hash only equalises timing");
      dummyHash = hash;
    }
    return hash;
  }
}
