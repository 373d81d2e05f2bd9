package coop.sol.web.memory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gives the memory a burst of work left behind back to the system once the application is idle.
 *
 * <p>Idle means what the JVM's own periodic collection means by it (JEP 346): no garbage collection
 * for {@code idleAfter}. A server that answers requests allocates, and so collects every few
 * seconds at most; one that only answers a health probe now and then goes minutes without a
 * collection. The first collection after start counts as activity too, so the memory start-up took
 * is given back once, {@code idleAfter} after the last collection. After a trim, nothing happens
 * again until a collection shows new activity: an idle server is trimmed once, not every {@code
 * idleAfter}.
 *
 * <p>What is given back, and how, is {@link HeapTrim}'s. Each instance trims its own process: there
 * is nothing to share between instances.
 */
final class IdleMemoryTrim {
  private final long idleAfterNanos;
  private final LongSupplier collections;
  private final LongSupplier liveThreads;
  private final LongSupplier nanoTime;
  private final Supplier<HeapTrim.Outcome> trim;
  private long lastCollections = -1;
  private long lastActivity;
  private long collectionsAfterTrim = -1;
  private long threadsAfterTrim = Long.MAX_VALUE;

  /**
   * @param collections how many garbage collections the JVM has made so far
   * @param liveThreads how many threads the JVM has now
   * @param nanoTime a monotonic clock
   * @param trim what gives the memory back
   */
  IdleMemoryTrim(
      Duration idleAfter,
      LongSupplier collections,
      LongSupplier liveThreads,
      LongSupplier nanoTime,
      Supplier<HeapTrim.Outcome> trim) {
    this.idleAfterNanos = idleAfter.toNanos();
    this.collections = collections;
    this.liveThreads = liveThreads;
    this.nanoTime = nanoTime;
    this.trim = trim;
  }

  /**
   * Looks whether the application has gone idle since the last look, and trims its memory if so;
   * called every few seconds.
   *
   * @return what the trim gave back, if one ran
   */
  synchronized Optional<HeapTrim.Outcome> check() {
    long now = nanoTime.getAsLong();
    long count = collections.getAsLong();
    if (count != lastCollections) {
      lastCollections = count;
      lastActivity = now;
      return Optional.empty();
    }
    long threads = liveThreads.getAsLong();
    boolean due = count != collectionsAfterTrim || threads < threadsAfterTrim;
    if (!due || now - lastActivity < idleAfterNanos) {
      return Optional.empty();
    }
    HeapTrim.Outcome outcome = trim.get();
    threadsAfterTrim = threads;
    // the trim's own collection is not activity
    collectionsAfterTrim = collections.getAsLong();
    lastCollections = collectionsAfterTrim;
    lastActivity = nanoTime.getAsLong();
    return Optional.of(outcome);
  }
}
