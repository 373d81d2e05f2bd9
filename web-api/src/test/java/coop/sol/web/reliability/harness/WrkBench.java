package coop.sol.web.reliability.harness;

import coop.sol.ledger.bench.TpcbReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 19's side-by-side run: SOL's API next to what its parts allow, on this machine, in one run,
 * with wrk (C, a small share of the CPU) as the generator and the scripted requests of {@code
 * bench/wrk/sol.lua}.
 *
 * <ol>
 *   <li>Builds the bare reference app ({@code bench/bare-app}: Spring Boot 4.0.7, Spring MVC and
 *       Spring Security permitting all, one trivial JSON handler, two handlers that read as SOL's
 *       balance and history reads do, and SOL's own stylesheet).
 *   <li>Starts SOL's packaged jar on its embedded PostgreSQL (no demo), measures its RSS at idle,
 *       seeds 5,000 members and 50 merchants with a personal access token each ({@link
 *       BenchNetwork}); starts the bare app on the same PostgreSQL and warms it up; runs pgbench on
 *       that PostgreSQL: TPC-B and select-only, 8 clients, prepared.
 *   <li>Warms SOL up and runs {@code ANALYZE} on its database ({@link #analyze}), then measures a
 *       static file and health without authentication, balance and history reads with each member's
 *       own token (16 connections), and payments with a fresh {@code Idempotency-Key} each, to one
 *       hot merchant and among uniform members (64 connections). The bare app's handler and
 *       stylesheet (and, with the reads, its own reads of the same members' accounts and histories)
 *       are measured in the same rounds, and, with the payment steps, pgbench's simple updates from
 *       as many clients on SOL's PostgreSQL: the tail of PostgreSQL alone.
 *   <li>Watches the machine all through the rounds ({@link StallProbe}: the disk's flush, a
 *       thread's wake-up; the CPU the host took), and reports each round's p99 beside what held the
 *       machine up during it.
 * </ol>
 *
 * <p>With a baseline ({@code wrk.baseline}), both builds run side by side, each on its own
 * PostgreSQL, and each step is measured on one right after the other, the order swapped from one
 * round ({@code wrk.rounds}) to the next: this machine's speed drifts by a factor of two within
 * minutes, so builds measured one after the other, step after step, compare the machine as much as
 * the builds. Each figure reported is the median round's (by requests/s), except p99, which is the
 * median of the rounds' p99 (their range beside it); the before/after table gives, for each order,
 * the median of its rounds' paired ratios, and the geometric mean of the two (the build measured
 * second in a round ran up to a tenth faster, and an odd number of rounds would give one order the
 * majority). The two sides are not alike: the build measured is started second, and its PostgreSQL
 * also serves the bare app's reads and pgbench. Here that cost it about 6 % against the baseline,
 * whichever code each side ran (BENCHMARKS.md, 2026-12-06): compare two builds with two runs, the
 * places swapped.
 *
 * <p>Writes {@code web-api/target/benchmarks/WRK.md}: each step's requests/s, p50 and p99 (as wrk
 * measures them: from each request's send), the non-2xx answers and socket errors, the CPU of the
 * application and PostgreSQL, and the ratios the targets name. A target against another
 * step (the reads against the bare handler, the static file against the bare app's) is judged on
 * the median of the rounds' own ratios, each round's two steps measured minutes apart; the ratio
 * between the two steps' median rounds is shown beside it. Those two rounds may be ones the machine
 * ran at different speeds (the bare handler's rounds have ranged over 1.8× in one run). The
 * payments' reference, pgbench, runs once before the rounds: they are judged on their median round.
 *
 * <p>Command: {@value #COMMAND}. System properties: {@code wrk.seconds} (15, each measured step),
 * {@code wrk.warmup} (10; each warm-up pass's seconds per kind of request), {@code
 * wrk.warmupPasses} (4, at most), {@code wrk.rounds} (3), {@code wrk.members} (5,000), {@code
 * wrk.jvm} (the JVM options of both applications; none by default, as the README's run command),
 * {@code wrk.appArgs} (SOL's extra arguments), {@code wrk.profile} (a step's name: a JFR recording
 * of SOL during that step, summarised in the report; with {@code wrk.asyncProfiler}, the path of
 * async-profiler's {@code libasyncProfiler.so}, that library samples the step instead, with the
 * {@code itimer} event, into {@code <step>.collapsed} beside the report), {@code wrk.steps} (a
 * comma-separated subset of SOL's steps), {@code wrk.baseline} (another build's {@code sol.jar},
 * measured beside it in the same run: the report then has a before/after table, one change at a
 * time), {@code wrk.baselineJvm} (that run's JVM options, {@code wrk.jvm} by default: the same jar
 * with other options compares the options).
 */
final class WrkBench {
  static final String COMMAND = "./mvnw -pl web-api -am -Pwrk-bench -DskipTests verify";

  private static final int SECONDS = Integer.getInteger("wrk.seconds", 15);
  private static final int WARM_UP = Integer.getInteger("wrk.warmup", 10);
  private static final int ROUNDS = Math.max(1, Integer.getInteger("wrk.rounds", 3));
  private static final int MEMBERS = Integer.getInteger("wrk.members", 5000);
  private static final int MERCHANTS = 50;
  private static final int REF_CLIENTS = 8;

  /** The connections of the payment steps and of pgbench's simple updates beside them. */
  private static final int PAYMENT_CONNECTIONS = 64;

  /**
   * A flush of the disk or a wake-up this late, or later, is a stall: the payments' p99 target, in
   * ms.
   */
  private static final int STALL_MS = 50;

  private static final String JVM = System.getProperty("wrk.jvm", "").trim();
  private static final String APP_ARGS = System.getProperty("wrk.appArgs", "").trim();
  private static final String PROFILE = System.getProperty("wrk.profile", "").trim();

  /** Warm-up passes at most, and the JIT compilers' CPU (in cores) under which a pass ends it. */
  private static final int MAX_WARM_UP_PASSES =
      Math.max(1, Integer.getInteger("wrk.warmupPasses", 4));

  private static final double QUIET_COMPILERS = 0.02;

  private static final String ASYNC_PROFILER = System.getProperty("wrk.asyncProfiler", "").trim();
  private static final String BASELINE = System.getProperty("wrk.baseline", "").trim();
  private static final String BASELINE_JVM = System.getProperty("wrk.baselineJvm", JVM).trim();
  private static final String STEPS =
      System.getProperty("wrk.steps", "static,health,balance,history,hot,uniform").trim();
  private static final String STYLESHEET = "/css/sol.css";
  private static final Pattern RESULT =
      Pattern.compile(
          "WRK_RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)"
              + " connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+)");

  /**
   * A read of the bare app's that makes the statements of one of SOL's reads on SOL's PostgreSQL,
   * with nothing else: that read's floor.
   *
   * @param name its step's name in the report
   * @param mode its wrk mode ({@code bench/wrk/sol.lua})
   * @param floorOf the SOL step whose statements it makes; measured only with that step
   */
  private record BareRead(String name, String mode, String floorOf) {}

  private static final List<BareRead> BARE_READS =
      List.of(
          new BareRead("bare read", "read", "balance"),
          new BareRead("bare history", "read-history", "history"));

  /** One measured step. */
  record Step(
      String name,
      int connections,
      double perSecond,
      double p50Ms,
      double p99Ms,
      long non2xx,
      long socketErrors,
      double appCores,
      double postgresCores) {}

  private final Path root;
  private final Path directory;
  private final Path script;
  private final String wrk;
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  /** Each step's measurements, one per round, by name. */
  private final Map<String, List<Step>> rounds = new LinkedHashMap<>();

  /** What held the machine up during each of a step's rounds, by name. */
  private final Map<String, List<Held>> held = new LinkedHashMap<>();

  /** Each step's median round, by name: what the report shows. */
  private final Map<String, Step> steps = new LinkedHashMap<>();

  private final StringBuilder notes = new StringBuilder();

  /** The warm-up passes each SOL took (by label) before its JIT compilers were quiet. */
  private final Map<String, Integer> warmUpPasses = new LinkedHashMap<>();

  private Process bare;
  private final List<SolProcess> sols = new ArrayList<>();
  private final List<Long> postmasters = new ArrayList<>();
  private StallProbe probe;

  private WrkBench(Path root) {
    this.root = root;
    this.directory = root.resolve("web-api/target/wrk-bench");
    this.script = root.resolve("bench/wrk/sol.lua").toAbsolutePath();
    this.wrk =
        Optional.ofNullable(System.getenv("PATH")).stream()
            .flatMap(path -> List.of(path.split(":")).stream())
            .map(dir -> Path.of(dir, "wrk"))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "wrk is not installed (Debian: apt-get install wrk)"));
  }

  public static void main(String[] args) throws Exception {
    JdbcDriver.load();
    Path root = Path.of(System.getProperty("wrk.repositoryRoot", ".")).toAbsolutePath().normalize();
    var bench = new WrkBench(root);
    Thread cleanUp = new Thread(bench::cleanUp, "wrk-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    String report;
    try {
      report = bench.execute();
    } finally {
      bench.cleanUp();
      Runtime.getRuntime().removeShutdownHook(cleanUp);
    }
    Path output = root.resolve("web-api/target/benchmarks");
    Files.createDirectories(output);
    Files.writeString(output.resolve("WRK.md"), report);
    System.out.println(report);
    System.out.println("Written to " + output.resolve("WRK.md"));
  }

  private String execute() throws Exception {
    E2eBenchmark.deleteRecursively(directory);
    Files.createDirectories(directory);
    String loadBefore = ProcStats.loadAverage();
    var started = ZonedDateTime.now(ZoneOffset.UTC);
    log("load average before: " + loadBefore);

    Path bareJar = buildBareApp();
    List<Sol> builds = new ArrayList<>();
    if (!BASELINE.isEmpty()) {
      builds.add(startSol(Path.of(BASELINE), BASELINE_JVM, "before: "));
    }
    Sol after = startSol(root.resolve("web-api/target/sol.jar"), JVM, "");
    builds.add(after);
    List<String> chosen = List.of(STEPS.split("\\s*,\\s*"));
    List<BareRead> bareReads =
        BARE_READS.stream().filter(read -> chosen.contains(read.floorOf())).toList();

    // after SOL's seeding: the bare app's read is of the members' accounts on SOL's PostgreSQL
    int barePort = SolProcess.freePort();
    startBare(bareJar, barePort, after.jdbcUrl());
    String bareUrl = "http://127.0.0.1:" + barePort;
    log("bare app: warming up");
    wrk(bareUrl + "/hello", 16, WARM_UP, "plain");
    wrk(bareUrl + STYLESHEET, 16, Math.max(3, WARM_UP / 2), "plain");
    for (BareRead read : bareReads) {
      wrk(bareUrl, 16, WARM_UP, read.mode(), after.holders());
    }
    PgBench reference = pgbench(after);
    for (Sol sol : builds) {
      warmUp(sol);
    }
    for (Sol sol : builds) {
      analyze(sol);
    }

    boolean payments = chosen.contains("hot") || chosen.contains("uniform");
    probe = StallProbe.start(directory.resolve("stall-probe.dat"));
    for (int round = 1; round <= ROUNDS; round++) {
      log("round " + round + " of " + ROUNDS);
      List<Sol> order = new ArrayList<>(builds);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      measure("bare handler", bareUrl + "/hello", 16, "plain", bare.pid(), 0, round);
      measure("bare static", bareUrl + STYLESHEET, 16, "plain", bare.pid(), 0, round);
      for (BareRead read : bareReads) {
        measure(
            read.name(),
            bareUrl,
            16,
            read.mode(),
            bare.pid(),
            after.postmasterPid(),
            round,
            after.holders());
      }
      for (String step : chosen) {
        for (Sol sol : order) {
          measureStep(sol, step, round);
        }
      }
      if (payments) {
        measureSimpleUpdates(after);
      }
    }
    probe.close();
    dropPgbench(after);
    long bareIdleRss = ProcStats.rssKib(bare.pid());
    stopBare();
    rounds.forEach((name, measured) -> steps.put(name, median(measured)));
    SolProcess.sleep(ProcStats.IDLE_MILLIS);
    List<SolRun> runs = new ArrayList<>();
    for (Sol sol : builds) {
      runs.add(new SolRun(sol.startup(), sol.idleRss(), ProcStats.rssKib(sol.process().pid())));
      sol.process().stop();
    }
    return report(
        started, loadBefore, bareIdleRss, reference, runs.get(0), runs.get(runs.size() - 1));
  }

  /** What one run of a SOL jar measured besides its steps. */
  private record SolRun(double startup, long idleRss, long rssAfter) {}

  /** pgbench's transactions per second on SOL's PostgreSQL, the payments' reference. */
  private record PgBench(double tpcb, double selectOnly) {}

  /** A SOL build running on its own PostgreSQL, seeded, and what its steps send. */
  private record Sol(
      String label,
      SolProcess process,
      long postmasterPid,
      String jdbcUrl,
      String holders,
      String hot,
      double startup,
      long idleRss) {}

  /**
   * Starts {@code jar} on a fresh data directory, measures its RSS at idle and seeds it; its steps
   * are named with {@code label} first.
   */
  private Sol startSol(Path jar, String jvm, String label) throws Exception {
    Path data = directory.resolve(label.isEmpty() ? "data" : "data-before");
    var sol =
        new SolProcess(
            jar,
            data,
            SolProcess.freePort(),
            E2eBenchmark.split(jvm),
            false,
            E2eBenchmark.split(APP_ARGS));
    sols.add(sol);
    long t0 = System.nanoTime();
    sol.start(Duration.ofMinutes(3));
    double startup = (System.nanoTime() - t0) / 1e9;
    long postmasterPid = sol.postmaster().orElseThrow().pid();
    postmasters.add(postmasterPid);
    int pgPort = sol.postgresPort();
    log(
        String.format(
            Locale.ROOT, "%sSOL (%s) UP in %.1f s; PostgreSQL on %d", label, jar, startup, pgPort));
    SolProcess.sleep(ProcStats.IDLE_MILLIS);
    long idleRss = ProcStats.rssKib(sol.pid());
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";

    log(label + "seeding " + MEMBERS + " members");
    BenchNetwork network = BenchNetwork.seed(jdbcUrl, MEMBERS, MERCHANTS);
    Path holders = directory.resolve((label.isEmpty() ? "" : "before-") + "members.txt");
    var lines = new StringBuilder();
    network.members.forEach(
        m -> lines.append(m.accountId()).append(' ').append(m.token()).append('\n'));
    Files.writeString(holders, lines);
    String hot = Long.toString(network.merchants.get(0).accountId());
    return new Sol(label, sol, postmasterPid, jdbcUrl, holders.toString(), hot, startup, idleRss);
  }

  /**
   * pgbench TPC-B and select-only on {@code sol}'s PostgreSQL, in a database of their own, which
   * stays for {@link #measureSimpleUpdates} until {@link #dropPgbench}.
   */
  private PgBench pgbench(Sol sol) throws Exception {
    log("pgbench on SOL's PostgreSQL");
    int pgPort = sol.process().postgresPort();
    try (var c = DriverManager.getConnection(sol.jdbcUrl(), "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE pgbench");
    }
    double tpcb =
        TpcbReference.pgbench("127.0.0.1", pgPort, "pgbench", REF_CLIENTS, SECONDS)
            .orElseThrow(() -> new IllegalStateException("pgbench is not installed"));
    double selectOnly =
        TpcbReference.pgbench(
                "127.0.0.1", pgPort, "pgbench", REF_CLIENTS, SECONDS, false, List.of("-S"))
            .orElseThrow();
    log(String.format(Locale.ROOT, "TPC-B %.0f tps, select-only %.0f tps", tpcb, selectOnly));
    return new PgBench(tpcb, selectOnly);
  }

  /**
   * pgbench's simple-update script ({@code -N}: one account among a million updated and read, a
   * history row inserted, one durable commit) from as many clients as the payment steps have
   * connections, as a step of the round: the tail of PostgreSQL alone on this disk at the payments'
   * concurrency, with no row that every transaction updates (TPC-B's ten branches make its clients
   * queue on their locks). Its failed transactions, if any, go in the report's non-2xx column.
   */
  private void measureSimpleUpdates(Sol sol) throws Exception {
    String name = "pgbench simple-update (`-N`)";
    long stealBefore = ProcStats.stealTicks();
    long t0 = System.nanoTime();
    var measured =
        TpcbReference.pgbenchLatencies(
                "127.0.0.1",
                sol.process().postgresPort(),
                "pgbench",
                PAYMENT_CONNECTIONS,
                SECONDS,
                List.of("-N"),
                directory)
            .orElseThrow(() -> new IllegalStateException("pgbench is not installed"));
    long t1 = System.nanoTime();
    // no CPU figures: pgbench's backends start and end within the step, out of the snapshots' view
    var step =
        new Step(
            name,
            PAYMENT_CONNECTIONS,
            measured.tps(),
            measured.p50Ms(),
            measured.p99Ms(),
            measured.failed(),
            0,
            Double.NaN,
            Double.NaN);
    recordRound(step, held(t0, t1, stealBefore));
  }

  private void dropPgbench(Sol sol) throws Exception {
    try (var c = DriverManager.getConnection(sol.jdbcUrl(), "postgres", "")) {
      c.createStatement().execute("DROP DATABASE pgbench");
    }
  }

  /**
   * Refreshes the planner's statistics of SOL's database once the warm-up's payments are in it. The
   * seeded journal is one issuance account crediting every member, so statistics taken then (by
   * autovacuum, at any moment of the warm-up) say that every row has the same debit account; a plan
   * made on them reads a page by scanning the journal's primary key backwards, thousands of rows
   * per page. Such a plan stayed in the pool's connections of one build for a whole run (22:21 UTC
   * on 2026-12-04: PostgreSQL's CPU per history read twice the other build's, 0.26 against 0.12
   * ms). After this ANALYZE, the primary key's tuple reads stopped growing from the first round on
   * (pg_stat_user_indexes during the run of 22:52 UTC): the plans made before it were replaced.
   */
  private void analyze(Sol sol) throws Exception {
    log(sol.label() + "ANALYZE");
    try (var c = DriverManager.getConnection(sol.jdbcUrl(), "postgres", "")) {
      c.createStatement().execute("ANALYZE");
    }
  }

  /**
   * Warms SOL up with every kind of request, again until its JIT compilers are nearly idle through
   * one pass (at most {@link #MAX_WARM_UP_PASSES}): on two cores, the one C2 compiler thread gets a
   * small share beside sixteen busy request threads, and after a single pass it was still compiling
   * SOL's request path in the first round (a fifth of the CPU samples of a first-round balance
   * step, and a third fewer reads than the next rounds).
   */
  private void warmUp(Sol sol) throws Exception {
    long pid = sol.process().pid();
    for (int pass = 1; ; pass++) {
      long compilerBefore = ProcStats.compilerTicks(pid);
      long t0 = System.nanoTime();
      warmUpPass(sol, pass);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double compiling =
          (ProcStats.compilerTicks(pid) - compilerBefore) / ProcStats.TICKS_PER_SECOND / seconds;
      log(
          String.format(
              Locale.ROOT,
              "%sSOL: warm-up pass %d, JIT compilers %.3f cores",
              sol.label(),
              pass,
              compiling));
      if (compiling < QUIET_COMPILERS || pass == MAX_WARM_UP_PASSES) {
        warmUpPasses.put(sol.label(), pass);
        return;
      }
    }
  }

  private void warmUpPass(Sol sol, int pass) throws Exception {
    log(sol.label() + "SOL: warming up, pass " + pass);
    String base = sol.process().baseUrl();
    wrk(base + STYLESHEET, 16, Math.max(3, WARM_UP / 2), "plain");
    wrk(base, 16, WARM_UP, "balance", sol.holders());
    wrk(base, 16, Math.max(3, WARM_UP / 2), "history", sol.holders());
    wrk(
        base,
        PAYMENT_CONNECTIONS,
        WARM_UP,
        "uniform",
        sol.holders(),
        sol.hot(),
        run + sol.label().length() + "w" + pass);
  }

  private void measureStep(Sol sol, String step, int round) throws Exception {
    String base = sol.process().baseUrl();
    long pid = sol.process().pid();
    long pg = sol.postmasterPid();
    String name = sol.label() + step;
    // each round's payments carry keys of their own
    String keys = run + sol.label().length() + "r" + round;
    switch (step) {
      case "static" -> measure(name, base + STYLESHEET, 16, "plain", pid, pg, round);
      case "health" -> measure(name, base + "/actuator/health", 16, "plain", pid, pg, round);
      case "balance" -> measure(name, base, 16, "balance", pid, pg, round, sol.holders());
      case "history" -> measure(name, base, 16, "history", pid, pg, round, sol.holders());
      case "hot" ->
          measure(
              name,
              base,
              PAYMENT_CONNECTIONS,
              "hot",
              pid,
              pg,
              round,
              sol.holders(),
              sol.hot(),
              keys + "h");
      case "uniform" ->
          measure(
              name,
              base,
              PAYMENT_CONNECTIONS,
              "uniform",
              pid,
              pg,
              round,
              sol.holders(),
              sol.hot(),
              keys + "u");
      default -> throw new IllegalArgumentException("no such step: " + step);
    }
  }

  /**
   * The round whose requests/s is the median (the lower middle one of an even number), with the
   * median of the rounds' p99 in place of its own: a round's rate and its tail vary apart (a round
   * of median rate may hold the calmest tail), and a target on p99 is judged on the middle tail,
   * not on that round's (the upper middle one of an even number: the cautious one).
   */
  private static Step median(List<Step> measured) {
    List<Step> sorted = new ArrayList<>(measured);
    sorted.sort(Comparator.comparingDouble(Step::perSecond));
    Step middle = sorted.get((sorted.size() - 1) / 2);
    double[] tails = measured.stream().mapToDouble(Step::p99Ms).sorted().toArray();
    return new Step(
        middle.name,
        middle.connections,
        middle.perSecond,
        middle.p50Ms,
        tails[tails.length / 2],
        middle.non2xx,
        middle.socketErrors,
        middle.appCores,
        middle.postgresCores);
  }

  /**
   * {@code name}'s requests/s over its baseline's: the median of the rounds' ratios for each order
   * (the baseline measured first in odd rounds, second in even ones), then the geometric mean of
   * those two medians, so that neither order weighs more.
   */
  private double pairedChange(String name) {
    List<Double> ratios = roundRatios(name, "before: " + name);
    List<Double> baselineFirst = new ArrayList<>();
    List<Double> baselineSecond = new ArrayList<>();
    for (int i = 0; i < ratios.size(); i++) {
      (i % 2 == 0 ? baselineFirst : baselineSecond).add(ratios.get(i));
    }
    if (baselineSecond.isEmpty()) {
      return medianOf(baselineFirst);
    }
    return Math.sqrt(medianOf(baselineFirst) * medianOf(baselineSecond));
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * The median over the rounds of {@code name}'s requests/s over {@code reference}'s in the same
   * round: both measured minutes apart at most, on a machine whose speed drifts more than that.
   */
  private double pairedRatio(String name, String reference) {
    return medianOf(roundRatios(name, reference));
  }

  /** Each round's requests/s of {@code name} over {@code reference}'s, round by round. */
  private List<Double> roundRatios(String name, String reference) {
    List<Step> measured = rounds.get(name);
    List<Step> against = rounds.get(reference);
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(measured.size(), against.size()); i++) {
      ratios.add(measured.get(i).perSecond / against.get(i).perSecond);
    }
    return ratios;
  }

  /** The lowest and highest requests/s of {@code name}'s rounds. */
  private String range(String name) {
    var summary = rounds.get(name).stream().mapToDouble(Step::perSecond).summaryStatistics();
    return String.format(Locale.ROOT, "%,.0f–%,.0f", summary.getMin(), summary.getMax());
  }

  /** The lowest and highest p99 of {@code name}'s rounds, in milliseconds. */
  private String tailRange(String name) {
    var summary = rounds.get(name).stream().mapToDouble(Step::p99Ms).summaryStatistics();
    return String.format(Locale.ROOT, "%.1f–%.1f", summary.getMin(), summary.getMax());
  }

  // ---- the applications ----

  private Path buildBareApp() throws IOException, InterruptedException {
    log("building bench/bare-app");
    List<String> command =
        new ArrayList<>(
            List.of(
                root.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-f",
                root.resolve("bench/bare-app/pom.xml").toString(),
                "package"));
    try {
      // offline first: everything it needs is what SOL's own build has just resolved
      List<String> offline = new ArrayList<>(command);
      offline.add("-o");
      E2eBenchmark.exec(offline.toArray(String[]::new));
    } catch (IllegalStateException e) {
      E2eBenchmark.exec(command.toArray(String[]::new));
    }
    return root.resolve("bench/bare-app/target/bare-app.jar");
  }

  /** Starts the bare app; its read handler reads accounts on the database {@code jdbcUrl} names. */
  private void startBare(Path jar, int port, String jdbcUrl) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(E2eBenchmark.split(JVM));
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--spring.datasource.url=" + jdbcUrl));
    bare =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("bare-app.log").toFile())
            .start();
    var http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (!bare.isAlive()) {
        throw new IllegalStateException("the bare app exited; see bare-app.log");
      }
      try {
        var answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      SolProcess.sleep(100);
    }
    throw new IllegalStateException("the bare app did not answer within 2 minutes");
  }

  private void stopBare() throws InterruptedException {
    if (bare != null && bare.isAlive()) {
      bare.destroy();
      bare.waitFor();
    }
  }

  private synchronized void cleanUp() {
    try {
      if (probe != null) {
        probe.close();
      }
    } catch (IOException e) {
      log("the stall probe's file: " + e);
    }
    try {
      stopBare();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sols.forEach(SolProcess::stop);
    postmasters.forEach(
        pid ->
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroy));
  }

  // ---- wrk ----

  private Step measure(
      String name,
      String url,
      int connections,
      String mode,
      long pid,
      long postmasterPid,
      int round,
      String... rest)
      throws Exception {
    boolean profile = name.equals(PROFILE) && round == 1;
    Path recording = directory.resolve(name + ".jfr");
    Path collapsed = directory.resolve(name + ".collapsed");
    if (profile && !ASYNC_PROFILER.isEmpty()) {
      // quoted: jcmd would read "a,b=c" as an option named "a,b"
      jcmd(pid, "JVMTI.agent_load", ASYNC_PROFILER, "\"start,event=itimer\"");
    } else if (profile) {
      jcmd(pid, "JFR.start", "name=wrk", "settings=profile", "filename=" + recording);
    }
    List<Long> postgres = postmasterPid > 0 ? ProcStats.tree(postmasterPid) : List.of();
    Map<Long, Long> appBefore = ProcStats.cpuSnapshot(List.of(pid));
    Map<Long, Long> pgBefore = ProcStats.cpuSnapshot(postgres);
    String[] args = new String[rest.length + 1];
    args[0] = mode;
    System.arraycopy(rest, 0, args, 1, rest.length);
    long stealBefore = ProcStats.stealTicks();
    long t0 = System.nanoTime();
    Matcher m = wrk(url, connections, SECONDS, args);
    long t1 = System.nanoTime();
    double app = ProcStats.cores(appBefore, ProcStats.cpuSnapshot(List.of(pid)), SECONDS);
    double pg = ProcStats.cores(pgBefore, ProcStats.cpuSnapshot(postgres), SECONDS);
    if (profile && !ASYNC_PROFILER.isEmpty()) {
      jcmd(pid, "JVMTI.agent_load", ASYNC_PROFILER, "\"stop,collapsed,file=" + collapsed + "\"");
      if (!Files.exists(collapsed)) {
        throw new IllegalStateException("async-profiler wrote no " + collapsed);
      }
      notes.append(
          String.format(
              Locale.ROOT,
              "%n## Profile of `%s`%n%nasync-profiler, `itimer`, collapsed stacks: `%s`%n",
              name,
              collapsed));
    } else if (profile) {
      jcmd(pid, "JFR.stop", "name=wrk");
      profileOf(name, JfrSummary.of(recording, 20));
    }
    long requests = Long.parseLong(m.group(1));
    double seconds = Long.parseLong(m.group(2)) / 1e6;
    var step =
        new Step(
            name,
            connections,
            requests / seconds,
            Long.parseLong(m.group(3)) / 1e3,
            Long.parseLong(m.group(4)) / 1e3,
            Long.parseLong(m.group(9)),
            Long.parseLong(m.group(6))
                + Long.parseLong(m.group(7))
                + Long.parseLong(m.group(8))
                + Long.parseLong(m.group(10)),
            app,
            pg);
    recordRound(step, held(t0, t1, stealBefore));
    return step;
  }

  /**
   * What held the machine up during a round: the longest flush of the disk and the latest wake-up
   * (in ms, 0 when the probe is not running), and the share of the cores the host took.
   */
  private record Held(double flushMs, double wakeUpMs, double stolenCores) {
    boolean stalled() {
      return flushMs >= STALL_MS || wakeUpMs >= STALL_MS;
    }
  }

  /** What held the machine up between {@code t0} and {@code t1} ({@link System#nanoTime()}). */
  private Held held(long t0, long t1, long stealBefore) {
    var stalls = probe == null ? new StallProbe.Stalls(0, 0) : probe.between(t0, t1);
    double seconds = (t1 - t0) / 1e9;
    double stolen = (ProcStats.stealTicks() - stealBefore) / ProcStats.TICKS_PER_SECOND / seconds;
    return new Held(stalls.flushMs(), stalls.wakeUpMs(), stolen);
  }

  /** Keeps {@code step} as one of its rounds, with what held the machine up during it. */
  private void recordRound(Step step, Held during) {
    rounds.computeIfAbsent(step.name, n -> new ArrayList<>()).add(step);
    held.computeIfAbsent(step.name, n -> new ArrayList<>()).add(during);
    log(
        String.format(
            Locale.ROOT,
            "%s: %,.0f/s p50 %.1f ms p99 %.1f ms, non-2xx %d, errors %d, CPU app %.2f pg %.2f,"
                + " longest flush %.1f ms, latest wake-up %.1f ms, stolen %.2f cores",
            step.name,
            step.perSecond,
            step.p50Ms,
            step.p99Ms,
            step.non2xx,
            step.socketErrors,
            step.appCores,
            step.postgresCores,
            during.flushMs(),
            during.wakeUpMs(),
            during.stolenCores()));
  }

  private Matcher wrk(String url, int connections, int seconds, String... scriptArgs)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                wrk,
                "-t2",
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "5s",
                "-s",
                script.toString(),
                url,
                "--"));
    command.addAll(List.of(scriptArgs));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ":\n" + out);
    }
    Matcher m = RESULT.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no WRK_RESULT in:\n" + out);
    }
    return m;
  }

  private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(pid));
    command.addAll(List.of(args));
    E2eBenchmark.exec(command.toArray(String[]::new));
  }

  private void profileOf(String step, JfrSummary profile) {
    notes.append(
        String.format(
            Locale.ROOT,
            "%n## Profile of `%s` (JFR, %d CPU samples of SOL's JVM)%n%n"
                + "| SOL method on the stack (innermost) | share |%n|---|---:|%n",
            step,
            profile.samples));
    profile.ownCode.forEach(
        l ->
            notes.append(
                String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", l.method(), l.share())));
    notes.append("\n| method on top of the stack (self) | share |\n|---|---:|\n");
    profile.self.forEach(
        l ->
            notes.append(
                String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", l.method(), l.share())));
    notes.append("\n| method anywhere on the stack (total) | share |\n|---|---:|\n");
    profile.total.forEach(
        l ->
            notes.append(
                String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", l.method(), l.share())));
  }

  // ---- the report ----

  private String report(
      ZonedDateTime started,
      String loadBefore,
      long bareIdleRss,
      PgBench reference,
      SolRun before,
      SolRun after) {
    double tpcb = reference.tpcb();
    double selectOnly = reference.selectOnly();
    var r = new StringBuilder();
    r.append("# SOL's API next to what its parts allow (wrk)\n\n");
    r.append("| | |\n|---|---|\n");
    r.append("| Date | ")
        .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
        .append(" UTC |\n");
    r.append("| Command | `").append(COMMAND).append("` |\n");
    r.append("| Generator | wrk, 2 threads, `bench/wrk/sol.lua`; ")
        .append(SECONDS)
        .append(" s per step after warm-up; ")
        .append(ROUNDS)
        .append(
            ROUNDS == 1
                ? " round"
                : " rounds, each figure the median round's, p99 the median of the rounds'")
        .append(" |\n");
    r.append("| Warm-up passes until SOL's JIT compilers used under ")
        .append(QUIET_COMPILERS)
        .append(" cores (at most ")
        .append(MAX_WARM_UP_PASSES)
        .append(") | ")
        .append(
            warmUpPasses.entrySet().stream()
                .map(
                    e ->
                        (e.getKey().isEmpty() ? "SOL" : e.getKey().replace(":", "").trim())
                            + " "
                            + e.getValue())
                .collect(Collectors.joining(", ")))
        .append(" |\n");
    r.append("| Planner statistics | `ANALYZE` on each SOL's database after its warm-up |\n");
    r.append(
            BASELINE_JVM.equals(JVM)
                ? "| JVM options (both applications) | "
                : "| JVM options (the bare app and the build measured last) | ")
        .append(JVM.isEmpty() ? "none (the JVM's defaults)" : "`" + JVM + "`")
        .append(" |\n");
    r.append("| Java | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.vm.version"))
        .append(" |\n");
    r.append("| Load average before / after | ")
        .append(loadBefore)
        .append(" / ")
        .append(ProcStats.loadAverage())
        .append(" |\n");
    r.append("| SOL start to health UP (fresh data directory) | ")
        .append(String.format(Locale.ROOT, "%.1f s", after.startup()))
        .append(" |\n");
    if (!BASELINE.isEmpty()) {
      r.append("| Before (steps named \"before: …\") | `")
          .append(BASELINE)
          .append("`, running beside the build measured, each step measured on both in turn")
          .append(
              BASELINE_JVM.equals(JVM)
                  ? ""
                  : ", with "
                      + (BASELINE_JVM.isEmpty()
                          ? "the JVM's default options"
                          : "the JVM options `" + BASELINE_JVM + "`"))
          .append(" |\n");
    }
    r.append('\n');
    r.append(
        "| what | connections | requests/s | rounds' range | p50 ms | p99 ms (median of the rounds') | rounds' p99 range | non-2xx | socket errors | CPU app | CPU PostgreSQL | app CPU µs per request |\n");
    r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Step s : steps.values()) {
      r.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,.0f | %s | %.1f | %.1f | %s | %d | %d | %s | %s | %s |%n",
              s.name,
              s.connections,
              s.perSecond,
              range(s.name),
              s.p50Ms,
              s.p99Ms,
              tailRange(s.name),
              s.non2xx,
              s.socketErrors,
              hundredths(s.appCores),
              hundredths(s.postgresCores),
              micros(s.appCores / s.perSecond)));
    }
    r.append(
        String.format(
            Locale.ROOT,
            "| pgbench TPC-B on SOL's PostgreSQL (%d clients, prepared) | | %,.0f tps | | | | | | | | | |%n",
            REF_CLIENTS,
            tpcb));
    r.append(
        String.format(
            Locale.ROOT,
            "| pgbench select-only (`-S`, %d clients, prepared) | | %,.0f tps | | | | | | | | | |%n%n",
            REF_CLIENTS,
            selectOnly));

    r.append("| target | measured | met |\n|---|---|---|\n");
    ratio(
        r,
        "balance reads ≥ 0.35× the bare handler, p99 ≤ 20 ms",
        "balance",
        "bare handler",
        0.35,
        20,
        0);
    ratio(
        r,
        "history reads ≥ 0.2× the bare handler",
        "history",
        "bare handler",
        0.2,
        Double.MAX_VALUE,
        0);
    ratio(r, "payments to one hot payee ≥ 0.75× TPC-B, p99 ≤ 50 ms", "hot", null, 0.75, 50, tpcb);
    ratio(
        r,
        "payments among uniform members ≥ 0.75× TPC-B, p99 ≤ 50 ms",
        "uniform",
        null,
        0.75,
        50,
        tpcb);
    ratio(
        r, "static file ≥ 0.8× the bare app's", "static", "bare static", 0.8, Double.MAX_VALUE, 0);
    r.append(
        String.format(
            Locale.ROOT,
            "| application RSS at idle ≤ 256 MiB | SOL %d MiB (bare app %d MiB; SOL after the load, %d s idle: %d MiB) | %s |%n",
            after.idleRss() / 1024,
            bareIdleRss / 1024,
            ProcStats.IDLE_MILLIS / 1000,
            after.rssAfter() / 1024,
            after.idleRss() <= 256 * 1024 ? "yes" : "no"));
    readFloor(r);
    stallTable(r);
    if (!BASELINE.isEmpty()) {
      r.append(
          "\n| step | before /s | after /s | change (rounds' paired ratios: each order's median, their geometric mean) | before p99 ms | after p99 ms | before app CPU µs/request | after |\n");
      r.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Step s : steps.values()) {
        Step b = steps.get("before: " + s.name);
        if (b == null) {
          continue;
        }
        r.append(
            String.format(
                Locale.ROOT,
                "| %s | %,.0f | %,.0f | %+.0f %% | %.1f | %.1f | %s | %s |%n",
                s.name,
                b.perSecond,
                s.perSecond,
                100 * (pairedChange(s.name) - 1),
                b.p99Ms,
                s.p99Ms,
                micros(b.appCores / b.perSecond),
                micros(s.appCores / s.perSecond)));
      }
      r.append(
          String.format(
              Locale.ROOT,
              "| RSS at idle | %d MiB | %d MiB | | | | | |%n",
              before.idleRss() / 1024,
              after.idleRss() / 1024));
    }
    r.append(notes);
    return r.toString();
  }

  /**
   * What a read costs beyond its statements: each of SOL's reads beside the bare app's handler that
   * makes the same statements ({@code bare read}, {@code bare history}) and beside the bare
   * handler, with each one's CPU per request in the application and in PostgreSQL.
   */
  private void readFloor(StringBuilder r) {
    List<BareRead> measured =
        BARE_READS.stream().filter(read -> steps.containsKey(read.name())).toList();
    if (measured.isEmpty() || !steps.containsKey("bare handler")) {
      return;
    }
    r.append(
        "\n## A read's floor\n\n"
            + "`bare read` and `bare history` are the bare app's handlers making the statements of"
            + " SOL's balance and history reads (the same text, through HikariCP and pgjdbc, on"
            + " SOL's PostgreSQL) with no authentication, rule or metrics: what a handler that"
            + " reads the same rows reaches on this machine.\n\n"
            + "Ratios: the median of each round's, each step against the other measured minutes"
            + " apart at most in the same round.\n\n"
            + "| what | requests/s | × the bare handler | × the bare app's same read | app CPU µs"
            + " per request | PostgreSQL CPU µs per request |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    floorRow(r, "bare handler", null);
    for (BareRead read : measured) {
      floorRow(r, read.name(), null);
      floorRow(r, read.floorOf(), read.name());
    }
  }

  /**
   * One step's row of the floor table; {@code floor} is the bare read it is set against, if any.
   */
  private void floorRow(StringBuilder r, String name, String floor) {
    Step s = steps.get(name);
    if (s == null) {
      return;
    }
    r.append(
        String.format(
            Locale.ROOT,
            "| %s | %,.0f | %.2f | %s | %s | %s |%n",
            name,
            s.perSecond,
            pairedRatio(name, "bare handler"),
            floor == null ? "" : String.format(Locale.ROOT, "%.2f", pairedRatio(name, floor)),
            micros(s.appCores / s.perSecond),
            micros(s.postgresCores / s.perSecond)));
  }

  /**
   * Each round's p99 beside what held the machine up during it ({@link Held}), and the median p99
   * of the rounds in which nothing stalled for {@value #STALL_MS} ms or more.
   */
  private void stallTable(StringBuilder r) {
    r.append(
        String.format(
            Locale.ROOT,
            "%n## Each round's tail beside what held the machine up%n%n"
                + "One thread (`StallProbe`) writes 8 KiB to a file on the disk of SOL's PostgreSQL"
                + " every 10 ms, flushes it (`fdatasync`) and sleeps: the longest flush (a commit"
                + " waits for a flush of the WAL on the same disk) and the latest wake-up (how"
                + " long the machine ran none of its waiting threads) in each round, with the"
                + " share of the cores the host took (steal, /proc/stat).%n%n"
                + "| step |"));
    for (int round = 1; round <= ROUNDS; round++) {
      r.append(" round ").append(round).append(": p99 / flush / wake-up ms, steal |");
    }
    r.append(
        String.format(
            Locale.ROOT,
            " p99 ms of the rounds with no flush or wake-up ≥ %d ms (median; rounds) |%n|---|",
            STALL_MS));
    r.append("---:|".repeat(ROUNDS + 1)).append('\n');
    int cores = Runtime.getRuntime().availableProcessors();
    rounds.forEach(
        (name, measured) -> {
          List<Held> during = held.get(name);
          r.append("| ").append(name).append(" |");
          List<Double> calm = new ArrayList<>();
          for (int i = 0; i < measured.size(); i++) {
            double p99 = measured.get(i).p99Ms;
            Held h = during.get(i);
            r.append(
                String.format(
                    Locale.ROOT,
                    " %.1f / %.1f / %.1f, %.0f %% |",
                    p99,
                    h.flushMs(),
                    h.wakeUpMs(),
                    100 * h.stolenCores() / cores));
            if (!h.stalled()) {
              calm.add(p99);
            }
          }
          Collections.sort(calm);
          r.append(
              calm.isEmpty()
                  ? " none |\n"
                  : String.format(
                      Locale.ROOT,
                      " %.1f (%d of %d) |%n",
                      calm.get(calm.size() / 2),
                      calm.size(),
                      measured.size()));
        });
  }

  /**
   * CPU seconds per request as whole microseconds, or a dash if not measured (NaN): milliseconds to
   * two decimals moved in steps of 5 % of a history read's cost, coarser than the changes measured.
   */
  private static String micros(double seconds) {
    return Double.isNaN(seconds) ? "—" : String.format(Locale.ROOT, "%.0f", 1e6 * seconds);
  }

  /** {@code value} to two decimals, or a dash if it was not measured (NaN). */
  private static String hundredths(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
  }

  private void ratio(
      StringBuilder r,
      String target,
      String step,
      String reference,
      double wanted,
      double p99Limit,
      double referenceRate) {
    Step s = steps.get(step);
    Step ref = reference == null ? null : steps.get(reference);
    double base = ref != null ? ref.perSecond : referenceRate;
    if (s == null || base <= 0) {
      r.append("| ").append(target).append(" | not measured | |\n");
      return;
    }
    double medians = s.perSecond / base;
    if (ref == null) {
      boolean met = judge(medians, wanted, s, p99Limit);
      r.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f× (%,.0f/s against %,.0f/s), p99 %.1f ms | %s |%n",
              target,
              medians,
              s.perSecond,
              base,
              s.p99Ms,
              met ? "yes" : "no"));
      return;
    }
    // Judged on the rounds' own ratios, as the read floor and the before/after tables are: each
    // round's pair measured minutes apart, where the median rounds of the two steps may come from
    // rounds the machine ran at different speeds.
    double paired = pairedRatio(step, reference);
    boolean met = judge(paired, wanted, s, p99Limit);
    r.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f× (the median of the rounds' ratios: %s); between the median rounds %.2f× (%,.0f/s against %,.0f/s); p99 %.1f ms | %s |%n",
            target,
            paired,
            roundRatios(step, reference).stream()
                .map(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
                .collect(Collectors.joining(", ")),
            medians,
            s.perSecond,
            base,
            s.p99Ms,
            met ? "yes" : "no"));
  }

  private static boolean judge(double ratio, double wanted, Step s, double p99Limit) {
    return ratio >= wanted && s.p99Ms <= p99Limit && s.non2xx == 0 && s.socketErrors == 0;
  }

  private static void log(String message) {
    System.out.printf("[wrk-bench %s] %s%n", java.time.LocalTime.now().withNano(0), message);
  }
}
