package coop.sol.web.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the memory the JVM holds but does not use back to the system: one full collection that
 * leaves little free heap, then the C library's free lists.
 *
 * <p>With its defaults (the JVM sizes them from the machine's memory) G1 keeps what the heap grew
 * to, and after a full collection shrinks it only to 70 % free ({@code MaxHeapFreeRatio}). For the
 * trim's one collection, the free-heap ratios are set to {@value #TRIM_MIN_FREE}–{@value
 * #TRIM_MAX_FREE} % (both are manageable flags), then set back: the next burst of work grows the
 * heap again as the JVM sees fit. When the operator has set either ratio, the trim leaves them as
 * they are. Then glibc returns its freed arenas ({@code System.trim_native_heap}, the same as
 * {@code jcmd <pid> System.trim_native_heap}); a JVM without that command skips it.
 */
final class HeapTrim {
  private static final Logger log = LoggerFactory.getLogger(HeapTrim.class);
  static final String MIN_FREE = "MinHeapFreeRatio";
  static final String MAX_FREE = "MaxHeapFreeRatio";
  static final int TRIM_MIN_FREE = 5;
  static final int TRIM_MAX_FREE = 10;
  private static final long MIB = 1024 * 1024;
  private static final Path STATUS = Path.of("/proc/self/status");

  /**
   * What a trim gave back, in bytes. The process's resident memory is read before only: G1 returns
   * the pages of the regions it uncommits concurrently, some hundreds of milliseconds later.
   *
   * @param residentBefore -1 where the system does not tell
   */
  record Outcome(
      long heapCommittedBefore,
      long heapCommittedAfter,
      long heapUsedAfter,
      long residentBefore,
      Duration took) {
    @Override
    public String toString() {
      return "heap committed %d → %d MiB (%d MiB used) in %d ms; %d MiB resident before"
          .formatted(
              heapCommittedBefore / MIB,
              heapCommittedAfter / MIB,
              heapUsedAfter / MIB,
              took.toMillis(),
              residentBefore / MIB);
    }
  }

  /** Null when the JVM is not HotSpot's or the operator has set the ratios. */
  private final HotSpotDiagnosticMXBean flags;

  private final String minFree;
  private final String maxFree;

  private HeapTrim(HotSpotDiagnosticMXBean flags, String minFree, String maxFree) {
    this.flags = flags;
    this.minFree = minFree;
    this.maxFree = maxFree;
  }

  /** The trim of this JVM, with the free-heap ratios it has now as those to restore. */
  static HeapTrim ofThisJvm() {
    HotSpotDiagnosticMXBean flags;
    try {
      flags = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    } catch (IllegalArgumentException notHotSpot) {
      flags = null;
    }
    if (flags == null) {
      return new HeapTrim(null, null, null);
    }
    VMOption min = flags.getVMOption(MIN_FREE);
    VMOption max = flags.getVMOption(MAX_FREE);
    if (min.getOrigin() != VMOption.Origin.DEFAULT || max.getOrigin() != VMOption.Origin.DEFAULT) {
      log.info(
          "Idle memory trim: {}={} and {}={} were set, the trim keeps them",
          MIN_FREE,
          min.getValue(),
          MAX_FREE,
          max.getValue());
      return new HeapTrim(null, null, null);
    }
    return new HeapTrim(flags, min.getValue(), max.getValue());
  }

  /** Runs the trim: a full collection, which pauses the application for tens of milliseconds. */
  Outcome run() {
    long start = System.nanoTime();
    long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    long residentBefore = resident();
    collect();
    trimNativeHeap();
    MemoryUsage heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Outcome(
        heapBefore,
        heapAfter.getCommitted(),
        heapAfter.getUsed(),
        residentBefore,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * JVM-wide, as the flags are: two contexts in one JVM (tests) never interleave their settings.
   */
  private void collect() {
    synchronized (HeapTrim.class) {
      if (flags == null) {
        System.gc();
        return;
      }
      // each setting keeps min <= max, which the JVM checks at every change
      flags.setVMOption(MIN_FREE, Integer.toString(TRIM_MIN_FREE));
      flags.setVMOption(MAX_FREE, Integer.toString(TRIM_MAX_FREE));
      try {
        System.gc();
      } finally {
        flags.setVMOption(MAX_FREE, maxFree);
        flags.setVMOption(MIN_FREE, minFree);
      }
    }
  }

  private static void trimNativeHeap() {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "systemTrimNativeHeap",
              new Object[0],
              new String[0]);
    } catch (JMException | RuntimeException unavailable) {
      log.debug("The native heap was not trimmed: {}", unavailable.toString());
    }
  }

  /** This process's resident memory, from Linux's /proc; -1 elsewhere. */
  private static long resident() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux, or /proc not mounted
    }
    return -1;
  }
}
