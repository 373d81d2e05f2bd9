package coop.sol.ledger.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one benchmark run, and where a writer thread spent its time in it: every
 * database round trip (each socket read is an event, threshold 0, with its stack) summed by the
 * ledger method that made it, and the CPU samples of the thread summed by what they were doing. The
 * socket reads include the server's work for the statement (and the WAL flush for a commit); the
 * samples are the writer's own Java work (running, or runnable and waiting for a core); the park
 * events its waits for submissions. Recording costs the writer about one event per round trip and a
 * sample every 10 ms, for both systems alike.
 */
final class WriterProfile implements AutoCloseable {

  private final Recording recording;
  private final Path file;

  private WriterProfile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Starts recording into {@code file} (JFR's "profile" settings, every socket read recorded). */
  static WriterProfile start(Path file) throws IOException, ParseException {
    var settings = new HashMap<>(Configuration.getConfiguration("profile").getSettings());
    settings.put("jdk.SocketRead#enabled", "true");
    settings.put("jdk.SocketRead#threshold", "0 ms");
    settings.put("jdk.SocketRead#stackTrace", "true");
    settings.put("jdk.SocketWrite#threshold", "0 ms");
    settings.put("jdk.ExecutionSample#period", "10 ms");
    // how long the writer waits for submissions (its queue's poll parks the thread)
    settings.put("jdk.ThreadPark#threshold", "0 ms");
    settings.put("jdk.ThreadPark#stackTrace", "false");
    var recording = new Recording(settings);
    recording.setToDisk(true);
    recording.setDestination(file);
    recording.start();
    return new WriterProfile(recording, file);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    recording.stop();
    recording.close();
  }

  /**
   * Where the thread named {@code threadName} spent the {@code seconds} recorded, in which it
   * committed {@code batches} batches and used {@code cpuNanos} of CPU: printable lines.
   */
  static List<String> summary(
      Path file, String threadName, double seconds, long batches, long cpuNanos)
      throws IOException {
    var roundTrips = new HashMap<String, long[]>(); // label -> {count, nanos}
    var samples = new HashMap<String, Long>();
    long totalSamples = 0;
    long parkedNanos = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      // a sample names the thread it sampled; other events the thread that emitted them
      RecordedThread thread =
          e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
      if (thread == null
          || thread.getJavaName() == null
          || !thread.getJavaName().equals(threadName)) {
        continue;
      }
      String type = e.getEventType().getName();
      if (type.equals("jdk.ThreadPark")) {
        parkedNanos += e.getDuration().toNanos();
        continue;
      }
      if (e.getStackTrace() == null) {
        continue;
      }
      if (type.equals("jdk.SocketRead")) {
        long[] a =
            roundTrips.computeIfAbsent(caller(e.getStackTrace().getFrames()), k -> new long[2]);
        a[0]++;
        a[1] += e.getDuration().toNanos();
      } else if (type.equals("jdk.ExecutionSample")) {
        samples.merge(activity(e.getStackTrace().getFrames()), 1L, Long::sum);
        totalSamples++;
      }
    }
    var lines = new ArrayList<String>();
    long b = Math.max(1, batches);
    long totalNanos = roundTrips.values().stream().mapToLong(a -> a[1]).sum();
    lines.add(
        String.format(
            "  %,.1f ms of wall time per batch: %,.1f ms waiting for the database (server work and"
                + " WAL flush included), %,.1f ms waiting for submissions (queue empty), %,.1f ms on a"
                + " core (the thread's CPU time), the rest (%,.1f ms) runnable, waiting for a core",
            seconds * 1e3 / b,
            totalNanos / 1e6 / b,
            parkedNanos / 1e6 / b,
            cpuNanos / 1e6 / b,
            (seconds * 1e9 - totalNanos - parkedNanos - cpuNanos) / 1e6 / b));
    lines.add("  waits for the database, by the method that made them (socket reads):");
    roundTrips.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
        .forEach(
            r ->
                lines.add(
                    String.format(
                        "    %-44s %5.1f reads per batch  %7.2f ms per batch  %4.1f %%",
                        r.getKey(),
                        (double) r.getValue()[0] / b,
                        r.getValue()[1] / 1e6 / b,
                        100.0 * r.getValue()[1] / Math.max(1, totalNanos))));
    lines.add(
        String.format(
            "  what the writer thread was running (%,d samples, one per 10 ms while in Java):",
            totalSamples));
    long total = Math.max(1, totalSamples);
    var byLayer = new java.util.TreeMap<String, Long>();
    samples.forEach((label, n) -> byLayer.merge(label.split(" ")[0], n, Long::sum));
    lines.add(
        "    by layer: "
            + String.join(
                ", ",
                byLayer.entrySet().stream()
                    .map(l -> String.format("%s %.0f %%", l.getKey(), 100.0 * l.getValue() / total))
                    .toList()));
    samples.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(12)
        .forEach(
            s ->
                lines.add(
                    String.format("    %-60s %5.1f %%", s.getKey(), 100.0 * s.getValue() / total)));
    return lines;
  }

  /** The first ledger (or benchmark) method on the stack: who made the round trip. */
  private static String caller(List<RecordedFrame> frames) {
    boolean commit = false;
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      commit |= f.getMethod().getName().equals("commit");
      if (type.startsWith("coop.sol.ledger.")) {
        return simpleName(type) + "." + f.getMethod().getName() + (commit ? " (commit)" : "");
      }
    }
    return "(other)";
  }

  /**
   * What a CPU sample was doing: hashing, deciding, jOOQ, the driver, or else the first ledger
   * method on the stack.
   */
  private static String activity(List<RecordedFrame> frames) {
    String ledgerMethod = caller(frames);
    String top = frames.isEmpty() ? "" : frames.get(0).getMethod().getType().getName();
    boolean jooq = false;
    boolean driver = false;
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      if (type.endsWith(".JournalHash")) {
        return "SHA-256 chain (JournalHash)";
      }
      if (type.endsWith(".BatchDecider")) {
        return "deciding (BatchDecider." + f.getMethod().getName() + ")";
      }
      driver |= type.startsWith("org.postgresql.");
      jooq |= type.startsWith("org.jooq.");
    }
    String layer = driver ? "driver" : jooq ? "jOOQ" : top.startsWith("coop.sol.") ? "code" : "JDK";
    return layer + " under " + ledgerMethod;
  }

  private static String simpleName(String type) {
    String s = type.substring(type.lastIndexOf('.') + 1);
    return s.contains("$") ? s.substring(0, s.indexOf('$')) : s;
  }
}
