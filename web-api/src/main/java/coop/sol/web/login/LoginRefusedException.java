package coop.sol.web.login;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;

/**
 * Why a login was refused. Wrong username and wrong password are one reason, so that the answer
 * never tells which usernames exist.
 */
public final class LoginRefusedException extends AuthenticationException {

  /** The reasons, each answered with its own problem code. */
  public enum Reason {
    /** Unknown username, wrong password, or a disabled user. */
    BAD_CREDENTIALS,
    /** Too many failures: locked for {@link #retryAfter()}. */
    THROTTLED,
    /** The password was right but the user's roles need a TOTP code, and none could be given. */
    SECOND_FACTOR_REQUIRED,
    /** The TOTP code was wrong, or already used. */
    SECOND_FACTOR_INVALID
  }

  private final Reason reason;
  private final Duration retryAfter;

  LoginRefusedException(Reason reason, Duration retryAfter) {
    super(reason.name());
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  /** For THROTTLED: how long until the lock ends. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
