package coop.sol.web.reliability.harness;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load at a fixed offered rate: the n-th request is due at {@code start + n / rate},
 * whatever happened to the earlier ones, and its latency is measured from that intended time, not
 * from when it was actually sent, so a server that stalls is charged for the requests that queued
 * behind the stall (no coordinated omission). Requests go out asynchronously on one {@link
 * HttpClient}; at most {@code maxInFlight} are outstanding, and a request due while that many are
 * is not sent and counted as an error of the generator.
 */
final class OpenLoopLoad {
  static final String NOT_SENT = "not sent: ";

  private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z_]+)\"");

  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxInFlight;

  OpenLoopLoad(HttpClient http, Duration requestTimeout, int maxInFlight) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.maxInFlight = maxInFlight;
  }

  /**
   * What one step measured: requests whose intended time fell in the measured window, answered with
   * a 2xx ({@code ok}, their latency in {@code latencyMicros}) or not ({@code errors} by kind).
   */
  record Result(
      int offeredRate, double seconds, long ok, Histogram latencyMicros, Map<String, Long> errors) {
    double achievedRate() {
      return ok / seconds;
    }

    /** Requests sent (answered or not) per second: the generator's own refusals left out. */
    double sentRate() {
      long notSent =
          errors.entrySet().stream()
              .filter(e -> e.getKey().startsWith(NOT_SENT))
              .mapToLong(Map.Entry::getValue)
              .sum();
      return (ok + errorCount() - notSent) / seconds;
    }

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double percentileMs(double percentile) {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMs() {
      return latencyMicros.getTotalCount() == 0
          ? Double.NaN
          : latencyMicros.getMaxValue() / 1_000.0;
    }
  }

  /** When request {@code index} is due, in nanoTime, for a load that started at {@code start}. */
  static long intendedNanos(long start, long index, int ratePerSecond) {
    return start + index * 1_000_000_000L / ratePerSecond;
  }

  /**
   * Sends {@code request.apply(n)} at {@code rate} per second for {@code warmUp} (not measured)
   * then {@code measured}, and waits for the answers of the measured requests.
   */
  Result run(
      LongFunction<HttpRequest.Builder> request, int rate, Duration warmUp, Duration measured) {
    var recorder = new Recorder(3_600_000_000L, 3);
    var ok = new LongAdder();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    var inFlight = new AtomicInteger();
    long start = System.nanoTime() + 1_000_000;
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + measured.toNanos();
    for (long n = 0; ; n++) {
      long intended = intendedNanos(start, n, rate);
      if (intended >= end) {
        break;
      }
      long wait = intended - System.nanoTime();
      if (wait > 20_000) {
        LockSupport.parkNanos(wait);
      }
      boolean counted = intended >= measureFrom;
      if (inFlight.get() >= maxInFlight) {
        if (counted) {
          errors
              .computeIfAbsent("not sent: " + maxInFlight + " in flight", k -> new LongAdder())
              .increment();
        }
        continue;
      }
      inFlight.incrementAndGet();
      http.sendAsync(
              request.apply(n).timeout(requestTimeout).build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, failure) -> {
                long latency = System.nanoTime() - intended;
                inFlight.decrementAndGet();
                if (!counted) {
                  return;
                }
                if (failure == null && response.statusCode() / 100 == 2) {
                  ok.increment();
                  recorder.recordValue(Math.min(latency / 1_000, 3_600_000_000L));
                } else {
                  errors
                      .computeIfAbsent(errorKind(response, failure), k -> new LongAdder())
                      .increment();
                }
              });
    }
    long drainDeadline = System.nanoTime() + requestTimeout.toNanos() + 2_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
      LockSupport.parkNanos(10_000_000);
    }
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    if (inFlight.get() > 0) {
      errorCounts.put("unanswered after the step", (long) inFlight.get());
    }
    return new Result(
        rate, measured.toNanos() / 1e9, ok.sum(), recorder.getIntervalHistogram(), errorCounts);
  }

  /** "HTTP 503 OVERLOADED", "timeout", "connection refused", ... */
  static String errorKind(HttpResponse<String> response, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof HttpTimeoutException) {
        return "timeout";
      }
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      return cause.getClass().getSimpleName();
    }
    var code = PROBLEM_CODE.matcher(response.body() == null ? "" : response.body());
    return "HTTP " + response.statusCode() + (code.find() ? " " + code.group(1) : "");
  }
}
