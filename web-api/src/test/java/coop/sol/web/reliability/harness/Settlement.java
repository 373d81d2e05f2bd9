package coop.sol.web.reliability.harness;

import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.reliability.harness.HarnessClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the harnesses' clients do with a payment and how its fate is checked against the journal:
 * the same request (one key, one body) is sent again until a definitive answer or a deadline, as a
 * careful client would; afterwards every acknowledged payment must be in the journal exactly once
 * (by transfer id, by ledger key and by its memo) and no payment refused with a definitive answer
 * may be.
 */
final class Settlement {
  /** What became of one payment (one key, one body). */
  enum Fate {
    ACKNOWLEDGED,
    REFUSED,
    UNRESOLVED
  }

  /**
   * One payment as its client saw it; {@code acknowledgedAt} is the {@link System#nanoTime()} of
   * the definitive answer, {@code latencyNanos} the time its last attempt took.
   */
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
      int attempts,
      long acknowledgedAt,
      long latencyNanos) {}

  /** The journal's verdict on a run's payments. */
  record Verdict(
      int lost,
      int duplicated,
      int differing,
      int refusedButApplied,
      Map<Fate, Integer> byFate,
      Map<String, Integer> refusals,
      List<String> failures) {}

  private final Duration deadline;
  private final Map<String, AtomicInteger> retriedAnswers = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  Settlement(Duration deadline) {
    this.deadline = deadline;
  }

  long requests() {
    return requests.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** The answers that were retried, by status and code (or exception), and how often. */
  Map<String, Integer> retriedAnswers() {
    Map<String, Integer> copy = new TreeMap<>();
    retriedAnswers.forEach((why, count) -> copy.put(why, count.get()));
    return copy;
  }

  /** Sends the payment, then the same request again, until a definitive answer or the deadline. */
  Payment settle(
      HarnessClient client,
      String key,
      String memo,
      String payer,
      String token,
      long debit,
      long credit,
      long minor,
      String amount) {
    long end = System.nanoTime() + deadline.toNanos();
    Answer last = null;
    int attempts = 0;
    while (System.nanoTime() < end) {
      attempts++;
      requests.incrementAndGet();
      inFlight.incrementAndGet();
      long sent = System.nanoTime();
      try {
        last = client.pay(token, key, debit, credit, amount, memo);
      } finally {
        inFlight.decrementAndGet();
      }
      long answered = System.nanoTime();
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
            attempts,
            answered,
            answered - sent);
      }
      if (status >= 400 && status < 500 && status != 408 && status != 429) {
        return new Payment(
            key,
            memo,
            payer,
            debit,
            credit,
            minor,
            Fate.REFUSED,
            status,
            last.code(),
            0,
            attempts,
            answered,
            answered - sent);
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
        attempts,
        0,
        0);
  }

  /**
   * Checks {@code payments} (all with memos starting with {@code memoPrefix}) against the journal
   * of the demo network's SOL Coopération, the journal verifier on every network and the offline
   * verifier on an export written to {@code export}; prints the verifiers' results.
   */
  Verdict check(StoppedLedger ledger, List<Payment> payments, String memoPrefix, Path export) {
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
    Map<String, VerificationReport> reports = ledger.verifyAll();
    ExportVerifier.Result offline = ledger.verifyExport("demo", export);
    Map<String, List<Transfer>> byMemo = new HashMap<>();
    Map<String, List<Transfer>> byKey = new HashMap<>();
    Map<Long, Transfer> byId = new HashMap<>();
    for (Transfer t : ledger.journal("demo", StrandKind.COOPERATION)) {
      if (t.memo() != null && t.memo().startsWith(memoPrefix)) {
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
          failures.add("no definitive answer within " + deadline + ": " + p);
        }
      }
    }
    int journalRows = byMemo.values().stream().mapToInt(List::size).sum();
    int expected = byFate.getOrDefault(Fate.ACKNOWLEDGED, 0) + unresolvedApplied;
    if (journalRows != expected) {
      failures.add(
          "the journal holds " + journalRows + " harness payments, " + expected + " expected");
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
    return new Verdict(lost, duplicated, wrong, refusedButApplied, byFate, refusals, failures);
  }
}
