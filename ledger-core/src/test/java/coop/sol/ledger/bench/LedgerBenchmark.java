package coop.sol.ledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.db.Migrations;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives the ledger core on the embedded PostgreSQL 17 (durable commits) with N concurrent clients
 * and reports transfers/s and latency for uniform, hot-merchant and Zipf-skewed payments, next to
 * PostgreSQL's TPC-B on the same server (pgbench if installed, and a JDBC equivalent).
 *
 * <p>Settings (system properties): bench.clients (256), bench.seconds (15 per scenario),
 * bench.accounts (10000), bench.maxBatch (1000), bench.refClients (8).
 *
 * <p>A client is closed-loop: it submits a payment, waits for its outcome, submits the next.
 */
public final class LedgerBenchmark {
  private static final int CLIENTS = Integer.getInteger("bench.clients", 256);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);
  private static final int MAX_BATCH = Integer.getInteger("bench.maxBatch", 1_000);
  private static final int REF_CLIENTS = Integer.getInteger("bench.refClients", 8);

  public static void main(String[] args) throws Exception {
    try (EmbeddedDatabase pg = EmbeddedDatabase.temporary()) {
      execute(pg, "postgres", "CREATE DATABASE ledger");
      execute(pg, "postgres", "CREATE DATABASE pgbench");
      System.out.printf(
          "SOL ledger write-path benchmark — %s, %d cores, Java %s, PostgreSQL 17 embedded (fsync on, synchronous_commit on)%n",
          java.time.LocalDate.now(),
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(
          "clients=%d seconds=%d accounts=%d maxBatch=%d%n%n",
          CLIENTS, SECONDS, ACCOUNTS, MAX_BATCH);

      // Reference first, on the same server, before our data exists.
      var pgbenchTps =
          TpcbReference.pgbench("localhost", pg.port(), "pgbench", REF_CLIENTS, SECONDS);
      double jdbcTps = TpcbReference.jdbc(pg.jdbcUrl("pgbench"), REF_CLIENTS, SECONDS);
      double reference = pgbenchTps.orElse(jdbcTps);
      System.out.printf(
          "reference  pgbench TPC-B (-M prepared, %d clients): %s%n",
          REF_CLIENTS,
          pgbenchTps.map(t -> String.format("%,.0f tps", t)).orElse("pgbench not installed"));
      System.out.printf(
          "reference  JDBC TPC-B equivalent (%d clients):      %,.0f tps%n%n",
          REF_CLIENTS, jdbcTps);

      var config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ledger"));
      config.setUsername("postgres");
      config.setMaximumPoolSize(8);
      try (var ds = new HikariDataSource(config)) {
        Migrations.apply(ds);
        var batches = new BatchStats();
        try (var ledger =
            new Ledger(
                ds,
                new WriterSettings(MAX_BATCH, 50_000, Duration.ZERO, Duration.ofMinutes(5)),
                Clock.systemUTC(),
                batches)) {
          Network network = ledger.networks().create("bench", "Benchmark");
          List<AccountId> members = openFunded(ledger, network.id(), ACCOUNTS);
          Account merchant =
              ledger
                  .accounts()
                  .open(
                      network.id(),
                      StrandKind.COOPERATION,
                      OwnerKind.MERCHANT,
                      "hot",
                      "Hot merchant",
                      OptionalLong.of(0));
          var zipf = new Zipf(ACCOUNTS, 1.0);

          System.out.println(
              "| scenario | transfers/s | ratio to reference | p50 ms | p99 ms | p99.9 ms | mean batch | rejected |");
          System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
          for (var scenario :
              List.of(
                  new Scenario(
                      "uniform (10k accounts)",
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS),
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS),
                      null),
                  new Scenario(
                      "hot merchant",
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS),
                      null,
                      merchant.id()),
                  new Scenario("zipf (s=1.0)", zipf::sample, zipf::sample, null))) {
            Result r = run(ledger, network.id(), members, scenario, batches);
            System.out.printf(
                "| %s | %,.0f | %.1f× | %.1f | %.1f | %.1f | %.0f | %d |%n",
                scenario.name,
                r.tps,
                r.tps / reference,
                r.p50,
                r.p99,
                r.p999,
                r.meanBatch,
                r.rejected);
          }
          var report = ledger.verifier().verify(network.id());
          System.out.printf(
              "%njournal verification after the run: %s (%,d rows)%n",
              report.valid() ? "valid" : report.firstDiscrepancy().orElseThrow(),
              report.rows().values().stream().mapToLong(Long::longValue).sum());
        }
      }
    }
    System.exit(0);
  }

  record Scenario(String name, IntSupplier from, IntSupplier to, AccountId fixedTo) {}

  record Result(double tps, double p50, double p99, double p999, double meanBatch, long rejected) {}

  private static Result run(
      Ledger ledger, NetworkId network, List<AccountId> members, Scenario s, BatchStats batches)
      throws Exception {
    var recorder = new Recorder(3);
    var done = new LongAdder();
    var rejected = new LongAdder();
    var stop = new AtomicBoolean();
    var keys = new AtomicLong();
    ExecutorService clientsExecutor = Executors.newFixedThreadPool(2);
    String prefix = s.name.substring(0, 3) + "-";
    Runnable[] client = new Runnable[1];
    client[0] =
        () -> {
          if (stop.get()) {
            return;
          }
          AccountId from = members.get(s.from.getAsInt());
          AccountId to = s.fixedTo != null ? s.fixedTo : members.get(s.to.getAsInt());
          if (from.equals(to)) {
            to = members.get((members.indexOf(from) + 1) % members.size());
          }
          var command =
              TransferCommand.posted(
                  new IdempotencyKey(prefix + keys.incrementAndGet()),
                  StrandKind.COOPERATION,
                  from,
                  to,
                  Amount.of(1 + ThreadLocalRandom.current().nextInt(100)),
                  TransferCode.PAYMENT);
          long t0 = System.nanoTime();
          ledger
              .transfers()
              .submit(network, command)
              .thenAcceptAsync(
                  outcome -> {
                    recorder.recordValue((System.nanoTime() - t0) / 1_000);
                    done.increment();
                    if (!(outcome instanceof TransferOutcome.Posted)) {
                      rejected.increment();
                    }
                    client[0].run();
                  },
                  clientsExecutor);
        };
    for (int i = 0; i < CLIENTS; i++) {
      clientsExecutor.execute(client[0]);
    }
    Thread.sleep(3_000); // warm-up
    recorder.getIntervalHistogram();
    batches.reset();
    long start = done.sum();
    long rejectedStart = rejected.sum();
    long t0 = System.nanoTime();
    Thread.sleep(SECONDS * 1_000L);
    long count = done.sum() - start;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    double meanBatch = batches.mean();
    stop.set(true);
    Thread.sleep(500);
    clientsExecutor.shutdown();
    return new Result(
        count / elapsed,
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3,
        meanBatch,
        rejected.sum() - rejectedStart);
  }

  private static List<AccountId> openFunded(Ledger ledger, NetworkId network, int n) {
    Account issuance =
        ledger
            .accounts()
            .open(
                network,
                StrandKind.COOPERATION,
                OwnerKind.SYSTEM,
                "issuance",
                "Issuance",
                OptionalLong.empty());
    var ids = new ArrayList<AccountId>(n);
    var futures = new ArrayList<CompletableFuture<TransferOutcome>>();
    for (int i = 0; i < n; i++) {
      Account a =
          ledger
              .accounts()
              .open(
                  network,
                  StrandKind.COOPERATION,
                  OwnerKind.MEMBER,
                  "m" + i,
                  "Member " + i,
                  OptionalLong.of(0));
      ids.add(a.id());
      futures.add(
          ledger
              .transfers()
              .submit(
                  network,
                  TransferCommand.posted(
                      new IdempotencyKey("fund-" + i),
                      StrandKind.COOPERATION,
                      issuance.id(),
                      a.id(),
                      Amount.of(100_000_000),
                      TransferCode.ISSUANCE)));
    }
    futures.forEach(
        f -> {
          if (!f.join().isPosted()) {
            throw new IllegalStateException("funding failed: " + f.join());
          }
        });
    return ids;
  }

  private static void execute(EmbeddedDatabase pg, String database, String sql) throws Exception {
    try (var c = pg.dataSource(database).getConnection();
        var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Counts rows per committed batch. */
  static final class BatchStats implements WriteObserver {
    private final LongAdder batches = new LongAdder();
    private final LongAdder rows = new LongAdder();

    @Override
    public void batchCommitted(NetworkId network, int rowCount, long nanos) {
      batches.increment();
      rows.add(rowCount);
    }

    void reset() {
      batches.reset();
      rows.reset();
    }

    double mean() {
      long b = batches.sum();
      return b == 0 ? 0 : (double) rows.sum() / b;
    }
  }

  /** Zipf-distributed ranks 0..n-1 (rank 0 the most frequent), by inverse CDF. */
  static final class Zipf {
    private final double[] cdf;

    Zipf(int n, double s) {
      cdf = new double[n];
      double sum = 0;
      for (int k = 1; k <= n; k++) {
        sum += 1 / Math.pow(k, s);
        cdf[k - 1] = sum;
      }
      for (int k = 0; k < n; k++) {
        cdf[k] /= sum;
      }
    }

    int sample() {
      double u = ThreadLocalRandom.current().nextDouble();
      int i = java.util.Arrays.binarySearch(cdf, u);
      return i >= 0 ? i : Math.min(-i - 1, cdf.length - 1);
    }
  }
}
