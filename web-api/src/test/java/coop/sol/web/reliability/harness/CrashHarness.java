package coop.sol.web.reliability.harness;

import coop.sol.web.reliability.harness.Settlement.Fate;
import coop.sol.web.reliability.harness.Settlement.Payment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Crash consistency: clients pay with idempotency keys while the application (SIGKILL) and its
 * embedded PostgreSQL (SIGKILL of the postmaster) are killed at random moments; each client retries
 * a payment with the same key and body until it gets a definitive answer. The application is
 * started again after each of its kills; the database must come back without restarting the
 * application (the embedded server's watchdog restarts it, the pool and the ledger's writer
 * reconnect). Afterwards, on the stopped application's data directory: the journal verifier passes
 * on every network, every acknowledged payment is in the journal exactly once (by transfer id, by
 * ledger key and by its memo), and no payment refused with a definitive answer is.
 *
 * <p>{@code ./mvnw -pl web-api -Pcrash-harness verify}; settings as system properties: {@code
 * crash.clients} (4), {@code crash.app-kills} (3), {@code crash.db-kills} (3), {@code
 * crash.min-gap-ms} / {@code crash.max-gap-ms} between faults (2000 / 6000), {@code crash.pause-ms}
 * between a client's payments (20), {@code crash.seed}. Loopback only; every wait is bounded.
 */
public final class CrashHarness {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration PAYMENT_DEADLINE = Duration.ofSeconds(180);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String MEMO_PREFIX = "crash ";

  private final int clients = Integer.getInteger("crash.clients", 4);
  private final int appKills = Integer.getInteger("crash.app-kills", 3);
  private final int dbKills = Integer.getInteger("crash.db-kills", 3);
  private final long minGap = Long.getLong("crash.min-gap-ms", 2_000);
  private final long maxGap = Long.getLong("crash.max-gap-ms", 6_000);
  private final long pause = Long.getLong("crash.pause-ms", 20);
  private final long seed = Long.getLong("crash.seed", System.nanoTime());

  private final List<Payment> payments = new CopyOnWriteArrayList<>();
  private final Settlement settlement = new Settlement(PAYMENT_DEADLINE);
  private final AtomicBoolean stop = new AtomicBoolean();

  public static void main(String[] args) throws Exception {
    JdbcDriver.load();
    new CrashHarness().run();
  }

  private void run() throws Exception {
    Path jar = Path.of(System.getProperty("sol.jar", "web-api/target/sol.jar"));
    Path root =
        Path.of(System.getProperty("harness.dir", "web-api/target/crash-harness"))
            .resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now()));
    Files.createDirectories(root);
    Random random = new Random(seed);
    System.out.printf(
        "Crash harness: %d clients, %d application kills, %d database kills, seed %d, in %s%n",
        clients, appKills, dbKills, seed, root);

    var app = new SolProcess(jar, root.resolve("data"), SolProcess.freePort(), List.of());
    var faults = new ArrayList<String>();
    long started = System.nanoTime();
    List<Long> appRecoveries = new ArrayList<>();
    List<Long> dbRecoveries = new ArrayList<>();
    try {
      app.start(START_TIMEOUT);
      var client = new HarnessClient(app.baseUrl(), REQUEST_TIMEOUT);
      String alice = client.token(app.dataDirectory(), "alice");
      String bruno = client.token(app.dataDirectory(), "bruno");
      long aliceAccount = client.account(alice, "COOPERATION");
      long brunoAccount = client.account(bruno, "COOPERATION");

      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        // half pay alice -> bruno, half bruno -> alice, the same amounts: balances stay near
        boolean fromAlice = i % 2 == 0;
        int id = i;
        Thread thread =
            new Thread(
                () ->
                    payLoop(
                        client,
                        id,
                        fromAlice ? "alice" : "bruno",
                        fromAlice ? alice : bruno,
                        fromAlice ? aliceAccount : brunoAccount,
                        fromAlice ? brunoAccount : aliceAccount),
                "client-" + i);
        thread.start();
        threads.add(thread);
      }

      List<Boolean> plan = new ArrayList<>();
      for (int i = 0; i < appKills; i++) {
        plan.add(true);
      }
      for (int i = 0; i < dbKills; i++) {
        plan.add(false);
      }
      Collections.shuffle(plan, random);
      for (boolean killApp : plan) {
        SolProcess.sleep(minGap + (long) (random.nextDouble() * (maxGap - minGap)));
        int busy = settlement.inFlight();
        long t0 = System.nanoTime();
        if (killApp) {
          app.kill();
          faults.add(
              String.format(
                  "%6.1f s  SIGKILL application (%d requests in flight)", seconds(started), busy));
          app.start(START_TIMEOUT);
          appRecoveries.add((System.nanoTime() - t0) / 1_000_000);
        } else {
          ProcessHandle postmaster =
              app.postmaster().orElseThrow(() -> new IllegalStateException("no postmaster"));
          postmaster.destroyForcibly();
          faults.add(
              String.format(
                  "%6.1f s  SIGKILL PostgreSQL postmaster %d (%d requests in flight)",
                  seconds(started), postmaster.pid(), busy));
          awaitDatabaseBack(app, postmaster.pid());
          dbRecoveries.add((System.nanoTime() - t0) / 1_000_000);
        }
      }
      // a few quiet seconds after the last fault, then the clients finish what they started
      SolProcess.sleep(5_000);
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(PAYMENT_DEADLINE.toMillis() + 10_000);
      }
    } finally {
      stop.set(true);
      app.stop();
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000_000;
    faults.forEach(f -> System.out.println("  " + f));
    System.out.printf(
        "Application back (UP) after each kill: %s ms; database back after each kill: %s ms%n",
        appRecoveries, dbRecoveries);
    check(root, elapsed, faults.size());
  }

  /** Waits until a new postmaster runs (the application's watchdog started it). */
  private static void awaitDatabaseBack(SolProcess app, long killedPid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> now = app.postmaster();
      if (now.isPresent() && now.get().pid() != killedPid) {
        return;
      }
      SolProcess.sleep(50);
    }
    throw new IllegalStateException("the embedded PostgreSQL was not restarted within 90 s");
  }

  private void payLoop(
      HarnessClient client, int id, String payer, String token, long debit, long credit) {
    for (int n = 0; !stop.get(); n++) {
      String key = "crash-" + id + "-" + n;
      String memo = MEMO_PREFIX + id + "-" + n;
      long minor = 1 + n % 9;
      String amount = "0.0" + minor;
      payments.add(
          settlement.settle(client, key, memo, payer, token, debit, credit, minor, amount));
      if (pause > 0) {
        SolProcess.sleep(pause);
      }
    }
  }

  private void check(Path root, long elapsedSeconds, int faults) {
    Settlement.Verdict verdict;
    try (var ledger = new StoppedLedger(root.resolve("data").resolve("postgres"))) {
      verdict = settlement.check(ledger, payments, MEMO_PREFIX, root.resolve("demo-export.zip"));
    }
    Map<Fate, Integer> byFate = verdict.byFate();
    System.out.println();
    System.out.println("=== Crash harness results ===");
    System.out.printf("duration                 %d s (seed %d)%n", elapsedSeconds, seed);
    System.out.printf(
        "faults injected          %d (%d application SIGKILLs, %d PostgreSQL SIGKILLs)%n",
        faults, appKills, dbKills);
    System.out.printf(
        "payments                 %d (%d HTTP requests)%n", payments.size(), settlement.requests());
    System.out.printf("  acknowledged (201/200) %d%n", byFate.getOrDefault(Fate.ACKNOWLEDGED, 0));
    System.out.printf(
        "    after a retry          %d (of which replays, 200 Idempotent-Replayed: %d)%n",
        payments.stream().filter(p -> p.fate() == Fate.ACKNOWLEDGED && p.attempts() > 1).count(),
        payments.stream().filter(p -> p.fate() == Fate.ACKNOWLEDGED && p.status() == 200).count());
    System.out.printf(
        "  refused (4xx)          %d %s%n",
        byFate.getOrDefault(Fate.REFUSED, 0), verdict.refusals());
    System.out.printf("  unresolved             %d%n", byFate.getOrDefault(Fate.UNRESOLVED, 0));
    System.out.printf("answers retried          %s%n", settlement.retriedAnswers());
    System.out.printf("lost                     %d%n", verdict.lost());
    System.out.printf("duplicated               %d%n", verdict.duplicated());
    System.out.printf("differing                %d%n", verdict.differing());
    System.out.printf("refused but applied      %d%n", verdict.refusedButApplied());
    List<String> failures = verdict.failures();
    if (!failures.isEmpty()) {
      failures.stream().limit(20).forEach(f -> System.out.println("FAIL " + f));
      throw new IllegalStateException(failures.size() + " crash-consistency failures");
    }
    System.out.println("PASS");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
