package coop.sol.web.login;

import coop.sol.ledger.user.LoginThrottleStore;
import coop.sol.ledger.user.LoginThrottleStore.Admission;
import coop.sol.ledger.user.LoginThrottleStore.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts login attempts per username and per client address, in the database (ledger-core's {@link
 * LoginThrottleStore}), so that every application instance counts the same and a lock holds
 * whichever instance answers. An attempt is counted before its password is checked: once {@code
 * max-failures} attempts are counted, further ones are refused without hashing, however many arrive
 * at once, and the last allowed failure locks the key for {@code lockout}. Guessing passwords (or
 * TOTP codes) then costs hours per handful of tries. A success forgets the username's count.
 *
 * <p>Usernames are counted whether or not they exist, so a lock says nothing about who has an
 * account.
 */
public final class LoginThrottle {
  private final LoginProperties settings;
  private final LoginThrottleStore store;
  private final Clock clock;

  public LoginThrottle(LoginProperties settings, LoginThrottleStore store, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Counts an attempt of {@code username} from {@code address} before its check; empty when it may
   * go on, else how much longer attempts are refused. The address is counted first: an attempt
   * refused for its address does not count against the username.
   */
  public Optional<Duration> admit(String username, String address) {
    username = subject(username);
    address = subject(address);
    Instant now = clock.instant();
    Instant windowStart = now.minus(settings.window());
    Admission byAddress =
        store.admit(Scope.ADDRESS, address, settings.maxFailuresPerAddress(), now, windowStart);
    if (!byAddress.allowed()) {
      return Optional.of(retryAfter(byAddress, now));
    }
    Admission byUsername =
        store.admit(Scope.USERNAME, username, settings.maxFailuresPerUsername(), now, windowStart);
    if (!byUsername.allowed()) {
      return Optional.of(retryAfter(byUsername, now));
    }
    return Optional.empty();
  }

  /**
   * Until the lock ends; when the maximum is reached by attempts still being checked (no lock set
   * yet), as long as the lock they are about to set.
   */
  private Duration retryAfter(Admission refused, Instant now) {
    if (refused.lockedUntil() == null || !refused.lockedUntil().isAfter(now)) {
      return settings.lockout();
    }
    return Duration.between(now, refused.lockedUntil());
  }

  /**
   * Records that an admitted attempt failed.
   *
   * @return which keys this failure has just locked (for the audit log), if any
   */
  public Locked failed(String username, String address) {
    username = subject(username);
    address = subject(address);
    Instant until = clock.instant().plus(settings.lockout());
    boolean usernameLocked =
        store.failed(Scope.USERNAME, username, settings.maxFailuresPerUsername(), until);
    boolean addressLocked =
        store.failed(Scope.ADDRESS, address, settings.maxFailuresPerAddress(), until);
    return new Locked(usernameLocked, addressLocked);
  }

  /** Which keys a failure has just locked. */
  public record Locked(boolean username, boolean address) {
    public boolean any() {
      return username || address;
    }
  }

  /**
   * A successful login forgets the username's attempts; for the address it is no failure (its
   * earlier failures still count).
   */
  public void succeeded(String username, String address) {
    store.forget(Scope.USERNAME, subject(username), clock.instant());
    store.release(Scope.ADDRESS, subject(address));
  }

  /**
   * An admitted attempt refused for another reason than its credentials (a second factor the door
   * cannot carry): no failure, for the username nor the address.
   */
  public void released(String username, String address) {
    store.release(Scope.USERNAME, subject(username));
    store.release(Scope.ADDRESS, subject(address));
  }

  /**
   * Forgets the counts that can no longer matter (neither locked nor within the window): what a
   * password sprayer's made-up usernames leave behind.
   *
   * @return how many were forgotten
   */
  public int purge() {
    Instant now = clock.instant();
    return store.purge(now.minus(settings.window()), now);
  }

  /** What is counted for a username or address as typed: never empty, at most 200 characters. */
  private static String subject(String typed) {
    if (typed == null || typed.isEmpty()) {
      return "(vide)";
    }
    return typed.length() <= 200 ? typed : typed.substring(0, 200);
  }
}
