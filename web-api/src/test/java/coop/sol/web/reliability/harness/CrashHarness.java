package coop.sol.web.reliability.harness;

import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.reliability.harness.HarnessClient.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

  /** What became of one payment (one key, one body). */
  enum Fate {
    ACKNOWLEDGED,
    REFUSED,
    UNRESOLVED
  }

  record Payment(
      String key,
      String memo,
      String payer,
      long debit,
      long credit,
      long minorUnits,
      Fate fate,
      int status,
      String code,
      long transferId,
      int attempts) {}

  private final List<Payment> payments = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> retriedAnswers = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();

  public static void main(String[] args) throws Exception {
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
        int busy = inFlight.get();
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
      payments.add(settle(client, key, memo, payer, token, debit, credit, minor, amount));
      if (pause > 0) {
        SolProcess.sleep(pause);
      }
    }
  }

  /** Sends the payment, then the same request again, until a definitive answer or the deadline. */
  private Payment settle(
      HarnessClient client,
      String key,
      String memo,
      String payer,
      String token,
      long debit,
      long credit,
      long minor,
      String amount) {
    long deadline = System.nanoTime() + PAYMENT_DEADLINE.toNanos();
    Answer last = null;
    int attempts = 0;
    while (System.nanoTime() < deadline) {
      attempts++;
      requests.incrementAndGet();
      inFlight.incrementAndGet();
      try {
        last = client.pay(token, key, debit, credit, amount, memo);
      } finally {
        inFlight.decrementAndGet();
      }
      int status = last.status();
      if (status == 200 || status == 201) {
        return new Payment(
            key,
            memo,
            payer,
            debit,
            credit,
            minor,
            Fate.ACKNOWLEDGED,
            status,
            null,
            last.json().get("id").asLong(),
            attempts);
      }
      if (status >= 400 && status < 500 && status != 408 && status != 429) {
        return new Payment(
            key, memo, payer, debit, credit, minor, Fate.REFUSED, status, last.code(), 0, attempts);
      }
      String why =
          last.failure() != null
              ? last.failure().getClass().getSimpleName()
              : status + " " + last.code();
      retriedAnswers.computeIfAbsent(why, w -> new AtomicInteger()).incrementAndGet();
      String retryAfter = last.header("Retry-After");
      long wait = retryAfter != null ? Math.min(2_000, Long.parseLong(retryAfter) * 1_000L) : 200;
      SolProcess.sleep(wait);
    }
    return new Payment(
        key,
        memo,
        payer,
        debit,
        credit,
        minor,
        Fate.UNRESOLVED,
        last == null ? 0 : last.status(),
        last == null ? null : last.code(),
        0,
        attempts);
  }

  private void check(Path root, long elapsedSeconds, int faults) {
    List<String> failures = new ArrayList<>();
    Map<Fate, Integer> byFate = new TreeMap<>();
    Map<String, Integer> refusals = new TreeMap<>();
    for (Payment p : payments) {
      byFate.merge(p.fate(), 1, Integer::sum);
      if (p.fate() == Fate.REFUSED) {
        refusals.merge(p.status() + " " + p.code(), 1, Integer::sum);
      }
    }
    int lost = 0;
    int duplicated = 0;
    int wrong = 0;
    int refusedButApplied = 0;
    int unresolvedApplied = 0;
    Map<String, VerificationReport> reports;
    ExportVerifier.Result offline;
    try (var ledger = new StoppedLedger(root.resolve("data").resolve("postgres"))) {
      reports = ledger.verifyAll();
      offline = ledger.verifyExport("demo", root.resolve("demo-export.zip"));
      Map<String, List<Transfer>> byMemo = new HashMap<>();
      Map<String, List<Transfer>> byKey = new HashMap<>();
      Map<Long, Transfer> byId = new HashMap<>();
      for (Transfer t : ledger.journal("demo", StrandKind.COOPERATION)) {
        if (t.memo() != null && t.memo().startsWith(MEMO_PREFIX)) {
          byMemo.computeIfAbsent(t.memo(), m -> new ArrayList<>()).add(t);
          String key = t.key().value();
          byKey.computeIfAbsent(key.substring(key.indexOf(':') + 1), k -> new ArrayList<>()).add(t);
          byId.put(t.id().value(), t);
        }
      }
      for (Payment p : payments) {
        List<Transfer> rows = byMemo.getOrDefault(p.memo(), List.of());
        List<Transfer> keyed = byKey.getOrDefault(p.key(), List.of());
        if (rows.size() > 1 || keyed.size() > 1) {
          duplicated++;
          failures.add("duplicated: " + p + " -> " + rows);
        }
        switch (p.fate()) {
          case ACKNOWLEDGED -> {
            Transfer t = byId.get(p.transferId());
            if (t == null || rows.isEmpty() || keyed.isEmpty()) {
              lost++;
              failures.add("lost: " + p);
            } else if (t.amount() != p.minorUnits()
                || t.debit().value() != p.debit()
                || t.credit().value() != p.credit()
                || !t.memo().equals(p.memo())
                || !keyed.get(0).id().equals(t.id())) {
              wrong++;
              failures.add("differs: " + p + " -> " + t);
            }
          }
          case REFUSED -> {
            if (!rows.isEmpty()) {
              refusedButApplied++;
              failures.add("refused but in the journal: " + p + " -> " + rows);
            }
          }
          case UNRESOLVED -> {
            if (!rows.isEmpty()) {
              unresolvedApplied++;
            }
            failures.add("no definitive answer within " + PAYMENT_DEADLINE + ": " + p);
          }
        }
      }
      int journalRows = byMemo.values().stream().mapToInt(List::size).sum();
      int expected = byFate.getOrDefault(Fate.ACKNOWLEDGED, 0) + unresolvedApplied;
      if (journalRows != expected) {
        failures.add(
            "the journal holds " + journalRows + " harness payments, " + expected + " expected");
      }
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
    refusals.forEach(
        (reason, count) -> {
          if (!reason.contains("INSUFFICIENT_FUNDS")) {
            failures.add(count + " payments refused with " + reason);
          }
        });

    System.out.println();
    System.out.println("=== Crash harness results ===");
    System.out.printf("duration                 %d s (seed %d)%n", elapsedSeconds, seed);
    System.out.printf(
        "faults injected          %d (%d application SIGKILLs, %d PostgreSQL SIGKILLs)%n",
        faults, appKills, dbKills);
    System.out.printf(
        "payments                 %d (%d HTTP requests)%n", payments.size(), requests.get());
    System.out.printf("  acknowledged (201/200) %d%n", byFate.getOrDefault(Fate.ACKNOWLEDGED, 0));
    System.out.printf(
        "    after a retry          %d (of which replays, 200 Idempotent-Replayed: %d)%n",
        payments.stream().filter(p -> p.fate() == Fate.ACKNOWLEDGED && p.attempts() > 1).count(),
        payments.stream().filter(p -> p.fate() == Fate.ACKNOWLEDGED && p.status() == 200).count());
    System.out.printf(
        "  refused (4xx)          %d %s%n", byFate.getOrDefault(Fate.REFUSED, 0), refusals);
    System.out.printf("  unresolved             %d%n", byFate.getOrDefault(Fate.UNRESOLVED, 0));
    System.out.printf("answers retried          %s%n", new TreeMap<>(retriedAnswers));
    System.out.printf("lost                     %d%n", lost);
    System.out.printf("duplicated               %d%n", duplicated);
    System.out.printf("differing                %d%n", wrong);
    System.out.printf("refused but applied      %d%n", refusedButApplied);
    reports.forEach(
        (network, report) ->
            System.out.printf(
                "verifier %-15s %s, rows %s%n",
                network,
                report.valid() ? "OK" : report.firstDiscrepancy().orElseThrow(),
                report.rows()));
    System.out.printf(
        "offline verifier        %s on the export of demo (%d checks)%n",
        offline.valid() ? "OK" : offline.firstDiscrepancy().orElseThrow(),
        offline.checked().size());
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
