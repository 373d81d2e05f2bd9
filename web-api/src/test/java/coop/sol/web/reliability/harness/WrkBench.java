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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 19's side-by-side run: SOL's API next to what its parts allow, on this machine, in one run,
 * with wrk (C, a small share of the CPU) as the generator and the scripted requests of {@code
 * bench/wrk/sol.lua}.
 *
 * <ol>
 *   <li>Builds the bare reference app ({@code bench/bare-app}: Spring Boot 4.0.7, Spring MVC and
 *       Spring Security permitting all, one trivial JSON handler and SOL's own stylesheet), starts
 *       it, warms it up, and measures the handler and the stylesheet; then stops it.
 *   <li>Starts SOL's packaged jar on its embedded PostgreSQL (no demo), measures its RSS at idle,
 *       seeds 5,000 members and 50 merchants with a personal access token each ({@link
 *       BenchNetwork}), and runs pgbench on the same PostgreSQL: TPC-B and select-only, 8 clients,
 *       prepared.
 *   <li>Warms SOL up, then measures a static file and health without authentication, balance and
 *       history reads with each member's own token (16 connections), and payments with a fresh
 *       {@code Idempotency-Key} each, to one hot merchant and among uniform members (64
 *       connections).
 * </ol>
 *
 * <p>Writes {@code web-api/target/benchmarks/WRK.md}: each step's requests/s, p50 and p99 (as wrk
 * measures them: from each request's send), the non-2xx answers and socket errors, the CPU of the
 * application and PostgreSQL, and the ratios the targets name.
 *
 * <p>Command: {@value #COMMAND}. System properties: {@code wrk.seconds} (15, each measured step),
 * {@code wrk.warmup} (10), {@code wrk.members} (5,000), {@code wrk.jvm} (the JVM options of both
 * applications; none by default, as the README's run command), {@code wrk.appArgs} (SOL's extra
 * arguments), {@code wrk.profile} (a step's name: a JFR recording of SOL during that step,
 * summarised in the report), {@code wrk.steps} (a comma-separated subset of SOL's steps), {@code
 * wrk.baseline} (another build's {@code sol.jar}, measured first in the same run: the report then
 * has a before/after table, one change at a time), {@code wrk.baselineJvm} (that run's JVM options,
 * {@code wrk.jvm} by default: the same jar with other options compares the options).
 */
final class WrkBench {
  static final String COMMAND = "./mvnw -pl web-api -am -Pwrk-bench -DskipTests verify";

  private static final int SECONDS = Integer.getInteger("wrk.seconds", 15);
  private static final int WARM_UP = Integer.getInteger("wrk.warmup", 10);
  private static final int MEMBERS = Integer.getInteger("wrk.members", 5000);
  private static final int MERCHANTS = 50;
  private static final int REF_CLIENTS = 8;
  private static final String JVM = System.getProperty("wrk.jvm", "").trim();
  private static final String APP_ARGS = System.getProperty("wrk.appArgs", "").trim();
  private static final String PROFILE = System.getProperty("wrk.profile", "").trim();
  private static final String BASELINE = System.getProperty("wrk.baseline", "").trim();
  private static final String BASELINE_JVM = System.getProperty("wrk.baselineJvm", JVM).trim();
  private static final String STEPS =
      System.getProperty("wrk.steps", "static,health,balance,history,hot,uniform").trim();
  private static final String STYLESHEET = "/css/sol.css";
  private static final Pattern RESULT =
      Pattern.compile(
          "WRK_RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)"
              + " connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+)");

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
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final StringBuilder notes = new StringBuilder();
  private Process bare;
  private SolProcess sol;
  private long postmasterPid;

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
    int barePort = SolProcess.freePort();
    startBare(bareJar, barePort);
    String bareUrl = "http://127.0.0.1:" + barePort;
    log("bare app: warming up");
    wrk(bareUrl + "/hello", 16, WARM_UP, "plain");
    wrk(bareUrl + STYLESHEET, 16, Math.max(3, WARM_UP / 2), "plain");
    measure("bare handler", bareUrl + "/hello", 16, "plain", bare.pid());
    measure("bare static", bareUrl + STYLESHEET, 16, "plain", bare.pid());
    long bareIdleRss = ProcStats.rssKib(bare.pid());
    stopBare();

    SolRun before = null;
    if (!BASELINE.isEmpty()) {
      before = runSol(Path.of(BASELINE), BASELINE_JVM, "before: ", true);
    }
    SolRun after = runSol(root.resolve("web-api/target/sol.jar"), JVM, "", before == null);
    return report(started, loadBefore, bareIdleRss, before != null ? before : after, after);
  }

  /** What one run of a SOL jar measured besides its steps. */
  private record SolRun(
      String label, double startup, long idleRss, long rssAfter, double tpcb, double selectOnly) {}

  /**
   * Starts {@code jar} on a fresh data directory, seeds it, and measures its steps, each named with
   * {@code label} first; runs pgbench on its PostgreSQL when {@code reference} (once per run).
   */
  private SolRun runSol(Path jar, String jvm, String label, boolean reference) throws Exception {
    Path data = directory.resolve(label.isEmpty() ? "data" : "data-before");
    sol =
        new SolProcess(
            jar,
            data,
            SolProcess.freePort(),
            E2eBenchmark.split(jvm),
            false,
            E2eBenchmark.split(APP_ARGS));
    long t0 = System.nanoTime();
    sol.start(Duration.ofMinutes(3));
    double startup = (System.nanoTime() - t0) / 1e9;
    postmasterPid = sol.postmaster().orElseThrow().pid();
    int pgPort = sol.postgresPort();
    log(
        String.format(
            Locale.ROOT, "%sSOL (%s) UP in %.1f s; PostgreSQL on %d", label, jar, startup, pgPort));
    SolProcess.sleep(10_000);
    long idleRss = ProcStats.rssKib(sol.pid());
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";

    log("seeding " + MEMBERS + " members");
    BenchNetwork network = BenchNetwork.seed(jdbcUrl, MEMBERS, MERCHANTS);
    Path holders = directory.resolve("members.txt");
    var lines = new StringBuilder();
    network.members.forEach(
        m -> lines.append(m.accountId()).append(' ').append(m.token()).append('\n'));
    Files.writeString(holders, lines);
    String hot = Long.toString(network.merchants.get(0).accountId());

    double tpcb = 0;
    double selectOnly = 0;
    if (reference) {
      log("pgbench on SOL's PostgreSQL");
      try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
        c.createStatement().execute("CREATE DATABASE pgbench");
      }
      tpcb =
          TpcbReference.pgbench("127.0.0.1", pgPort, "pgbench", REF_CLIENTS, SECONDS)
              .orElseThrow(() -> new IllegalStateException("pgbench is not installed"));
      selectOnly =
          TpcbReference.pgbench(
                  "127.0.0.1", pgPort, "pgbench", REF_CLIENTS, SECONDS, false, List.of("-S"))
              .orElseThrow();
      try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
        c.createStatement().execute("DROP DATABASE pgbench");
      }
      log(String.format(Locale.ROOT, "TPC-B %.0f tps, select-only %.0f tps", tpcb, selectOnly));
    }

    log(label + "SOL: warming up");
    String base = sol.baseUrl();
    wrk(base + STYLESHEET, 16, Math.max(3, WARM_UP / 2), "plain");
    wrk(base, 16, WARM_UP, "balance", holders.toString());
    wrk(base, 16, Math.max(3, WARM_UP / 2), "history", holders.toString());
    wrk(base, 64, WARM_UP, "uniform", holders.toString(), hot, run + label.length() + "w");

    List<String> chosen = List.of(STEPS.split("\\s*,\\s*"));
    long pid = sol.pid();
    String r = run + label.length();
    if (chosen.contains("static")) {
      measure(label + "static", base + STYLESHEET, 16, "plain", pid);
    }
    if (chosen.contains("health")) {
      measure(label + "health", base + "/actuator/health", 16, "plain", pid);
    }
    if (chosen.contains("balance")) {
      measure(label + "balance", base, 16, "balance", pid, holders.toString());
    }
    if (chosen.contains("history")) {
      measure(label + "history", base, 16, "history", pid, holders.toString());
    }
    if (chosen.contains("hot")) {
      measure(label + "hot", base, 64, "hot", pid, holders.toString(), hot, r + "h");
    }
    if (chosen.contains("uniform")) {
      measure(label + "uniform", base, 64, "uniform", pid, holders.toString(), hot, r + "u");
    }
    SolProcess.sleep(10_000);
    long rssAfter = ProcStats.rssKib(pid);
    sol.stop();
    postmasterPid = 0;
    return new SolRun(label, startup, idleRss, rssAfter, tpcb, selectOnly);
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

  private void startBare(Path jar, int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(E2eBenchmark.split(JVM));
    command.addAll(
        List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
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
      stopBare();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sol != null) {
      sol.stop();
    }
    if (postmasterPid > 0) {
      ProcessHandle.of(postmasterPid)
          .filter(ProcessHandle::isAlive)
          .ifPresent(ProcessHandle::destroy);
    }
  }

  // ---- wrk ----

  private Step measure(
      String name, String url, int connections, String mode, long pid, String... rest)
      throws Exception {
    boolean profile = name.equals(PROFILE);
    Path recording = directory.resolve(name + ".jfr");
    if (profile) {
      jcmd(pid, "JFR.start", "name=wrk", "settings=profile", "filename=" + recording);
    }
    List<Long> postgres = postmasterPid > 0 ? ProcStats.tree(postmasterPid) : List.of();
    Map<Long, Long> appBefore = ProcStats.cpuSnapshot(List.of(pid));
    Map<Long, Long> pgBefore = ProcStats.cpuSnapshot(postgres);
    String[] args = new String[rest.length + 1];
    args[0] = mode;
    System.arraycopy(rest, 0, args, 1, rest.length);
    Matcher m = wrk(url, connections, SECONDS, args);
    double app = ProcStats.cores(appBefore, ProcStats.cpuSnapshot(List.of(pid)), SECONDS);
    double pg = ProcStats.cores(pgBefore, ProcStats.cpuSnapshot(postgres), SECONDS);
    if (profile) {
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
    steps.put(name, step);
    log(
        String.format(
            Locale.ROOT,
            "%s: %,.0f/s p50 %.1f ms p99 %.1f ms, non-2xx %d, errors %d, CPU app %.2f pg %.2f",
            name,
            step.perSecond,
            step.p50Ms,
            step.p99Ms,
            step.non2xx,
            step.socketErrors,
            app,
            pg));
    return step;
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
      ZonedDateTime started, String loadBefore, long bareIdleRss, SolRun reference, SolRun after) {
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
        .append(" s per step after warm-up |\n");
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
          .append("`, measured first in the same run")
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
        "| what | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | CPU app | CPU PostgreSQL | app CPU ms per request |\n");
    r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Step s : steps.values()) {
      r.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,.0f | %.1f | %.1f | %d | %d | %.2f | %.2f | %.2f |%n",
              s.name,
              s.connections,
              s.perSecond,
              s.p50Ms,
              s.p99Ms,
              s.non2xx,
              s.socketErrors,
              s.appCores,
              s.postgresCores,
              1000 * s.appCores / s.perSecond));
    }
    r.append(
        String.format(
            Locale.ROOT,
            "| pgbench TPC-B on SOL's PostgreSQL (%d clients, prepared) | | %,.0f tps | | | | | | | |%n",
            REF_CLIENTS,
            tpcb));
    r.append(
        String.format(
            Locale.ROOT,
            "| pgbench select-only (`-S`, %d clients, prepared) | | %,.0f tps | | | | | | | |%n%n",
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
            "| application RSS at idle ≤ 256 MiB | SOL %d MiB (bare app %d MiB; SOL after the load, 10 s idle: %d MiB) | %s |%n",
            after.idleRss() / 1024,
            bareIdleRss / 1024,
            after.rssAfter() / 1024,
            after.idleRss() <= 256 * 1024 ? "yes" : "no"));
    if (!BASELINE.isEmpty()) {
      r.append(
          "\n| step | before /s | after /s | change | before p99 ms | after p99 ms | before app CPU ms/request | after |\n");
      r.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Step s : steps.values()) {
        Step b = steps.get("before: " + s.name);
        if (b == null) {
          continue;
        }
        r.append(
            String.format(
                Locale.ROOT,
                "| %s | %,.0f | %,.0f | %+.0f %% | %.1f | %.1f | %.2f | %.2f |%n",
                s.name,
                b.perSecond,
                s.perSecond,
                100 * (s.perSecond / b.perSecond - 1),
                b.p99Ms,
                s.p99Ms,
                1000 * b.appCores / b.perSecond,
                1000 * s.appCores / s.perSecond));
      }
      r.append(
          String.format(
              Locale.ROOT,
              "| RSS at idle | %d MiB | %d MiB | | | | | |%n",
              reference.idleRss() / 1024,
              after.idleRss() / 1024));
    }
    r.append(notes);
    return r.toString();
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
    double x = s.perSecond / base;
    boolean met = x >= wanted && s.p99Ms <= p99Limit && s.non2xx == 0 && s.socketErrors == 0;
    r.append(
        String.format(
            Locale.ROOT,
            "| %s | %.2f× (%,.0f/s against %,.0f/s), p99 %.1f ms | %s |%n",
            target,
            x,
            s.perSecond,
            base,
            s.p99Ms,
            met ? "yes" : "no"));
  }

  private static void log(String message) {
    System.out.printf("[wrk-bench %s] %s%n", java.time.LocalTime.now().withNano(0), message);
  }
}
