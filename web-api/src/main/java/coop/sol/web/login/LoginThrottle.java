package coop.sol.web.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed logins per username and per client address, in memory, and locks a key for a while
 * once it has failed too often: guessing passwords (or TOTP codes) then costs hours per handful of
 * tries, and a locked key costs no password hashing at all. A success clears the username's count.
 *
 * <p>Usernames are counted whether or not they exist, so a lock says nothing about who has an
 * account. Counters live in this process (bounded Caffeine caches whose entries expire with their
 * window or lock): an installation with several application instances throttles per instance.
 */
public final class LoginThrottle {
  /** Bounds memory whatever an attacker tries; the oldest counters go first. */
  private static final long MAX_KEYS = 100_000;

  private final LoginProperties settings;
  private final Ticker ticker;
  private final Cache<String, Counter> byUsername;
  private final Cache<String, Counter> byAddress;

  public LoginThrottle(LoginProperties settings, Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
    this.byUsername = cache(ticker);
    this.byAddress = cache(ticker);
  }

  /** Failures within the window, and the lock's end in ticker nanoseconds (0 when not locked). */
  private record Counter(int failures, long lockedUntil) {}

  private Cache<String, Counter> cache(Ticker ticker) {
    long window = settings.window().toNanos();
    return Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(MAX_KEYS)
        .expireAfter(
            new Expiry<String, Counter>() {
              @Override
              public long expireAfterCreate(String key, Counter counter, long now) {
                return counter.lockedUntil() > 0 ? counter.lockedUntil() - now : window;
              }

              @Override
              public long expireAfterUpdate(String key, Counter counter, long now, long left) {
                return expireAfterCreate(key, counter, now);
              }

              @Override
              public long expireAfterRead(String key, Counter counter, long now, long left) {
                return left;
              }
            })
        .build();
  }

  /** How much longer logins for this username or from this address are refused, if they are. */
  public Optional<Duration> lockedFor(String username, String address) {
    long now = ticker.read();
    long left =
        Math.max(
            remaining(byUsername.getIfPresent(username), now),
            remaining(byAddress.getIfPresent(address), now));
    return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
  }

  private static long remaining(Counter counter, long now) {
    return counter == null || counter.lockedUntil() == 0
        ? 0
        : Math.max(0, counter.lockedUntil() - now);
  }

  /**
   * Counts a failure.
   *
   * @return which keys this failure has just locked (for the audit log), if any
   */
  public Locked failed(String username, String address) {
    boolean username_ = count(byUsername, username, settings.maxFailuresPerUsername());
    boolean address_ = count(byAddress, address, settings.maxFailuresPerAddress());
    return new Locked(username_, address_);
  }

  /** Which keys a failure has just locked. */
  public record Locked(boolean username, boolean address) {
    public boolean any() {
      return username || address;
    }
  }

  private boolean count(Cache<String, Counter> counters, String key, int max) {
    long now = ticker.read();
    boolean[] lockedNow = {false};
    counters
        .asMap()
        .compute(
            key,
            (k, counter) -> {
              if (counter != null && counter.lockedUntil() > now) {
                return counter; // already locked: a failure does not extend the lock
              }
              int failures =
                  (counter == null || counter.lockedUntil() > 0 ? 0 : counter.failures()) + 1;
              if (failures >= max) {
                lockedNow[0] = true;
                return new Counter(0, now + settings.lockout().toNanos());
              }
              return new Counter(failures, 0);
            });
    return lockedNow[0];
  }

  /** A successful login forgets the username's failures (not the address's). */
  public void succeeded(String username) {
    byUsername.asMap().computeIfPresent(username, (k, c) -> c.lockedUntil() > 0 ? c : null);
  }
}
