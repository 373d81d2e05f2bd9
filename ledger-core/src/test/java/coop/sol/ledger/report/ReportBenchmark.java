package coop.sol.ledger.report;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.db.Migrations;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.JournalHash;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;

/**
 * The report benchmark (not a test): {@code ./mvnw -pl ledger-core -am -Preport-bench verify}.
 *
 * <p>Generates a network with 5,000 accounts and 10 million journal rows over the year 2025 (see
 * {@link Generator} for the mix), loaded with COPY; runs the aggregator over all of it; posts a
 * tail of rows through the real ledger writer; then times monthly and yearly Coopération reports
 * from the aggregates and by full scan, and prints a table. The database is kept in {@code
 * target/report-bench-db}: a second run with {@code -Dreport.bench.reuse=true} skips the
 * generation.
 *
 * <p>Why COPY rather than the writer: 10 million rows through the writer would take longer than the
 * whole benchmark and would stamp every row with one instant per batch; the generator instead
 * builds a valid journal itself (every balance check of the rules, the SHA-256 chain with {@link
 * JournalHash}, the stored balances and heads updated to match), and the benchmark proves it valid
 * by running the ledger's own {@code JournalVerifier} over the whole journal before timing
 * anything.
 */
public final class ReportBenchmark {
  static final int ROWS = Integer.getInteger("report.bench.rows", 10_000_000);
  static final int TAIL = 2_000;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("report.bench.dir", "target/report-bench-db"));
    boolean reuse = Boolean.getBoolean("report.bench.reuse") && Files.exists(dir);
    try (EmbeddedDatabase pg = EmbeddedDatabase.persistent(dir)) {
      if (!reuse) {
        try (var c = pg.dataSource("postgres").getConnection();
            var st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS reports");
          st.execute("CREATE DATABASE reports");
        }
      }
      var config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("reports"));
      config.setUsername("postgres");
      config.setMaximumPoolSize(8);
      try (var ds = new HikariDataSource(config)) {
        System.out.printf(
            "SOL report benchmark — %s, %d cores, Java %s, PostgreSQL 17 embedded%n",
            java.time.LocalDate.now(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"));
        NetworkId network;
        if (reuse) {
          network = new NetworkId(1);
          System.out.println("reusing the generated journal in " + dir);
        } else {
          Migrations.apply(ds);
          network = generate(ds);
        }
        run(ds, network);
      }
    }
  }

  static NetworkId generate(HikariDataSource ds) throws Exception {
    NetworkId id;
    try (var ledger =
        new Ledger(
            ds,
            coop.sol.ledger.transfer.WriterSettings.DEFAULTS,
            java.time.Clock.systemUTC(),
            coop.sol.ledger.transfer.WriteObserver.NONE)) {
      Network network = ledger.networks().create("bench", "Réseau du banc d'essai");
      id = network.id();
      var generator = new Generator(ledger, id);
      long t0 = System.nanoTime();
      generator.load(ds, ROWS);
      System.out.printf(
          "generated and loaded %,d rows (%s) in %.0f s%n", ROWS, generator.summary(), seconds(t0));
      t0 = System.nanoTime();
      VerificationReport check = ledger.verifier().verify(id);
      System.out.printf(
          "journal verified (chains, balances = replay, zero sums): %s, in %.0f s%n",
          check.valid() ? "valid" : check.firstDiscrepancy().orElseThrow(), seconds(t0));
      if (!check.valid()) {
        throw new IllegalStateException("the generated journal is not valid");
      }
    }
    long t0 = System.nanoTime();
    AggregationRun run = new Aggregator(ds).catchUp(id);
    System.out.printf(
        "aggregator caught up on %,d rows in %.0f s%n", run.totalFolded(), seconds(t0));
    return id;
  }

  static void run(HikariDataSource ds, NetworkId network) throws Exception {
    // the aggregator has caught up (a rerun may find an earlier run's tail), then a tail of rows is
    // posted through the real writer after the aggregator's last run
    new Aggregator(ds).catchUp(network);
    Clock end = Clock.fixed(Instant.parse("2025-12-31T20:00:00Z"), ZoneOffset.UTC);
    try (var ledger = new Ledger(ds, WriterSettings.DEFAULTS, end, WriteObserver.NONE)) {
      var accounts = ledger.accounts().list(network);
      AccountId issuance =
          accounts.stream()
              .filter(a -> a.ownerKind() == OwnerKind.SYSTEM && a.ownerRef().equals("issuance"))
              .findFirst()
              .orElseThrow()
              .id();
      List<AccountId> members =
          accounts.stream()
              .filter(a -> a.ownerKind() == OwnerKind.MEMBER)
              .map(a -> a.id())
              .limit(100)
              .toList();
      var futures = new ArrayList<CompletableFuture<?>>();
      for (int i = 0; i < TAIL; i++) {
        futures.add(
            ledger
                .transfers()
                .submit(
                    network,
                    TransferCommand.posted(
                        new IdempotencyKey("tail-" + System.nanoTime() + "-" + i),
                        StrandKind.COOPERATION,
                        issuance,
                        members.get(i % members.size()),
                        Amount.of(100),
                        TransferCode.ISSUANCE)));
      }
      futures.forEach(CompletableFuture::join);
    }
    Map<StrandKind, Long> marks = new Aggregator(ds).watermarks(network);
    System.out.printf(
        "tail posted through the writer after the aggregator's last run: %,d rows (watermark %s)%n%n",
        TAIL, marks.get(StrandKind.COOPERATION));

    // what autovacuum does on its own after the aggregator's bulk upserts, done now so that it does
    // not run during the timings
    try (var c = ds.getConnection();
        var st = c.createStatement()) {
      st.execute(
          "VACUUM (ANALYZE) report_flow_day, report_account_day, report_account_month,"
              + " report_fonte_day, report_watermark");
    }
    var reports = new CirculationReports(ds, end);
    var scans = new FullScanReports(ds, end);
    var month =
        ReportRequest.of(
            network, StrandKind.COOPERATION, ReportPeriod.month(YearMonth.of(2025, 6)));
    var year = ReportRequest.of(network, StrandKind.COOPERATION, ReportPeriod.year(Year.of(2025)));
    System.out.println(
        "| report (Coopération) | from aggregates + tail: first call | then median of 7 (max)"
            + " | full scan | same figures |");
    System.out.println("|---|---:|---:|---:|---|");
    for (var request : List.of(month, year)) {
      long cold = System.nanoTime();
      reports.report(request);
      cold = System.nanoTime() - cold;
      reports.report(request); // warm-up
      reports.report(request);
      long[] times = new long[7];
      CirculationReport aggregated = null;
      for (int i = 0; i < times.length; i++) {
        long t0 = System.nanoTime();
        aggregated = reports.report(request);
        times[i] = System.nanoTime() - t0;
      }
      Arrays.sort(times);
      long t0 = System.nanoTime();
      CirculationReport scanned = scans.report(request);
      long scan = System.nanoTime() - t0;
      System.out.printf(
          "| %s | %.0f ms | %.0f ms (%.0f ms) | %.1f s | %s |%n",
          request.period(),
          cold / 1e6,
          times[3] / 1e6,
          times[6] / 1e6,
          scan / 1e9,
          aggregated.equals(scanned) ? "yes" : "NO");
    }
    var sample = reports.report(year);
    System.out.printf(
        "%nyear 2025: circulation %,d → %,d, payments %,d for %,d, velocity %s, active members %,d, merchants %,d%n",
        sample.circulation().atStart(),
        sample.circulation().atEnd(),
        sample.payments().payments().count(),
        sample.payments().payments().amount(),
        sample.payments().velocity(),
        sample.payments().activeMembers(),
        sample.payments().activeMerchants());
    if (!"false".equals(System.getProperty("report.bench.audit"))) {
      audit(ds, network, end, sample);
    }
  }

  /** Checkpoints, a signed yearly report, the export, and the offline verifier over all of it. */
  static void audit(HikariDataSource ds, NetworkId network, Clock clock, CirculationReport year)
      throws Exception {
    var signer = coop.sol.keys.SigningKey.of(new byte[32]);
    boolean stored =
        new coop.sol.ledger.signing.SigningKeyStore(ds)
            .all(network).stream().anyMatch(k -> k.key().equals(signer.networkKey()));
    if (!stored) { // a reused journal has it from the previous run
      coop.sol.ledger.testing.SigningKeys.storeActive(ds, network, signer);
    }
    var checkpoints = new coop.sol.ledger.audit.Checkpoints(ds, clock);
    long t0 = System.nanoTime();
    int taken = checkpoints.takeAll(network, signer).size();
    System.out.printf(
        "%ncheckpoints: %d new (segments of at most %,d rows, chain re-verified) in %.0f s%n",
        taken, coop.sol.ledger.audit.Checkpoints.DEFAULT_MAX_SEGMENT, seconds(t0));
    Path zip =
        Path.of(System.getProperty("report.bench.dir", "target/report-bench-db"))
            .resolveSibling("report-bench-export.zip");
    t0 = System.nanoTime();
    try (var out = Files.newOutputStream(zip)) {
      new coop.sol.ledger.audit.JournalExport(ds, clock)
          .write(
              network,
              Map.of("year-2025", coop.sol.ledger.audit.SignedReport.sign(year, signer)),
              out);
    }
    System.out.printf("export: %s, %,d MB, in %.0f s%n", zip, Files.size(zip) >> 20, seconds(t0));
    t0 = System.nanoTime();
    var result =
        new coop.sol.ledger.audit.ExportVerifier(java.util.Set.of(signer.networkKey())).verify(zip);
    System.out.printf(
        "offline verification (chains, %d checkpoints, balances, the signed yearly report recomputed): %s in %.0f s%n",
        taken, result.valid() ? "VALID" : result.firstDiscrepancy().orElseThrow(), seconds(t0));
    System.out.println("public key of the benchmark network: " + signer.networkKey().toBase64Url());
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * A year of a busy network: 3,700 members, 1,250 merchants, 40 associations, the issuance and
   * fund accounts, and on the euro ledger the outside, the reserve and 5 exchange-office tills
   * (4,999 accounts). Rows, drawn with a fixed seed: purchases (ISSUANCE, a bonus one time in
   * three, and the euros into a till), member → merchant payments (most rows), merchant → merchant
   * payments, other payments, rewards, reconversions (with the fee and the euros out of the
   * reserve), tills banked into the reserve, two-phase payments (posted, or voided), the fund
   * paying associations, a monthly fonte, and rare corrections. Every debit respects the account's
   * limit (a payer short of money buys SOL first), as the writer would have required.
   */
  static final class Generator {
    static final int MEMBERS = 3_700;
    static final int MERCHANTS = 1_250;
    static final int ASSOCIATIONS = 40;
    static final int TILLS = 5;
    static final Instant START = Instant.parse("2024-12-31T23:00:00Z"); // 2025-01-01 in Paris
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx");

    final NetworkId network;
    final long issuance;
    final long fund;
    final long[] members;
    final long[] merchants;
    final long[] associations;
    final long euroOutside;
    final long euroReserve;
    final long[] tills;
    final java.util.HashMap<Long, long[]> balances = new java.util.HashMap<>(); // dp, cp
    final EnumMap<StrandKind, Long> seq = new EnumMap<>(StrandKind.class);
    final EnumMap<StrandKind, byte[]> head = new EnumMap<>(StrandKind.class);
    final EnumMap<StrandKind, Long> rowsPerStrand = new EnumMap<>(StrandKind.class);
    final SplittableRandom random = new SplittableRandom(2025);
    final StringBuilder copy = new StringBuilder(1 << 24);
    final HexFormat hex = HexFormat.of();
    long nextId = 1_000_000;
    long written;
    int chunkRows;
    Instant now = START;
    int fonteMonth = 1;

    Generator(Ledger ledger, NetworkId network) {
      this.network = network;
      var accounts = ledger.accounts();
      issuance = open(accounts, StrandKind.COOPERATION, OwnerKind.SYSTEM, "issuance", true);
      fund = open(accounts, StrandKind.COOPERATION, OwnerKind.SYSTEM, "fund", false);
      members = openMany(accounts, OwnerKind.MEMBER, MEMBERS);
      merchants = openMany(accounts, OwnerKind.MERCHANT, MERCHANTS);
      associations = openMany(accounts, OwnerKind.ASSOCIATION, ASSOCIATIONS);
      euroOutside = open(accounts, StrandKind.EURO, OwnerKind.SYSTEM, "euro-outside", true);
      euroReserve = open(accounts, StrandKind.EURO, OwnerKind.SYSTEM, "euro-reserve", false);
      tills = new long[TILLS];
      for (int i = 0; i < TILLS; i++) {
        tills[i] = open(accounts, StrandKind.EURO, OwnerKind.EXCHANGE_OFFICE, "office-" + i, false);
      }
      for (StrandKind s : StrandKind.values()) {
        seq.put(s, 0L);
        head.put(s, JournalHash.genesis());
        rowsPerStrand.put(s, 0L);
      }
    }

    long open(
        coop.sol.ledger.account.Accounts accounts,
        StrandKind strand,
        OwnerKind kind,
        String ref,
        boolean unlimited) {
      long id =
          accounts
              .open(
                  network,
                  strand,
                  kind,
                  ref,
                  ref,
                  unlimited ? OptionalLong.empty() : OptionalLong.of(0))
              .id()
              .value();
      balances.put(id, new long[2]);
      return id;
    }

    long[] openMany(coop.sol.ledger.account.Accounts accounts, OwnerKind kind, int n) {
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        ids[i] =
            open(
                accounts, StrandKind.COOPERATION, kind, kind.name().toLowerCase() + "-" + i, false);
      }
      return ids;
    }

    long balance(long account) {
      long[] b = balances.get(account);
      return b[1] - b[0];
    }

    long pick(long[] ids) {
      return ids[random.nextInt(ids.length)];
    }

    /** Zipf-ish: a few merchants take most payments. */
    long merchant() {
      double u = random.nextDouble();
      return merchants[(int) (MERCHANTS * u * u * u)];
    }

    String summary() {
      return "rows per strand " + rowsPerStrand;
    }

    void load(HikariDataSource ds, int rows) throws Exception {
      long step = Duration.ofDays(365).toNanos() / rows; // time between rows
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
          // the generator guarantees the foreign keys by construction; the verifier checks the rest
          st.execute("SET session_replication_role = replica");
        }
        var copier = c.unwrap(PGConnection.class).getCopyAPI();
        while (written < rows) {
          now = START.plusNanos(step * written).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          nextOperation();
          if (chunkRows >= 200_000 || written >= rows) {
            copier.copyIn(
                "COPY transfer (network_id, transfer_id, strand_id, seq, kind, debit_account_id,"
                    + " credit_account_id, amount, code, idempotency_key, pending_id, created_at,"
                    + " hash) FROM STDIN",
                new java.io.StringReader(copy.toString()));
            copy.setLength(0);
            chunkRows = 0;
          }
        }
        // stored balances and chain heads, to match the journal
        try (var update =
            c.prepareStatement(
                "UPDATE account SET debits_posted = ?, credits_posted = ?"
                    + " WHERE network_id = ? AND account_id = ?")) {
          for (var e : balances.entrySet()) {
            update.setLong(1, e.getValue()[0]);
            update.setLong(2, e.getValue()[1]);
            update.setLong(3, network.value());
            update.setLong(4, e.getKey());
            update.addBatch();
          }
          update.executeBatch();
        }
        try (var update =
            c.prepareStatement(
                "UPDATE strand SET head_seq = ?, head_hash = ? WHERE network_id = ? AND strand_id = ?")) {
          for (StrandKind s : StrandKind.values()) {
            update.setLong(1, seq.get(s));
            update.setBytes(2, head.get(s));
            update.setLong(3, network.value());
            update.setShort(4, s.id());
            update.addBatch();
          }
          update.executeBatch();
        }
        try (var st = c.createStatement()) {
          st.execute("SET session_replication_role = origin");
          // the writer's id blocks start after the generated ids
          st.execute("SELECT setval('transfer_id_block_seq', " + (nextId / 1000 + 1) * 1000 + ")");
        }
        c.commit();
        try (var st = c.createStatement()) {
          c.setAutoCommit(true);
          st.execute("ANALYZE");
        }
      }
    }

    void nextOperation() {
      // monthly fonte on the first rows of each month: 150 sleeping accounts lose 2 %
      int month = now.atZone(Journals.PARIS).getMonthValue();
      if (month != fonteMonth) {
        fonteMonth = month;
        for (int i = 0; i < 150; i++) {
          long a = pick(members);
          long charge = Math.max(1, balance(a) / 50);
          if (balance(a) >= charge) {
            row(StrandKind.COOPERATION, TransferKind.POSTED, a, fund, charge, "FONTE", null);
          }
        }
        return;
      }
      int r = random.nextInt(10_000);
      if (r < 6_800) {
        pay(pick(members), merchant(), 100 + random.nextInt(4_900));
      } else if (r < 8_300) {
        pay(merchant(), merchant(), 500 + random.nextInt(20_000));
      } else if (r < 8_700) {
        pay(pick(members), pick(members), 100 + random.nextInt(3_000));
      } else if (r < 8_900) {
        pay(merchant(), pick(members), 100 + random.nextInt(2_000));
      } else if (r < 9_200) {
        long m = merchant();
        long amount = 10 + random.nextInt(300);
        if (balance(m) >= amount) {
          row(
              StrandKind.COOPERATION,
              TransferKind.POSTED,
              m,
              pick(members),
              amount,
              "REWARD",
              null);
        }
      } else if (r < 9_600) {
        purchase(pick(members));
      } else if (r < 9_700) {
        reconvert(merchant());
      } else if (r < 9_780) {
        long till = pick(tills);
        if (balance(till) > 0) {
          row(
              StrandKind.EURO,
              TransferKind.POSTED,
              till,
              euroReserve,
              balance(till),
              "RESERVE_DEPOSIT",
              null);
        }
      } else if (r < 9_950) {
        long from = pick(members);
        long to = merchant();
        long amount = 100 + random.nextInt(3_000);
        if (balance(from) >= amount) {
          long pendingId =
              row(StrandKind.COOPERATION, TransferKind.PENDING, from, to, amount, "PAYMENT", null);
          if (random.nextInt(4) == 0) {
            row(
                StrandKind.COOPERATION,
                TransferKind.VOID_PENDING,
                from,
                to,
                amount,
                "PAYMENT",
                pendingId);
          } else {
            long posted = amount - random.nextInt((int) amount / 2);
            row(
                StrandKind.COOPERATION,
                TransferKind.POST_PENDING,
                from,
                to,
                posted,
                "PAYMENT",
                pendingId);
          }
        }
      } else if (r < 9_998) {
        long amount = 100 + random.nextInt(2_000);
        if (balance(fund) >= amount) {
          row(
              StrandKind.COOPERATION,
              TransferKind.POSTED,
              fund,
              pick(associations),
              amount,
              "PAYMENT",
              null);
        }
      } else {
        long from = merchant();
        if (balance(from) >= 100) {
          row(
              StrandKind.COOPERATION,
              TransferKind.POSTED,
              from,
              pick(members),
              100,
              "CORRECTION",
              null);
        }
      }
    }

    void pay(long from, long to, long amount) {
      if (from == to) {
        return;
      }
      if (balance(from) < amount) {
        if (isMember(from)) {
          purchase(from);
        }
        return;
      }
      row(StrandKind.COOPERATION, TransferKind.POSTED, from, to, amount, "PAYMENT", null);
    }

    boolean isMember(long id) {
      return id >= members[0] && id <= members[MEMBERS - 1];
    }

    void purchase(long member) {
      long sol = 2_000 + 1_000L * random.nextInt(10);
      row(StrandKind.COOPERATION, TransferKind.POSTED, issuance, member, sol, "ISSUANCE", null);
      if (random.nextInt(3) == 0) {
        row(
            StrandKind.COOPERATION,
            TransferKind.POSTED,
            issuance,
            member,
            sol / 20,
            "PURCHASE_BONUS",
            null);
      }
      row(
          StrandKind.EURO,
          TransferKind.POSTED,
          euroOutside,
          pick(tills),
          sol,
          "RESERVE_DEPOSIT",
          null);
    }

    void reconvert(long merchant) {
      long amount = balance(merchant) / 2;
      long fee = amount / 20;
      if (amount < 100 || balance(euroReserve) < amount - fee) {
        return;
      }
      row(
          StrandKind.COOPERATION,
          TransferKind.POSTED,
          merchant,
          issuance,
          amount - fee,
          "RECONVERSION",
          null);
      row(
          StrandKind.COOPERATION,
          TransferKind.POSTED,
          merchant,
          fund,
          fee,
          "RECONVERSION_FEE",
          null);
      row(
          StrandKind.EURO,
          TransferKind.POSTED,
          euroReserve,
          euroOutside,
          amount - fee,
          "RESERVE_WITHDRAWAL",
          null);
    }

    /** Appends a row to the COPY buffer, chained and hashed; returns its transfer id. */
    long row(
        StrandKind strand,
        TransferKind kind,
        long debit,
        long credit,
        long amount,
        String code,
        Long pendingId) {
      long id = nextId++;
      long s = seq.merge(strand, 1L, Long::sum);
      var t =
          new Transfer(
              network,
              new TransferId(id),
              strand,
              s,
              kind,
              new AccountId(debit),
              new AccountId(credit),
              amount,
              TransferCode.valueOf(code),
              new IdempotencyKey("g" + id),
              Optional.ofNullable(pendingId).map(TransferId::new),
              Optional.empty(),
              Optional.empty(),
              "",
              "",
              now,
              JournalHash.genesis());
      byte[] hash = JournalHash.chain(head.get(strand), t);
      head.put(strand, hash);
      if (kind == TransferKind.POSTED || kind == TransferKind.POST_PENDING) {
        balances.get(debit)[0] += amount;
        balances.get(credit)[1] += amount;
      }
      copy.append(network.value())
          .append('\t')
          .append(id)
          .append('\t')
          .append(strand.id())
          .append('\t')
          .append(s)
          .append('\t')
          .append(kind.name())
          .append('\t')
          .append(debit)
          .append('\t')
          .append(credit)
          .append('\t')
          .append(amount)
          .append('\t')
          .append(code)
          .append("\tg")
          .append(id)
          .append('\t')
          .append(pendingId == null ? "\\N" : pendingId.toString())
          .append('\t')
          .append(TS.format(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
          .append("\t\\\\x")
          .append(hex.formatHex(hash))
          .append('\n');
      written++;
      chunkRows++;
      rowsPerStrand.merge(strand, 1L, Long::sum);
      return id;
    }
  }
}
