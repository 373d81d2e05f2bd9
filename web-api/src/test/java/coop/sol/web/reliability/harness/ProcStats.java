package coop.sol.web.reliability.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Memory and CPU time of processes, read from Linux's {@code /proc}: what the benchmark reports for
 * the application's JVM, its PostgreSQL (the postmaster and its backends), the generator (this JVM)
 * and the machine as a whole.
 */
final class ProcStats {
  /** USER_HZ: the unit of the CPU times in /proc/<pid>/stat and /proc/stat, 100 on Linux. */
  static final double TICKS_PER_SECOND = 100;

  /**
   * How long after its start the application counts as idle, as {@code bench/rss/idle-rss.sh}
   * waits: it trims its memory when the JVM has made no collection for 15 s ({@code
   * sol.memory.idle-after}), which it looks at every 5 s.
   */
  static final long IDLE_MILLIS = 25_000;

  private ProcStats() {}

  /** The process and all its descendants that are alive now. */
  static List<Long> tree(long pid) {
    return ProcessHandle.of(pid)
        .map(p -> Stream.concat(Stream.of(p), p.descendants()).map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }

  /** Resident set size in KiB ({@code VmRSS}), 0 if the process is gone. */
  static long rssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  /**
   * Proportional set size in KiB ({@code Pss} of smaps_rollup): shared pages divided among their
   * sharers, so that PostgreSQL's shared buffers count once over all its processes.
   */
  static long pssKib(long pid) {
    return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
  }

  static long sumRssKib(List<Long> pids) {
    return pids.stream().mapToLong(ProcStats::rssKib).sum();
  }

  static long sumPssKib(List<Long> pids) {
    return pids.stream().mapToLong(ProcStats::pssKib).sum();
  }

  private static long field(Path file, String name) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(line -> line.startsWith(name))
          .findFirst()
          .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
          .orElse(0L);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** User plus system CPU time of one process, in ticks; 0 if it is gone. */
  static long cpuTicks(long pid) {
    try {
      return statTicks(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** User plus system CPU time in a process's or thread's {@code stat} file, in ticks. */
  private static long statTicks(Path statFile) throws IOException {
    String stat = Files.readString(statFile);
    // the command name in parentheses may hold spaces: count fields after its closing one
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * User plus system CPU time of a JVM's JIT compiler threads (HotSpot names them {@code C1
   * CompilerThre…} and {@code C2 CompilerThre…}), in ticks; 0 if it is gone.
   */
  static long compilerTicks(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
            ticks += statTicks(thread.resolve("stat"));
          }
        } catch (IOException | RuntimeException ended) {
          // a thread that ended meanwhile: its time is lost, as the process's own count loses it
        }
      }
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
    return ticks;
  }

  /** System (kernel) CPU time of one process, in ticks; 0 if it is gone. */
  static long systemTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** CPU times of processes, by pid, at one moment. */
  static Map<Long, Long> cpuSnapshot(List<Long> pids) {
    Map<Long, Long> ticks = new HashMap<>();
    for (long pid : pids) {
      ticks.put(pid, cpuTicks(pid));
    }
    return ticks;
  }

  /**
   * CPU used between two snapshots, in cores (1.0 = one core busy all the time); a process that
   * started in between counts from zero, one that ended in between is lost.
   */
  static double cores(Map<Long, Long> before, Map<Long, Long> after, double seconds) {
    long ticks = 0;
    for (var entry : after.entrySet()) {
      ticks += Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
    }
    return ticks / TICKS_PER_SECOND / seconds;
  }

  /** The machine's busy and total CPU ticks since boot (the first line of /proc/stat). */
  record MachineTicks(long busy, long total) {
    static MachineTicks now() {
      try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
        String[] f = lines.findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new MachineTicks(total - idle, total);
      } catch (IOException | RuntimeException e) {
        return new MachineTicks(0, 0);
      }
    }

    /** Cores busy between {@code earlier} and this, over {@code seconds}. */
    double coresSince(MachineTicks earlier, double seconds) {
      return (busy - earlier.busy) / TICKS_PER_SECOND / seconds;
    }
  }

  /**
   * The machine's steal ticks since boot (the eighth figure of /proc/stat's first line): the time
   * the host ran something else while this virtual machine had work for its cores; 0 if unknown.
   */
  static long stealTicks() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      return Long.parseLong(lines.findFirst().orElseThrow().trim().split("\\s+")[8]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
