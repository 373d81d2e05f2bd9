package coop.sol.web.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What the machine held up while the load runs, from one thread that, every 10 ms, writes 8 KiB to
 * a file on the disk of the PostgreSQL under test, flushes it ({@code fdatasync}: {@link
 * FileChannel#force(boolean) force(false)} on Linux) and sleeps:
 *
 * <ul>
 *   <li>the flush's latency: a durable commit waits for the same kind of flush of PostgreSQL's WAL,
 *       so a flush that stalls here stalls every commit in flight there;
 *   <li>how late the thread wakes from its sleep: a wake-up hundreds of milliseconds late means the
 *       machine ran none of its waiting threads for that long (the cores taken by the host or by
 *       other threads; or a pause of this harness's own JVM, which is small and rarely collects),
 *       which stalls requests of every kind.
 * </ul>
 *
 * <p>It tells a round whose tail grew because the machine held it up from one whose tail grew for a
 * reason of the application's. It costs the disk 100 small flushes a second, beside the thousands
 * of commits a payment step makes.
 */
final class StallProbe implements AutoCloseable {
  private static final long INTERVAL_MS = 10;
  private static final int BLOCK = 8192;
  private static final int BLOCKS = 128;

  private final Path file;
  private final Thread thread;
  private volatile boolean stopped;

  /** Why the probe stopped watching before {@link #close()}, if it did. */
  private volatile IOException failure;

  /**
   * Each turn's end ({@link System#nanoTime()}), its flush's latency and how late its sleep ended,
   * in microseconds, in order.
   */
  private long[] ends = new long[1 << 16];

  private long[] flushMicros = new long[1 << 16];
  private long[] lateMicros = new long[1 << 16];
  private int count;

  private StallProbe(Path file) {
    this.file = file;
    this.thread = new Thread(this::loop, "stall-probe");
    this.thread.setDaemon(true);
  }

  /** Starts watching, flushing {@code file} (created, and deleted on {@link #close()}). */
  static StallProbe start(Path file) {
    var probe = new StallProbe(file);
    probe.thread.start();
    return probe;
  }

  private void loop() {
    var block = ByteBuffer.allocate(BLOCK);
    try (var channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long i = 0; !stopped; i++) {
        block.clear();
        channel.write(block, (i % BLOCKS) * BLOCK);
        long t0 = System.nanoTime();
        channel.force(false);
        long t1 = System.nanoTime();
        Thread.sleep(INTERVAL_MS);
        long late = System.nanoTime() - t1 - INTERVAL_MS * 1_000_000;
        record(t1, (t1 - t0) / 1_000, Math.max(0, late) / 1_000);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void record(long end, long flush, long late) {
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
      flushMicros = Arrays.copyOf(flushMicros, count * 2);
      lateMicros = Arrays.copyOf(lateMicros, count * 2);
    }
    ends[count] = end;
    flushMicros[count] = flush;
    lateMicros[count] = late;
    count++;
  }

  /** The longest flush and the latest wake-up between two instants, in milliseconds. */
  record Stalls(double flushMs, double wakeUpMs) {}

  /**
   * The longest flush and the latest wake-up of the turns whose flush ended between {@code from}
   * and {@code to} ({@link System#nanoTime()}); zeros if none did.
   */
  synchronized Stalls between(long from, long to) {
    if (failure != null) {
      // zeros would read as a calm machine
      throw new UncheckedIOException("the stall probe stopped", failure);
    }
    long flush = 0;
    long late = 0;
    for (int i = 0; i < count; i++) {
      if (ends[i] >= from && ends[i] <= to) {
        flush = Math.max(flush, flushMicros[i]);
        late = Math.max(late, lateMicros[i]);
      }
    }
    return new Stalls(flush / 1e3, late / 1e3);
  }

  @Override
  public void close() throws IOException {
    stopped = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(file);
  }
}
