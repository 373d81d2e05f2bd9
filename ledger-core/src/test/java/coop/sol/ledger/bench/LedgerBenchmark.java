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
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives the ledger core on the embedded PostgreSQL 17 (durable commits) with N concurrent clients
 * and reports transfers/s and latency for uniform, hot-merchant and Zipf-skewed payments, each next
 * to the {@link BareBatchingWriter} (the same design, tables and constraints with no rules: the
 * physical limit of the write path) measured in the same run, and next to PostgreSQL's TPC-B on the
 * same server (pgbench if installed, and a JDBC equivalent).
 *
 * <p>One command: {@code ./mvnw -pl ledger-core -am -Pbench verify -DskipTests}. Settings (system
 * properties, {@code -Dbench.seconds=5} on that command line): bench.clients (256), bench.seconds
 * (15 per run, after 3 s of warm-up), bench.rounds (1: runs of each system per scenario),
 * bench.accounts (10000), bench.maxBatch (1000), bench.refClients (8), bench.profile (the scenario
 * whose first two runs are recorded with JFR: uniform, hot, zipf or none; uniform) and bench.jfrDir
 * (where the recordings go; the module's target directory).
 *
 * <p>In each scenario the real ledger and the bare writer each get a fresh network (its own members
 * funded through the ledger, its own hot merchant), so that neither inherits the other's hot rows.
 * They run one after the other, bench.rounds times each, in an order that alternates (ledger then
 * bare, bare then ledger...), so that neither is favoured by the journal's growth or by a change in
 * the machine's load; on a shared machine, several short rounds ({@code -Dbench.rounds=3
 * -Dbench.seconds=5}) give a steadier ratio than one long one. A client is closed-loop: it submits
 * a payment, waits for its outcome, submits the next. For the profiled scenario, where each writer
 * thread spent its time is printed after the table (see {@link WriterProfile}).
 */
public final class LedgerBenchmark {
  private static final int CLIENTS = Integer.getInteger("bench.clients", 256);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);
  private static final int MAX_BATCH = Integer.getInteger("bench.maxBatch", 1_000);
  private static final int QUEUE = 50_000;
  private static final int REF_CLIENTS = Integer.getInteger("bench.refClients", 8);

  /** Idempotency keys, unique over the whole run (a network is paid in several rounds). */
  private static final AtomicLong KEYS = new AtomicLong();

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
  private static final String PROFILE = System.getProperty("bench.profile", "uniform");
  private static final Path JFR_DIR =
      Path.of(System.getProperty("bench.jfrDir", System.getProperty("java.io.tmpdir")));

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
      // the idle writers of the networks measured earlier keep a connection, as does a bare writer
      config.setMaximumPoolSize(12);
      try (var ds = new HikariDataSource(config)) {
        Migrations.apply(ds);
        var batches = new BatchStats();
        try (var ledger =
            new Ledger(
                ds,
                new WriterSettings(MAX_BATCH, QUEUE, Duration.ZERO, Duration.ofMinutes(5)),
                Clock.systemUTC(),
                batches)) {
          var zipf = new Zipf(ACCOUNTS, 1.0);
          List<Scenario> scenarios =
              List.of(
                  new Scenario(
                      "uniform",
                      String.format("uniform (%,d accounts)", ACCOUNTS),
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS),
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS)),
                  new Scenario(
                      "hot",
                      "hot merchant",
                      () -> ThreadLocalRandom.current().nextInt(ACCOUNTS),
                      null),
                  new Scenario("zipf", "zipf (s=1.0)", zipf::sample, zipf::sample));

          System.out.println(
              "| scenario | ledger transfers/s | bare writer transfers/s | ledger ÷ bare | ledger ÷ reference"
                  + " | ledger p50 / p99 / p99.9 ms | bare p50 / p99 / p99.9 ms | mean batch ledger / bare"
                  + " | rejected ledger / bare |");
          System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
          var profiles = new ArrayList<String>();
          var verified = new ArrayList<NetworkId>();
          var bareChecks = new ArrayList<String>();
          boolean ledgerFirst = true;
          for (Scenario scenario : scenarios) {
            Network realNetwork =
                ledger.networks().create("bench-" + scenario.id + "-ledger", "Benchmark");
            Members realMembers = seed(ledger, realNetwork.id(), ACCOUNTS);
            Network bareNetwork =
                ledger.networks().create("bench-" + scenario.id + "-bare", "Benchmark");
            Members bareMembers = seed(ledger, bareNetwork.id(), ACCOUNTS);
            analyze(ds);
            verified.add(realNetwork.id());
            var real = new Totals();
            var bare = new Totals();
            try (var writer =
                new BareBatchingWriter(
                    ds,
                    bareNetwork.id(),
                    StrandKind.COOPERATION,
                    MAX_BATCH,
                    QUEUE,
                    Clock.systemUTC())) {
              Door realDoor = ledgerDoor(ledger, realNetwork.id(), batches);
              Door bareDoor = bareDoor(writer, bareNetwork.id());
              for (int round = 1; round <= ROUNDS; round++) {
                for (boolean realTurn : ledgerFirst ? List.of(true, false) : List.of(false, true)) {
                  Door door = realTurn ? realDoor : bareDoor;
                  Path jfr =
                      round == 1 && scenario.id.equals(PROFILE)
                          ? JFR_DIR.resolve(
                              "ledger-bench-"
                                  + scenario.id
                                  + "-"
                                  + (realTurn ? "ledger" : "bare")
                                  + ".jfr")
                          : null;
                  Sample sample = run(door, realTurn ? realMembers : bareMembers, scenario, jfr);
                  (realTurn ? real : bare).add(sample);
                  if (jfr != null) {
                    profiles.add(
                        String.format(
                            "%s, %s, round 1 (%s): %,d batches of %.0f in %.1f s; the writer"
                                + " thread's CPU time (ThreadMXBean): %.1f ms per batch",
                            realTurn ? "real ledger" : "bare writer",
                            scenario.name,
                            jfr,
                            sample.batches,
                            sample.meanBatch(),
                            sample.seconds,
                            sample.writerCpuNanos / 1e6 / Math.max(1, sample.batches)));
                    profiles.addAll(
                        WriterProfile.summary(
                            jfr,
                            door.writerThread(),
                            sample.seconds,
                            sample.batches,
                            sample.writerCpuNanos));
                  }
                }
                ledgerFirst = !ledgerFirst;
              }
              bareChecks.add(checkBare(ds, bareNetwork.id(), ACCOUNTS + writer.totalRows()));
            }
            System.out.printf(
                "| %s | %,.0f | %,.0f | %.2f× | %.1f× | %s | %s | %.0f / %.0f | %d / %d |%n",
                scenario.name,
                real.tps(),
                bare.tps(),
                real.tps() / bare.tps(),
                real.tps() / reference,
                real.latencies(),
                bare.latencies(),
                real.meanBatch(),
                bare.meanBatch(),
                real.rejected,
                bare.rejected);
          }
          System.out.println();
          for (NetworkId network : verified) {
            var report = ledger.verifier().verify(network);
            System.out.printf(
                "journal verification of network %s after the run: %s (%,d rows)%n",
                network,
                report.valid() ? "valid" : report.firstDiscrepancy().orElseThrow(),
                report.rows().values().stream().mapToLong(Long::longValue).sum());
          }
          bareChecks.forEach(System.out::println);
          if (!profiles.isEmpty()) {
            System.out.printf(
                "%nwhere each writer thread spent the measured seconds of the %s scenario (JFR):%n",
                PROFILE);
            profiles.forEach(System.out::println);
          }
        }
      }
    }
    System.exit(0);
  }

  /** {@code id} is what bench.profile names; {@code to} null pays the network's hot merchant. */
  record Scenario(String id, String name, IntSupplier from, IntSupplier to) {}

  /** A seeded network: members' account ids (index = member number) and one hot merchant. */
  record Members(long[] ids, long merchant) {}

  /** One measured run: payments answered, seconds, latencies (µs), the writer's batches. */
  record Sample(
      long count,
      double seconds,
      Histogram latencies,
      long batches,
      long rows,
      long rejected,
      long writerCpuNanos) {
    double meanBatch() {
      return batches == 0 ? 0 : (double) rows / batches;
    }
  }

  /** The samples of one system in one scenario, added up. */
  static final class Totals {
    private long count;
    private double seconds;
    private final Histogram latencies = new Histogram(3);
    private long batches;
    private long rows;
    long rejected;

    void add(Sample s) {
      count += s.count;
      seconds += s.seconds;
      latencies.add(s.latencies);
      batches += s.batches;
      rows += s.rows;
      rejected += s.rejected;
    }

    double tps() {
      return count / seconds;
    }

    double meanBatch() {
      return batches == 0 ? 0 : (double) rows / batches;
    }

    /** p50 / p99 / p99.9 in ms. */
    String latencies() {
      return String.format(
          "%.1f / %.1f / %.1f",
          latencies.getValueAtPercentile(50) / 1e3,
          latencies.getValueAtPercentile(99) / 1e3,
          latencies.getValueAtPercentile(99.9) / 1e3);
    }
  }

  /** How the clients pay: the real ledger or the bare writer. */
  interface Door {
    /** True once posted and committed; false if not posted. Amount in minor units, > 0. */
    CompletableFuture<Boolean> pay(long from, long to, long amount, String key);

    void resetBatches();

    long batches();

    long rows();

    /** The name of the thread that writes the batches. */
    String writerThread();
  }

  private static Door ledgerDoor(Ledger ledger, NetworkId network, BatchStats batches) {
    return new Door() {
      @Override
      public CompletableFuture<Boolean> pay(long from, long to, long amount, String key) {
        return ledger
            .transfers()
            .submit(
                network,
                TransferCommand.posted(
                    new IdempotencyKey(key),
                    StrandKind.COOPERATION,
                    new AccountId(from),
                    new AccountId(to),
                    Amount.of(amount),
                    TransferCode.PAYMENT))
            .thenApply(TransferOutcome::isPosted);
      }

      @Override
      public void resetBatches() {
        batches.reset();
      }

      @Override
      public long batches() {
        return batches.batches.sum();
      }

      @Override
      public long rows() {
        return batches.rows.sum();
      }

      @Override
      public String writerThread() {
        return "ledger-writer-" + network;
      }
    };
  }

  private static Door bareDoor(BareBatchingWriter writer, NetworkId network) {
    return new Door() {
      @Override
      public CompletableFuture<Boolean> pay(long from, long to, long amount, String key) {
        return writer.submit(from, to, amount, key);
      }

      @Override
      public void resetBatches() {
        writer.resetCounts();
      }

      @Override
      public long batches() {
        return writer.batches();
      }

      @Override
      public long rows() {
        return writer.rows();
      }

      @Override
      public String writerThread() {
        return "bare-writer-" + network;
      }
    };
  }

  private static Sample run(Door door, Members members, Scenario s, Path jfr) throws Exception {
    var recorder = new Recorder(3);
    var done = new LongAdder();
    var rejected = new LongAdder();
    var stop = new AtomicBoolean();
    ExecutorService clientsExecutor = Executors.newFixedThreadPool(2);
    long[] ids = members.ids;
    Runnable[] client = new Runnable[1];
    client[0] =
        () -> {
          if (stop.get()) {
            return;
          }
          int from = s.from.getAsInt();
          long to;
          if (s.to == null) {
            to = members.merchant;
          } else {
            int t = s.to.getAsInt();
            to = ids[t == from ? (t + 1) % ids.length : t];
          }
          long t0 = System.nanoTime();
          door.pay(
                  ids[from],
                  to,
                  1 + ThreadLocalRandom.current().nextInt(100),
                  "pay-" + KEYS.incrementAndGet())
              .thenAcceptAsync(
                  posted -> {
                    recorder.recordValue((System.nanoTime() - t0) / 1_000);
                    done.increment();
                    if (!posted) {
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
    WriterProfile profile = jfr == null ? null : WriterProfile.start(jfr);
    long cpu0 = writerCpuNanos(door.writerThread());
    recorder.getIntervalHistogram();
    door.resetBatches();
    long start = done.sum();
    long rejectedStart = rejected.sum();
    long t0 = System.nanoTime();
    Thread.sleep(SECONDS * 1_000L);
    long count = done.sum() - start;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    long batchCount = door.batches();
    long rows = door.rows();
    long cpu = writerCpuNanos(door.writerThread()) - cpu0;
    if (profile != null) {
      profile.close();
    }
    stop.set(true);
    Thread.sleep(500);
    clientsExecutor.shutdown();
    return new Sample(count, elapsed, h, batchCount, rows, rejected.sum() - rejectedStart, cpu);
  }

  /** The CPU time the named thread has used so far, 0 if there is no such thread. */
  private static long writerCpuNanos(String threadName) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(threadName)) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
      }
    }
    return 0;
  }

  /**
   * Opens {@code n} members (four at a time) and a hot merchant in {@code network}, and funds each
   * member with 1,000,000.00 from an issuance account through the ledger.
   */
  private static Members seed(Ledger ledger, NetworkId network, int n) throws Exception {
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
    ExecutorService openers = Executors.newFixedThreadPool(4);
    var opened = new ArrayList<Future<Account>>(n);
    try {
      for (int i = 0; i < n; i++) {
        int member = i;
        opened.add(
            openers.submit(
                () ->
                    ledger
                        .accounts()
                        .open(
                            network,
                            StrandKind.COOPERATION,
                            OwnerKind.MEMBER,
                            "m" + member,
                            "Member " + member,
                            OptionalLong.of(0))));
      }
      var ids = new long[n];
      var futures = new ArrayList<CompletableFuture<TransferOutcome>>(n);
      for (int i = 0; i < n; i++) {
        Account a = opened.get(i).get();
        ids[i] = a.id().value();
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
      Account merchant =
          ledger
              .accounts()
              .open(
                  network,
                  StrandKind.COOPERATION,
                  OwnerKind.MERCHANT,
                  "hot",
                  "Hot merchant",
                  OptionalLong.of(0));
      return new Members(ids, merchant.id().value());
    } finally {
      openers.shutdown();
    }
  }

  /**
   * Brings the planner's statistics up to date after seeding, as autovacuum would in a while: both
   * systems then start from the steady state. (In a run without it, the ledger's account read took
   * 420 ms per batch in the first round right after seeding, against 6 ms in the other runs; stale
   * statistics are the likely cause, not pinned down.)
   */
  private static void analyze(DataSource ds) throws SQLException {
    try (var c = ds.getConnection();
        var st = c.createStatement()) {
      st.execute("ANALYZE account, transfer, strand");
    }
  }

  /**
   * That the bare writer stored what it acknowledged: {@code expectedRows} journal rows (the
   * funding and every committed payment) and balances that still sum to zero.
   */
  private static String checkBare(DataSource ds, NetworkId network, long expectedRows)
      throws SQLException {
    try (var c = ds.getConnection();
        var st =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM transfer WHERE network_id = ?),"
                    + " (SELECT sum(credits_posted - debits_posted) FROM account WHERE network_id = ?)")) {
      st.setLong(1, network.value());
      st.setLong(2, network.value());
      try (var rs = st.executeQuery()) {
        rs.next();
        long stored = rs.getLong(1);
        long sum = rs.getLong(2);
        return String.format(
            "bare writer, network %s: %,d journal rows stored, %,d committed (%s); balances sum to %d (%s)",
            network,
            stored,
            expectedRows,
            stored == expectedRows ? "same" : "DIFFERENT",
            sum,
            sum == 0 ? "balanced" : "UNBALANCED");
      }
    }
  }

  private static void execute(EmbeddedDatabase pg, String database, String sql) throws Exception {
    try (var c = pg.dataSource(database).getConnection();
        var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Counts committed batches and their rows. */
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
