package coop.sol.web.reliability.harness;

import coop.sol.ledger.bench.TpcbReference;
import coop.sol.merchant.qr.QrBenchmark;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * End-to-end performance of the packaged application, as users feel it, next to what the same
 * machine's PostgreSQL does in the same run. On loopback only:
 *
 * <ol>
 *   <li>starts {@code sol.jar} on a fresh data directory (embedded PostgreSQL 17): time to {@code
 *       /actuator/health} UP, resident memory at idle;
 *   <li>seeds a network (see {@link BenchNetwork});
 *   <li>pgbench TPC-B ({@code -M prepared}) in a database of its own on the same server;
 *   <li>authenticated payments ({@code POST /api/v1/transfers}, a new Idempotency-Key each) at
 *       fixed offered rates, open loop ({@link OpenLoopLoad}), uniform and to one hot merchant,
 *       until saturation, with the CPU of each process per step;
 *   <li>balance and history reads at a fixed rate;
 *   <li>a CPU profile (JFR) of the payment path under load, summarized;
 *   <li>QR codes, in process: rendering at till size, decoding a phone photo;
 * </ol>
 *
 * and writes {@code BENCHMARKS.md}-ready tables. Settings (system properties, {@code -D} on the
 * Maven command line): {@code e2e.seconds} (15, measured per step), {@code e2e.warmup} (3, per
 * step, not measured), {@code e2e.warmupSeconds} (30, closed-loop warm-up before the first step),
 * {@code e2e.rates} ("250,500,1000,2000,3000,4000"), {@code e2e.readRate} (5000), {@code
 * e2e.members} (5000), {@code e2e.merchants} (50), {@code e2e.refClients} (8), {@code
 * e2e.profileRate} (1500; 0 for no profile), {@code e2e.appArgs} (extra application arguments,
 * space-separated; none by default), {@code e2e.jvmOptions} ("-Xmx384m -XX:+UseSerialGC"), {@code
 * e2e.write} (false; true copies the report to the repository's BENCHMARKS.md), {@code e2e.keep}
 * (false; true keeps the data directory).
 */
public final class E2eBenchmark {
  static final String COMMAND = "./mvnw -pl web-api -am -Pe2e-bench -DskipTests verify";

  private static final int SECONDS = Integer.getInteger("e2e.seconds", 15);
  private static final int WARM_UP = Integer.getInteger("e2e.warmup", 3);
  private static final List<Integer> RATES =
      Arrays.stream(System.getProperty("e2e.rates", "250,500,1000,2000,3000,4000").split(","))
          .map(String::trim)
          .map(Integer::valueOf)
          .toList();
  private static final int READ_RATE = Integer.getInteger("e2e.readRate", 5000);
  private static final int MEMBERS = Integer.getInteger("e2e.members", 5000);
  private static final int MERCHANTS = Integer.getInteger("e2e.merchants", 50);
  private static final int REF_CLIENTS = Integer.getInteger("e2e.refClients", 8);
  private static final int PROFILE_RATE = Integer.getInteger("e2e.profileRate", 1500);

  /**
   * Arguments added to the application's command line, none by default: the benchmark measures the
   * application as it ships, load shedding included (64 requests in service, 503 OVERLOADED after
   * 100 ms of waiting for a place). On a machine where that sheds before the CPU is busy, {@code
   * -De2e.appArgs=--sol.reliability.max-concurrent-requests=200} measures without it; the report
   * names what was added.
   */
  private static final String APP_ARGS = System.getProperty("e2e.appArgs", "").trim();

  private static final String JVM_OPTIONS =
      System.getProperty("e2e.jvmOptions", "-Xmx384m -XX:+UseSerialGC").trim();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_IN_FLIGHT = 1_000;

  /**
   * Before the first step, clients that each wait for their answer before the next request: as many
   * payments and reads as the machine can serve, without the backlog an open-loop warm-up leaves
   * when it offers more, so that the JIT has compiled the request path when measuring starts.
   */
  private static final int WARM_UP_SECONDS = Integer.getInteger("e2e.warmupSeconds", 30);

  private static final int WARM_UP_CLIENTS = 16;

  /** A step saturates when it achieves less than this share of the offered rate... */
  private static final double SATURATED_SHARE = 0.95;

  /** ... or when its p99 exceeds this. */
  private static final double SATURATED_P99_MS = 1_000;

  private final Path directory;
  private final Path dataDirectory;
  private final SolProcess app;
  private final StringBuilder report = new StringBuilder();
  private final AtomicLong keys = new AtomicLong();
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private BenchNetwork network;
  private long postmasterPid;
  private long warmUpRequests;

  private E2eBenchmark(Path jar, Path directory) {
    this.directory = directory;
    this.dataDirectory = directory.resolve("data");
    List<String> jvm = new ArrayList<>(split(JVM_OPTIONS));
    if (PROFILE_RATE > 0) {
      // samples attributed to the exact line, not the nearest safepoint
      jvm.add("-XX:+UnlockDiagnosticVMOptions");
      jvm.add("-XX:+DebugNonSafepoints");
    }
    this.app =
        new SolProcess(jar, dataDirectory, SolProcess.freePort(), jvm, false, split(APP_ARGS));
  }

  public static void main(String[] args) throws Exception {
    JdbcDriver.load();
    Path jar = Path.of(System.getProperty("sol.jar", "web-api/target/sol.jar"));
    Path directory = Path.of(System.getProperty("harness.dir", "web-api/target/e2e-bench"));
    Path output = Path.of(System.getProperty("e2e.output", "web-api/target/benchmarks"));
    deleteRecursively(directory);
    Files.createDirectories(directory);
    var benchmark = new E2eBenchmark(jar, directory);
    Thread cleanUp = new Thread(benchmark::cleanUp, "e2e-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    try {
      benchmark.execute();
    } finally {
      benchmark.cleanUp();
      Runtime.getRuntime().removeShutdownHook(cleanUp);
    }
    Files.createDirectories(output);
    Path file = output.resolve("BENCHMARKS.md");
    Files.writeString(file, benchmark.report);
    System.out.println(benchmark.report);
    System.out.println("Written to " + file);
    if (Boolean.getBoolean("e2e.write")) {
      Path root = Path.of(System.getProperty("e2e.repositoryRoot", "."));
      Files.copy(file, root.resolve("BENCHMARKS.md"), StandardCopyOption.REPLACE_EXISTING);
      System.out.println("Copied to " + root.resolve("BENCHMARKS.md"));
    }
  }

  private void execute() throws Exception {
    String loadBefore = ProcStats.loadAverage();
    var started = ZonedDateTime.now(ZoneOffset.UTC);
    log("load average before the run: " + loadBefore);

    long t0 = System.nanoTime();
    app.start(Duration.ofMinutes(3));
    double startupSeconds = (System.nanoTime() - t0) / 1e9;
    postmasterPid =
        app.postmaster().orElseThrow(() -> new IllegalStateException("no postmaster")).pid();
    int pgPort = app.postgresPort();
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    log(String.format("UP in %.1f s; PostgreSQL on port %d", startupSeconds, pgPort));
    SolProcess.sleep(ProcStats.IDLE_MILLIS);
    long idleAppRss = ProcStats.rssKib(app.pid());
    List<Long> pgIdle = ProcStats.tree(postmasterPid);
    long idlePgRss = ProcStats.sumRssKib(pgIdle);
    long idlePgPss = ProcStats.sumPssKib(pgIdle);
    String pgVersion;
    try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      try (var rs = c.createStatement().executeQuery("SELECT version()")) {
        rs.next();
        String v = rs.getString(1);
        pgVersion = v.contains(" on ") ? v.substring(0, v.indexOf(" on ")) : v;
      }
      c.createStatement().execute("CREATE DATABASE pgbench");
    }

    long seedStart = System.nanoTime();
    network = BenchNetwork.seed(jdbcUrl, MEMBERS, MERCHANTS);
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    log(
        String.format(
            "seeded %d members, %d merchants in %.1f s", MEMBERS, MERCHANTS, seedSeconds));

    log("pgbench TPC-B reference...");
    var pgbench = TpcbReference.pgbench("127.0.0.1", pgPort, "pgbench", REF_CLIENTS, SECONDS);
    double reference =
        pgbench.isPresent()
            ? pgbench.get()
            : TpcbReference.jdbc(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/pgbench", REF_CLIENTS, SECONDS);
    String referenceName =
        pgbench.isPresent()
            ? "pgbench TPC-B (-M prepared, " + REF_CLIENTS + " clients, scale 10)"
            : "JDBC TPC-B equivalent (" + REF_CLIENTS + " clients; pgbench not installed)";
    try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      c.createStatement().execute("DROP DATABASE pgbench");
    }
    log(String.format("%s: %,.0f tps", referenceName, reference));

    log(
        "warming up the application ("
            + WARM_UP_CLIENTS
            + " closed-loop clients, "
            + WARM_UP_SECONDS
            + " s)");
    warmUp(Duration.ofSeconds(WARM_UP_SECONDS));

    List<StepRow> uniform = ramp("uniform", this::uniformPayment);
    List<StepRow> hot = ramp("hot merchant", this::hotMerchantPayment);
    StepRow balance = step("balance reads", READ_RATE, this::balanceRead);
    StepRow history = step("history reads", READ_RATE, this::historyRead);
    JfrSummary profile = PROFILE_RATE > 0 ? profile() : null;

    app.stop();
    log("QR codes, in process...");
    var qr = QrBenchmark.run(3, Math.max(5, SECONDS / 2));

    writeReport(
        started,
        loadBefore,
        startupSeconds,
        idleAppRss,
        idlePgRss,
        idlePgPss,
        pgVersion,
        seedSeconds,
        referenceName,
        reference,
        uniform,
        hot,
        balance,
        history,
        profile,
        qr);
  }

  // ---- the load ----

  private void warmUp(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    AtomicLong sequence = new AtomicLong();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < WARM_UP_CLIENTS; i++) {
      Thread client =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long n = sequence.incrementAndGet();
                  HttpRequest.Builder request;
                  synchronized (random) {
                    request =
                        switch ((int) (n % 4)) {
                          case 0 -> balanceRead(n);
                          case 1 -> historyRead(n);
                          default -> uniformPayment(n);
                        };
                  }
                  try {
                    http.send(
                        request.timeout(REQUEST_TIMEOUT).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                  } catch (IOException e) {
                    SolProcess.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "e2e-warm-up-" + i);
      client.start();
      clients.add(client);
    }
    for (Thread client : clients) {
      client.join();
    }
    warmUpRequests = sequence.get();
    log(String.format("warm-up: %,d requests", warmUpRequests));
  }

  private HttpRequest.Builder payment(BenchNetwork.Holder payer, long creditAccountId, long n) {
    String body =
        "{\"debitAccountId\":"
            + payer.accountId()
            + ",\"creditAccountId\":"
            + creditAccountId
            + ",\"amount\":\"0."
            + String.format("%02d", 1 + (int) (n % 99))
            + "\",\"memo\":\"e2e\"}";
    return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/transfers"))
        .header("Authorization", "Bearer " + payer.token())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "e2e-" + run + "-" + keys.incrementAndGet())
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private final SplittableRandom random = new SplittableRandom(42);

  private BenchNetwork.Holder anyMember() {
    return network.members.get(random.nextInt(network.members.size()));
  }

  private HttpRequest.Builder uniformPayment(long n) {
    BenchNetwork.Holder payer = anyMember();
    BenchNetwork.Holder payee = anyMember();
    while (payee == payer) {
      payee = anyMember();
    }
    return payment(payer, payee.accountId(), n);
  }

  private HttpRequest.Builder hotMerchantPayment(long n) {
    return payment(anyMember(), network.merchants.get(0).accountId(), n);
  }

  private HttpRequest.Builder balanceRead(long n) {
    BenchNetwork.Holder member = anyMember();
    return HttpRequest.newBuilder(
            URI.create(app.baseUrl() + "/api/v1/accounts/" + member.accountId()))
        .header("Authorization", "Bearer " + member.token())
        .GET();
  }

  private HttpRequest.Builder historyRead(long n) {
    BenchNetwork.Holder member = anyMember();
    return HttpRequest.newBuilder(
            URI.create(app.baseUrl() + "/api/v1/accounts/" + member.accountId() + "/transfers"))
        .header("Authorization", "Bearer " + member.token())
        .GET();
  }

  /** One step per offered rate, up to the first that saturates. */
  private List<StepRow> ramp(String name, LongFunction<HttpRequest.Builder> request) {
    List<StepRow> rows = new ArrayList<>();
    for (int rate : RATES) {
      StepRow row = step(name, rate, request);
      rows.add(row);
      if (row.saturated()) {
        break;
      }
    }
    return rows;
  }

  /** One row of a table: the load's result and what each process used meanwhile. */
  record StepRow(
      String name,
      OpenLoopLoad.Result result,
      double appCores,
      double postgresCores,
      double generatorCores,
      double machineCores,
      long maxAppRssKib,
      long maxPostgresPssKib) {
    boolean saturated() {
      return result.achievedRate() < SATURATED_SHARE * result.offeredRate()
          || !(result.percentileMs(99) <= SATURATED_P99_MS);
    }
  }

  private StepRow step(String name, int rate, LongFunction<HttpRequest.Builder> request) {
    long self = ProcessHandle.current().pid();
    var memory = new MemorySampler(app.pid(), postmasterPid);
    // CPU counted over the measured window only: snapshots taken when the warm-up ends
    var cpu = new CpuWindow(app.pid(), postmasterPid, self, Duration.ofSeconds(WARM_UP));
    memory.start();
    cpu.start();
    OpenLoopLoad.Result result =
        new OpenLoopLoad(http, REQUEST_TIMEOUT, MAX_IN_FLIGHT)
            .run(request, rate, Duration.ofSeconds(WARM_UP), Duration.ofSeconds(SECONDS));
    cpu.finish();
    memory.finish();
    // let the application finish what the step left it (answers to requests already given up)
    SolProcess.sleep(2_000);
    var row =
        new StepRow(
            name,
            result,
            cpu.app,
            cpu.postgres,
            cpu.generator,
            cpu.machine,
            memory.maxApp,
            memory.maxPostgres);
    log(
        String.format(
            "%-14s %,6d/s offered: %,8.0f/s ok, p50 %6.1f ms, p99 %7.1f ms, p99.9 %7.1f ms, max"
                + " %7.1f ms, errors %s; CPU app %.2f (kernel %.2f), postgres %.2f, generator %.2f,"
                + " machine %.2f cores",
            name,
            rate,
            result.achievedRate(),
            result.percentileMs(50),
            result.percentileMs(99),
            result.percentileMs(99.9),
            result.maxMs(),
            result.errors(),
            cpu.app,
            cpu.appSystem,
            cpu.postgres,
            cpu.generator,
            cpu.machine));
    return row;
  }

  /** Samples the resident memory of the application and PostgreSQL every half second. */
  private static final class MemorySampler extends Thread {
    private final long appPid;
    private final long postmasterPid;
    private volatile boolean stop;
    volatile long maxApp;
    volatile long maxPostgres;

    MemorySampler(long appPid, long postmasterPid) {
      super("e2e-memory");
      setDaemon(true);
      this.appPid = appPid;
      this.postmasterPid = postmasterPid;
    }

    @Override
    public void run() {
      while (!stop) {
        maxApp = Math.max(maxApp, ProcStats.rssKib(appPid));
        maxPostgres = Math.max(maxPostgres, ProcStats.sumPssKib(ProcStats.tree(postmasterPid)));
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void finish() throws RuntimeException {
      stop = true;
      interrupt();
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** CPU of each process from the end of the warm-up to the end of the measured window. */
  private static final class CpuWindow extends Thread {
    private final long appPid;
    private final long postmasterPid;
    private final long selfPid;
    private final Duration delay;
    private Map<Long, Long> appBefore;
    private Map<Long, Long> pgBefore;
    private Map<Long, Long> selfBefore;
    private long appSystemBefore;
    private ProcStats.MachineTicks machineBefore;
    private long startNanos;
    double app;
    double postgres;
    double generator;
    double machine;
    double appSystem;

    CpuWindow(long appPid, long postmasterPid, long selfPid, Duration delay) {
      super("e2e-cpu");
      setDaemon(true);
      this.appPid = appPid;
      this.postmasterPid = postmasterPid;
      this.selfPid = selfPid;
      this.delay = delay;
    }

    @Override
    public void run() {
      try {
        Thread.sleep(delay.toMillis() + 1);
      } catch (InterruptedException e) {
        return;
      }
      appBefore = ProcStats.cpuSnapshot(List.of(appPid));
      pgBefore = ProcStats.cpuSnapshot(ProcStats.tree(postmasterPid));
      selfBefore = ProcStats.cpuSnapshot(List.of(selfPid));
      appSystemBefore = ProcStats.systemTicks(appPid);
      machineBefore = ProcStats.MachineTicks.now();
      startNanos = System.nanoTime();
    }

    void finish() {
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (appBefore == null) {
        return;
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      app = ProcStats.cores(appBefore, ProcStats.cpuSnapshot(List.of(appPid)), seconds);
      postgres =
          ProcStats.cores(pgBefore, ProcStats.cpuSnapshot(ProcStats.tree(postmasterPid)), seconds);
      generator = ProcStats.cores(selfBefore, ProcStats.cpuSnapshot(List.of(selfPid)), seconds);
      machine = ProcStats.MachineTicks.now().coresSince(machineBefore, seconds);
      appSystem =
          (ProcStats.systemTicks(appPid) - appSystemBefore) / ProcStats.TICKS_PER_SECOND / seconds;
    }
  }

  /** Uniform payments at the profile rate with a flight recording, then its summary. */
  private JfrSummary profile() throws Exception {
    Path recording = directory.resolve("payments.jfr");
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    exec(
        jcmd,
        Long.toString(app.pid()),
        "JFR.start",
        "name=e2e",
        "settings=profile",
        "filename=" + recording);
    log("profiling payments at " + PROFILE_RATE + "/s with JFR (" + recording + ")");
    new OpenLoopLoad(http, REQUEST_TIMEOUT, MAX_IN_FLIGHT)
        .run(this::uniformPayment, PROFILE_RATE, Duration.ZERO, Duration.ofSeconds(SECONDS));
    exec(jcmd, Long.toString(app.pid()), "JFR.stop", "name=e2e");
    return JfrSummary.of(recording, 15);
  }

  // ---- the report ----

  private void writeReport(
      ZonedDateTime started,
      String loadBefore,
      double startupSeconds,
      long idleAppRss,
      long idlePgRss,
      long idlePgPss,
      String pgVersion,
      double seedSeconds,
      String referenceName,
      double reference,
      List<StepRow> uniform,
      List<StepRow> hot,
      StepRow balance,
      StepRow history,
      JfrSummary profile,
      List<QrBenchmark.Result> qr) {
    var r = report;
    r.append("# SOL benchmarks\n\n");
    r.append(
        "End-to-end figures of the packaged application (`sol.jar`) on its embedded PostgreSQL,"
            + " measured on loopback by one command, next to PostgreSQL's own TPC-B on the same"
            + " server in the same run. Generated by `E2eBenchmark`"
            + " (web-api/src/test/java/coop/sol/web/reliability/harness); see its Javadoc for"
            + " the settings.\n\n");
    r.append("## Run\n\n");
    r.append("| | |\n|---|---|\n");
    r.append(
        "| Date | "
            + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
            + " |\n");
    r.append("| Command | `" + command() + "` |\n");
    r.append("| CPU | " + cpuDescription() + " |\n");
    r.append("| Memory | " + memoryDescription() + " |\n");
    r.append(
        "| Java | "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " (application JVM options: `"
            + JVM_OPTIONS
            + "`) |\n");
    r.append(
        "| PostgreSQL | "
            + pgVersion
            + ", embedded (zonky), fsync and synchronous_commit on, same machine |\n");
    r.append("| Load average before the run (1, 5, 15 min) | " + loadBefore + " |\n");
    r.append("| Load average after the run | " + ProcStats.loadAverage() + " |\n");
    r.append(
        "| Application arguments added | "
            + (APP_ARGS.isEmpty() ? "none (defaults)" : "`" + APP_ARGS + "`")
            + " |\n");
    r.append(
        String.format(
            Locale.ROOT,
            "| Network | %,d members and %,d merchants, one SOL Coopération account each, members"
                + " funded with %,d.00 SOL; seeded in %.1f s |%n",
            MEMBERS,
            MERCHANTS,
            BenchNetwork.MEMBER_BALANCE / 100,
            seedSeconds));
    r.append(
        String.format(
            Locale.ROOT,
            "| Steps | after a closed-loop warm-up (%d clients, %d s, payments and reads: %,d"
                + " requests), %d s measured after %d s of warm-up each; open loop, latency from"
                + " each request's intended send time; timeout %d s |%n%n",
            WARM_UP_CLIENTS,
            WARM_UP_SECONDS,
            warmUpRequests,
            SECONDS,
            WARM_UP,
            REQUEST_TIMEOUT.toSeconds()));

    r.append("## Startup and footprint\n\n");
    r.append("| | |\n|---|---|\n");
    r.append(
        String.format(
            Locale.ROOT,
            "| Start, launch to `/actuator/health` UP (fresh data directory: initdb, migrations)"
                + " | %.1f s |%n",
            startupSeconds));
    r.append(
        String.format(Locale.ROOT, "| Application JVM, RSS at idle | %s |%n", mib(idleAppRss)));
    r.append(
        String.format(
            Locale.ROOT,
            "| PostgreSQL (postmaster and its processes) at idle | RSS %s, PSS %s |%n",
            mib(idlePgRss),
            mib(idlePgPss)));
    // under 1,000/s, or under the highest uniform rate run if the ramp stopped below it
    uniform.stream()
        .filter(row -> row.result().offeredRate() <= 1000)
        .max(Comparator.comparingInt(row -> row.result().offeredRate()))
        .ifPresent(
            row ->
                r.append(
                    String.format(
                        Locale.ROOT,
                        "| Under %,d payments/s offered (%,.0f/s achieved; highest sampled) |"
                            + " application RSS %s, PostgreSQL PSS %s |%n",
                        row.result().offeredRate(),
                        row.result().achievedRate(),
                        mib(row.maxAppRssKib()),
                        mib(row.maxPostgresPssKib()))));
    r.append(
        "\nRSS from /proc/<pid>/status; PostgreSQL's PSS (smaps_rollup) counts its shared memory"
            + " once over all its processes, where the sum of their RSS counts it in each.\n\n");

    r.append("## Reference: PostgreSQL alone\n\n");
    r.append(
        String.format(
            Locale.ROOT,
            "%s: **%,.0f tps**, one durable commit per transaction,"
                + " on the same server, before the load.%n%n",
            referenceName,
            reference));

    r.append("## API payments (`POST /api/v1/transfers`)\n\n");
    r.append(
        "Authenticated by personal access token, a new `Idempotency-Key` per payment, amounts"
            + " 0.01–0.99 SOL. *uniform*: a random member pays another random member; *hot"
            + " merchant*: a random member pays the same merchant, every time. CPU in cores"
            + " (2 = both cores busy) during the measured window.\n\n");
    table(r, reference, uniform, hot);
    r.append("\n");
    r.append(saturation(uniform, "uniform"));
    r.append(saturation(hot, "hot merchant"));
    double others =
        Stream.of(uniform, hot, List.of(balance, history))
            .flatMap(List::stream)
            .mapToDouble(
                row ->
                    row.machineCores()
                        - row.appCores()
                        - row.postgresCores()
                        - row.generatorCores())
            .max()
            .orElse(0);
    r.append(
        String.format(
            Locale.ROOT,
            "- Other processes on the machine used up to %.2f cores during the steps%s%n",
            others,
            others > 0.25
                ? ": **the machine was not quiet, the figures above are lower than it can do**."
                : "."));
    r.append("\n## Reads\n\n");
    table(r, 0, List.of(balance), List.of(history));
    r.append(
        "\n*balance*: `GET /api/v1/accounts/{id}`; *history*: `GET"
            + " /api/v1/accounts/{id}/transfers` (first page), of a random member with their"
            + " token.\n\n");

    if (profile != null) {
      r.append("## Profile of payments (JFR)\n\n");
      r.append(
          String.format(
              Locale.ROOT,
              "Uniform payments at %,d/s for %d s, `settings=profile`: %,d CPU samples of the"
                  + " application's JVM.%n%n",
              PROFILE_RATE,
              SECONDS,
              profile.samples));
      r.append("| Innermost SOL method on the stack | share of samples |\n|---|---:|\n");
      profile.ownCode.forEach(
          l -> r.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", l.method(), l.share())));
      r.append("\n| Method on top of the stack (self) | share of samples |\n|---|---:|\n");
      profile.self.forEach(
          l -> r.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", l.method(), l.share())));
      r.append("\n");
    }

    r.append("## QR codes (in process, one thread)\n\n");
    r.append("| Operation | per second | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
    for (var q : qr) {
      r.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.2f | %.2f | %.2f |%n",
              q.operation(),
              q.perSecond(),
              q.p50Ms(),
              q.p99Ms(),
              q.maxMs()));
    }
    r.append(
        "\nWith `merchant-app`'s `PngRenderer` and `PaymentCodeScanner` (the till's and the"
            + " phone's code), on photos made by its tests' camera simulation.\n");
  }

  private static void table(
      StringBuilder r, double reference, List<StepRow> first, List<StepRow> second) {
    r.append(
        "| Load | offered /s | achieved /s |"
            + (reference > 0 ? " × TPC-B |" : "")
            + " p50 ms | p99 ms | p99.9 ms | max ms | errors | CPU app | CPU postgres | CPU"
            + " generator | CPU machine | app CPU ms per request |\n");
    r.append(
        "|---|---:|---:|"
            + (reference > 0 ? "---:|" : "")
            + "---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
    for (StepRow row : Stream.concat(first.stream(), second.stream()).toList()) {
      var result = row.result();
      r.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,.0f |%s %.1f | %.1f | %.1f | %.1f | %s | %.2f | %.2f | %.2f | %.2f"
                  + " | %.2f |%n",
              row.name(),
              result.offeredRate(),
              result.achievedRate(),
              reference > 0
                  ? String.format(Locale.ROOT, " %.2f |", result.achievedRate() / reference)
                  : "",
              result.percentileMs(50),
              result.percentileMs(99),
              result.percentileMs(99.9),
              result.maxMs(),
              result.errors().isEmpty()
                  ? "0"
                  : result.errors().entrySet().stream()
                      .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                      .collect(Collectors.joining(", ")),
              row.appCores(),
              row.postgresCores(),
              row.generatorCores(),
              row.machineCores(),
              row.appCores() * 1_000 / Math.max(1e-9, result.sentRate())));
    }
  }

  private static String saturation(List<StepRow> rows, String name) {
    StepRow best =
        rows.stream()
            .filter(row -> !row.saturated() && row.result().errorCount() == 0)
            .max(Comparator.comparingInt(row -> row.result().offeredRate()))
            .orElse(null);
    StepRow last = rows.get(rows.size() - 1);
    String limit;
    if (last.saturated()) {
      limit =
          String.format(
              Locale.ROOT,
              "saturated at %,d/s offered (%,.0f/s achieved, p99 %.0f ms); CPU then: application"
                  + " %.2f, PostgreSQL %.2f, generator %.2f, whole machine %.2f of 2 cores",
              last.result().offeredRate(),
              last.result().achievedRate(),
              last.result().percentileMs(99),
              last.appCores(),
              last.postgresCores(),
              last.generatorCores(),
              last.machineCores());
    } else {
      limit =
          "not saturated up to " + String.format(Locale.ROOT, "%,d/s", last.result().offeredRate());
    }
    return String.format(
        Locale.ROOT,
        "- **%s**: highest rate without errors and unsaturated: %s; %s.%n",
        name,
        best == null
            ? "none"
            : String.format(
                Locale.ROOT,
                "%,d/s (p99 %.1f ms)",
                best.result().offeredRate(),
                best.result().percentileMs(99)),
        limit);
  }

  // ---- the machine ----

  private static String command() {
    StringBuilder command = new StringBuilder(COMMAND);
    System.getProperties().stringPropertyNames().stream()
        .filter(
            name ->
                name.startsWith("e2e.")
                    && !name.equals("e2e.output")
                    && !name.equals("e2e.repositoryRoot"))
        .sorted()
        .forEach(
            name ->
                command
                    .append(" -D")
                    .append(name)
                    .append('=')
                    .append(quoted(System.getProperty(name))));
    return command.toString();
  }

  private static String quoted(String value) {
    return value.matches("[A-Za-z0-9.,:=_/+-]*") ? value : "'" + value + "'";
  }

  private static String cpuDescription() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      String model =
          lines
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse("unknown");
      return model + ", " + Runtime.getRuntime().availableProcessors() + " cores available";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memoryDescription() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> mib(Long.parseLong(l.replaceAll("[^0-9]", ""))) + " total")
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
  }

  // ---- plumbing ----

  /** Stops the application (and with it PostgreSQL), then deletes the data directory. */
  private synchronized void cleanUp() {
    try {
      app.stop();
    } catch (RuntimeException e) {
      System.err.println("stopping the application: " + e);
    }
    // a PostgreSQL that outlived its application (killed JVM) would hold the port and directory
    if (postmasterPid > 0) {
      ProcessHandle.of(postmasterPid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(ProcessHandle::destroy);
    }
    if (!Boolean.getBoolean("e2e.keep")) {
      try {
        deleteRecursively(dataDirectory);
      } catch (IOException e) {
        System.err.println("deleting " + dataDirectory + ": " + e);
      }
    }
  }

  static void exec(String... command) throws IOException, InterruptedException {
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
  }

  static List<String> split(String arguments) {
    return arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+"));
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void log(String message) {
    System.out.printf("[e2e %s] %s%n", java.time.LocalTime.now().withNano(0), message);
  }
}
