package coop.sol.web.reliability.harness;

import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.web.reliability.harness.HarnessClient.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Overload: a ramp of closed-loop clients on loopback, from a few to several times what the server
 * serves at once, then back down. Half the requests are payments, half balance reads. For each step
 * it reports the answers by status and problem code, throughput, latency of the successful ones,
 * and what the health probe (sampled every 200 ms) said. It passes when beyond saturation the
 * server sheds load with 503 problems carrying Retry-After rather than letting requests queue, the
 * health probe stays UP throughout, no request goes unanswered within the client timeout, no other
 * 5xx appears, latency comes back when the load drops, and the journal verifies afterwards.
 *
 * <p>{@code ./mvnw -pl web-api -Poverload-harness verify}; settings as system properties: {@code
 * overload.steps} (concurrent clients per step, "4,16,64,256,4"), {@code overload.step-seconds}
 * (8), {@code overload.app-args} (extra arguments of the application, e.g.
 * "--sol.reliability.max-concurrent-requests=32").
 */
public final class OverloadHarness {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final int[] steps =
      Arrays.stream(System.getProperty("overload.steps", "4,16,64,256,4").split(","))
          .mapToInt(s -> Integer.parseInt(s.trim()))
          .toArray();
  private final int stepSeconds = Integer.getInteger("overload.step-seconds", 8);
  private final List<String> appArgs =
      Arrays.stream(System.getProperty("overload.app-args", "").split("\\s+"))
          .filter(s -> !s.isBlank())
          .toList();

  /** What one step measured. */
  static final class Step {
    final int clients;
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final List<Long> okMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger withoutRetryAfter = new AtomicInteger();
    final AtomicInteger healthSamples = new AtomicInteger();
    final AtomicInteger healthUp = new AtomicInteger();
    final AtomicLong healthMaxMicros = new AtomicLong();
    long elapsedNanos;

    Step(int clients) {
      this.clients = clients;
    }

    long percentile(double p) {
      List<Long> sorted;
      synchronized (okMicros) {
        sorted = new ArrayList<>(okMicros);
      }
      if (sorted.isEmpty()) {
        return -1;
      }
      sorted.sort(null);
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    int count(String prefix) {
      return answers.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .mapToInt(e -> e.getValue().get())
          .sum();
    }
  }

  public static void main(String[] args) throws Exception {
    JdbcDriver.load();
    new OverloadHarness().run();
  }

  private void run() throws Exception {
    Path jar = Path.of(System.getProperty("sol.jar", "web-api/target/sol.jar"));
    Path root =
        Path.of(System.getProperty("harness.dir", "web-api/target/overload-harness"))
            .resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now()));
    Files.createDirectories(root);
    System.out.printf(
        "Overload harness: steps %s clients, %d s each, application arguments %s, in %s%n",
        Arrays.toString(steps), stepSeconds, appArgs, root);
    var app = new SolProcess(jar, root.resolve("data"), SolProcess.freePort(), appArgs);
    List<Step> results = new ArrayList<>();
    try {
      app.start(Duration.ofSeconds(180));
      var client = new HarnessClient(app.baseUrl(), REQUEST_TIMEOUT);
      String alice = client.token(app.dataDirectory(), "alice");
      String bruno = client.token(app.dataDirectory(), "bruno");
      long aliceAccount = client.account(alice, "COOPERATION");
      long brunoAccount = client.account(bruno, "COOPERATION");
      var keys = new AtomicLong();
      for (int clients : steps) {
        Step step = new Step(clients);
        results.add(step);
        var stop = new AtomicBoolean();
        Thread health = new Thread(() -> sampleHealth(client, step, stop), "health");
        health.start();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
          Thread worker =
              new Thread(
                  () -> {
                    var random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                      boolean fromAlice = random.nextBoolean();
                      String token = fromAlice ? alice : bruno;
                      long own = fromAlice ? aliceAccount : brunoAccount;
                      long t0 = System.nanoTime();
                      Answer answer =
                          random.nextBoolean()
                              ? client.pay(
                                  token,
                                  "load-" + keys.incrementAndGet(),
                                  own,
                                  fromAlice ? brunoAccount : aliceAccount,
                                  "0.0" + (1 + random.nextInt(9)),
                                  "charge")
                              : client.get(token, "/api/v1/accounts/" + own);
                      record(step, answer, (System.nanoTime() - t0) / 1_000);
                    }
                  },
                  "load-" + i);
          worker.setDaemon(true);
          worker.start();
          workers.add(worker);
        }
        SolProcess.sleep(stepSeconds * 1_000L);
        stop.set(true);
        for (Thread worker : workers) {
          worker.join(REQUEST_TIMEOUT.toMillis() + 5_000);
        }
        step.elapsedNanos = System.nanoTime() - started;
        health.join(10_000);
        print(step);
      }
    } finally {
      app.stop();
    }
    Map<String, VerificationReport> reports;
    ExportVerifier.Result offline;
    try (var ledger = new StoppedLedger(root.resolve("data").resolve("postgres"))) {
      reports = ledger.verifyAll();
      offline = ledger.verifyExport("demo", root.resolve("demo-export.zip"));
    }
    check(results, reports, offline);
  }

  private static void record(Step step, Answer answer, long micros) {
    step.requests.incrementAndGet();
    if (answer.failure() != null) {
      step.failures.incrementAndGet();
      step.answers
          .computeIfAbsent(
              "no answer (" + answer.failure().getClass().getSimpleName() + ")",
              k -> new AtomicInteger())
          .incrementAndGet();
      return;
    }
    String code = answer.code();
    step.answers
        .computeIfAbsent(
            answer.status() + (code == null ? "" : " " + code), k -> new AtomicInteger())
        .incrementAndGet();
    if (answer.status() / 100 == 2) {
      step.okMicros.add(micros);
    } else if ((answer.status() == 503 || answer.status() == 429)
        && answer.header("Retry-After") == null) {
      step.withoutRetryAfter.incrementAndGet();
    }
  }

  private static void sampleHealth(HarnessClient client, Step step, AtomicBoolean stop) {
    while (!stop.get()) {
      long t0 = System.nanoTime();
      Answer answer =
          client.send(client.request("/actuator/health").timeout(Duration.ofSeconds(5)).GET());
      long micros = (System.nanoTime() - t0) / 1_000;
      step.healthSamples.incrementAndGet();
      if (answer.status() == 200 && answer.body().contains("\"UP\"")) {
        step.healthUp.incrementAndGet();
      }
      step.healthMaxMicros.accumulateAndGet(micros, Math::max);
      SolProcess.sleep(200);
    }
  }

  private static void print(Step s) {
    double secs = s.elapsedNanos / 1e9;
    System.out.printf(
        "%4d clients: %6d requests (%6.0f/s), 2xx %6d (%6.0f/s), p50 %6.1f ms, p99 %7.1f ms |"
            + " health UP %d/%d, slowest %.0f ms | %s%n",
        s.clients,
        s.requests.get(),
        s.requests.get() / secs,
        s.count("2"),
        s.count("2") / secs,
        s.percentile(0.50) / 1e3,
        s.percentile(0.99) / 1e3,
        s.healthUp.get(),
        s.healthSamples.get(),
        s.healthMaxMicros.get() / 1e3,
        new TreeMap<>(s.answers));
  }

  private static void check(
      List<Step> results, Map<String, VerificationReport> reports, ExportVerifier.Result offline) {
    List<String> failures = new ArrayList<>();
    int shed = 0;
    for (Step s : results) {
      if (s.failures.get() > 0) {
        failures.add(s.clients + " clients: " + s.failures.get() + " requests without an answer");
      }
      if (s.healthUp.get() != s.healthSamples.get()) {
        failures.add(
            s.clients
                + " clients: health UP in "
                + s.healthUp.get()
                + " of "
                + s.healthSamples.get()
                + " samples");
      }
      if (s.withoutRetryAfter.get() > 0) {
        failures.add(s.clients + " clients: 503/429 without Retry-After");
      }
      s.answers.forEach(
          (answer, count) -> {
            if (answer.startsWith("5") && !answer.startsWith("503 ")) {
              failures.add(s.clients + " clients: " + count.get() + " x " + answer);
            }
          });
      shed += s.count("503") + s.count("429");
    }
    if (shed == 0 && !Boolean.getBoolean("overload.no-shedding-expected")) {
      failures.add("no request was shed: the ramp did not go beyond saturation");
    }
    Step first = results.get(0);
    Step last = results.get(results.size() - 1);
    long before = first.percentile(0.99);
    long after = last.percentile(0.99);
    if (after > Math.max(3 * before, before + 50_000)) {
      failures.add(
          "latency did not recover: p99 " + after / 1e3 + " ms after, " + before / 1e3 + " before");
    }
    reports.forEach(
        (network, report) -> {
          if (!report.valid()) {
            failures.add("verifier on " + network + ": " + report.firstDiscrepancy().orElseThrow());
          }
        });
    if (!offline.valid()) {
      failures.add("offline verifier on the export: " + offline.firstDiscrepancy().orElseThrow());
    }
    System.out.println();
    System.out.println("=== Overload harness results ===");
    System.out.printf(
        "requests %d, shed (503/429) %d, no answer %d, health samples UP %d/%d, p99 first step %.1f"
            + " ms, last step %.1f ms%n",
        results.stream().mapToInt(s -> s.requests.get()).sum(),
        shed,
        results.stream().mapToInt(s -> s.failures.get()).sum(),
        results.stream().mapToInt(s -> s.healthUp.get()).sum(),
        results.stream().mapToInt(s -> s.healthSamples.get()).sum(),
        before / 1e3,
        after / 1e3);
    reports.forEach(
        (network, report) ->
            System.out.printf(
                "verifier %-15s %s%n",
                network, report.valid() ? "OK" : report.firstDiscrepancy().orElseThrow()));
    System.out.printf(
        "offline verifier         %s on the export of demo (%d checks)%n",
        offline.valid() ? "OK" : offline.firstDiscrepancy().orElseThrow(),
        offline.checked().size());
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.println("FAIL " + f));
      throw new IllegalStateException(failures.size() + " overload failures");
    }
    System.out.println("PASS");
  }
}
