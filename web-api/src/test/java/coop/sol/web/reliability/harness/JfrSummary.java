package coop.sol.web.reliability.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a flight recording ({@code jdk.ExecutionSample}), summarized: the methods on
 * top of the stack (self time) and the methods anywhere on it (total time), by share of samples.
 */
final class JfrSummary {
  record Line(String method, double share) {}

  final long samples;
  final List<Line> self;
  final List<Line> total;
  final List<Line> ownCode;

  private JfrSummary(long samples, List<Line> self, List<Line> total, List<Line> ownCode) {
    this.samples = samples;
    this.self = self;
    this.total = total;
    this.ownCode = ownCode;
  }

  static JfrSummary of(Path recording, int top) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> ownCode = new HashMap<>();
    long samples = 0;
    try (var file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        var event = file.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")
            || event.getStackTrace() == null) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (frames.isEmpty()) {
          continue;
        }
        self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        boolean ownSeen = false;
        for (RecordedFrame frame : frames) {
          String name = name(frame.getMethod());
          if (seen.add(name)) {
            total.merge(name, 1L, Long::sum);
          }
          if (!ownSeen && name.startsWith("coop.sol.")) {
            // the innermost SOL method of the sample: where our code spends, directly or below
            ownCode.merge(name, 1L, Long::sum);
            ownSeen = true;
          }
        }
      }
    }
    return new JfrSummary(
        samples, top(self, samples, top), top(total, samples, top), top(ownCode, samples, top));
  }

  private static String name(RecordedMethod method) {
    return method.getType().getName() + "." + method.getName();
  }

  private static List<Line> top(Map<String, Long> counts, long samples, int n) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> new Line(e.getKey(), 100.0 * e.getValue() / Math.max(1, samples)))
        .toList();
  }
}
