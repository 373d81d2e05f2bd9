package coop.sol.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in the tests: the system's time plus an offset a test moves, so that a
 * test waits for nothing (an expiry, a new TOTP step) and the rest of the application keeps its
 * time flowing. A test that moves it puts it back ({@link #reset}) when it ends.
 */
public final class MovableClock extends Clock {
  private final AtomicReference<Duration> offset;
  private final ZoneId zone;

  public MovableClock() {
    this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
  }

  private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
    this.offset = offset;
    this.zone = zone;
  }

  /** Moves the application's time forward (or back) by {@code amount}, from now on. */
  public void advance(Duration amount) {
    offset.updateAndGet(current -> current.plus(amount));
  }

  /** Back to the system's time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same moving time in another zone (moves of either are moves of both). */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new MovableClock(offset, newZone);
  }
}
