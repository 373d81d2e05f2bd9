package coop.sol.web.reliability.harness;

import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.web.database.StreamingReplica;
import coop.sol.web.reliability.harness.Settlement.Fate;
import coop.sol.web.reliability.harness.Settlement.Payment;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several instances on one database, on loopback: a PostgreSQL primary and a streaming replica (the
 * embedded binaries: the replica is a copy of the stopped primary's directory with {@code
 * standby.signal}), three application instances ({@code java -jar sol.jar}, the first one seeding
 * the demo) on the primary, and HAProxy (Debian's {@code haproxy}) in front of them, health-checked
 * every 500 ms, with connection failures redispatched to another instance.
 *
 * <p>Clients pay through HAProxy with idempotency keys and retry a payment with the same key and
 * body until a definitive answer (as in {@link CrashHarness}). The run measures the throughput with
 * 1, 2 and 3 instances in service (the others in maintenance through HAProxy's runtime API), then
 * kills instances with SIGKILL under load (every instance writes: the writer lock is taken per
 * batch, so the instance killed may hold it) and starts them again; it reports how long payments
 * stopped being acknowledged after each kill, the replica's lag (sampled every 100 ms: p99 and max
 * per phase), and checks that every acknowledged payment is in the journal exactly once, that the
 * journal verifies, and that {@code --verify-journal} exits 0.
 *
 * <p>{@code ./mvnw -pl web-api -am -DskipTests -Pscale-out-harness verify}; settings as system
 * properties: {@code scale.clients} (16), {@code scale.phase-seconds} (15), {@code scale.kills}
 * (2). Not a test: its figures go to docs/reliability.md and BENCHMARKS.md.
 */
public final class ScaleOutHarness {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String MEMO_PREFIX = "scale ";
  private static final String PASSPHRASE = "scale-out harness passphrase, loopback only";
  private static final int INSTANCES = 3;

  private final int clients = Integer.getInteger("scale.clients", 16);
  private final long phaseSeconds = Long.getLong("scale.phase-seconds", 15);
  private final int kills = Integer.getInteger("scale.kills", 2);

  private final Settlement settlement = new Settlement(Duration.ofSeconds(120));
  private final List<Payment> payments = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicLong historyReads =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong historyFailures =
      new java.util.concurrent.atomic.AtomicLong();
  private final List<LagSample> lagSamples = new CopyOnWriteArrayList<>();
  private final AtomicBoolean lagStop = new AtomicBoolean();

  /**
   * The replica's lag at one instant, as the primary sees it ({@code pg_stat_replication}): WAL
   * bytes written on the primary and not yet replayed on the replica, and the replay lag PostgreSQL
   * measures (time from a WAL flush on the primary to its replay on the replica; 0 when idle).
   */
  private record LagSample(long at, long bytes, double replayMillis) {}

  public static void main(String[] args) throws Exception {
    JdbcDriver.load();
    new ScaleOutHarness().run();
  }

  private void run() throws Exception {
    Path jar = Path.of(System.getProperty("sol.jar", "web-api/target/sol.jar")).toAbsolutePath();
    Path root =
        Path.of(System.getProperty("harness.dir", "web-api/target/scale-out-harness"))
            .toAbsolutePath()
            .resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now()));
    Files.createDirectories(root);
    System.out.printf(
        "Scale-out harness: %d instances, %d clients, %d s per phase, %d kills, in %s%n",
        INSTANCES, clients, phaseSeconds, kills, root);

    int primaryPort = SolProcess.freePort();
    int replicaPort = SolProcess.freePort();
    Path primaryDir = root.resolve("primary");
    Path replicaDir = root.resolve("replica");
    EmbeddedDatabase.persistent(primaryDir, primaryPort).close();
    StreamingReplica.copyAsStandby(primaryDir, replicaDir, primaryPort);
    List<SolProcess> apps = new ArrayList<>();
    Process haproxy = null;
    List<String> results = new ArrayList<>();
    try (EmbeddedDatabase primary = EmbeddedDatabase.persistent(primaryDir, primaryPort);
        EmbeddedDatabase replica = EmbeddedDatabase.persistent(replicaDir, replicaPort)) {
      String url = primary.jdbcUrl("postgres");
      for (int i = 0; i < INSTANCES; i++) {
        apps.add(
            new SolProcess(
                jar,
                root.resolve("app-" + i),
                SolProcess.freePort(),
                List.of("-Xmx384m", "-XX:+UseSerialGC"),
                i == 0,
                List.of(
                    "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres",
                    // reports, history, exports and the directory read on the replica
                    "--sol.database.replica-url=" + replica.jdbcUrl("postgres"),
                    "--sol.keys.passphrase=" + PASSPHRASE)));
      }
      // the first instance seeds the demo network; the others find it there
      apps.get(0).start(START_TIMEOUT);
      apps.subList(1, INSTANCES).parallelStream().forEach(app -> app.start(START_TIMEOUT));
      int proxyPort = SolProcess.freePort();
      Path socket = root.resolve("haproxy.sock");
      haproxy = startHaproxy(root, proxyPort, socket, apps);
      var client = new HarnessClient("http://127.0.0.1:" + proxyPort, REQUEST_TIMEOUT);
      awaitProxy(client);
      Path credentials = apps.get(0).dataDirectory();
      String alice = client.token(credentials, "alice");
      String bruno = client.token(credentials, "bruno");
      long aliceAccount = client.account(alice, "COOPERATION");
      long brunoAccount = client.account(bruno, "COOPERATION");
      var load = new Load(client, alice, bruno, aliceAccount, brunoAccount);
      Thread lagSampler = sampleReplicaLag(url);

      // throughput with 1, 2 and 3 instances in service
      for (int inService = 1; inService <= INSTANCES; inService++) {
        for (int i = 0; i < INSTANCES; i++) {
          haproxyCommand(
              socket, "set server sol/app" + i + " state " + (i < inService ? "ready" : "maint"));
        }
        SolProcess.sleep(1_000);
        long from = System.nanoTime();
        load.run(Duration.ofSeconds(phaseSeconds));
        long to = System.nanoTime();
        results.add(phase(inService + " instance" + (inService > 1 ? "s" : ""), from, to));
        results.add("             " + lag(from, to));
      }

      // SIGKILL under load: which instance in turn, the first one (the demo's seeder) included
      List<String> faults = new ArrayList<>();
      long faultsFrom = System.nanoTime();
      load.start();
      SolProcess.sleep(3_000);
      for (int k = 0; k < kills; k++) {
        SolProcess victim = apps.get(k % INSTANCES);
        long killedAt = System.nanoTime();
        victim.kill();
        SolProcess.sleep(5_000);
        faults.add(
            String.format(
                "SIGKILL app%d: next payment acknowledged %d ms after the kill, longest gap"
                    + " between acknowledgements in the 5 s after it %d ms",
                k % INSTANCES,
                firstAcknowledgementAfter(killedAt) / 1_000_000,
                longestGap(killedAt, killedAt + Duration.ofSeconds(5).toNanos()) / 1_000_000));
        victim.start(START_TIMEOUT);
        SolProcess.sleep(3_000);
      }
      load.stopAndJoin();
      faults.add("during the kills and restarts: " + lag(faultsFrom, System.nanoTime()));
      lagStop.set(true);
      lagSampler.join(5_000);
      String lag = replicaLag(url, replica.jdbcUrl("postgres"));
      for (SolProcess app : apps) {
        app.stop();
      }
      int verifyExit = verifyJournal(jar, root, url);
      System.out.println();
      System.out.println("=== Scale-out harness results ===");
      results.forEach(System.out::println);
      faults.forEach(System.out::println);
      System.out.println("replica lag at the end: " + lag);
      System.out.printf(
          "history reads through the proxy: %d answered 2xx, %d not (connection errors during"
              + " the kills included)%n",
          historyReads.get(), historyFailures.get());
      System.out.printf(
          "payments %d (%d HTTP requests), answers retried %s%n",
          payments.size(), settlement.requests(), settlement.retriedAnswers());
      System.out.println("--verify-journal exit code " + verifyExit);
      if (verifyExit != 0) {
        throw new IllegalStateException("--verify-journal failed; see " + root);
      }
    } finally {
      stop.set(true);
      lagStop.set(true);
      for (SolProcess app : apps) {
        app.stop();
      }
      if (haproxy != null) {
        haproxy.destroy();
      }
    }
    Settlement.Verdict verdict;
    try (var ledger = new StoppedLedger(primaryDir)) {
      verdict = settlement.check(ledger, payments, MEMO_PREFIX, root.resolve("demo-export.zip"));
    }
    System.out.printf(
        "acknowledged %d, refused %s, unresolved %d%n",
        verdict.byFate().getOrDefault(Fate.ACKNOWLEDGED, 0),
        verdict.refusals(),
        verdict.byFate().getOrDefault(Fate.UNRESOLVED, 0));
    System.out.printf(
        "lost %d, duplicated %d, differing %d, refused but applied %d%n",
        verdict.lost(), verdict.duplicated(), verdict.differing(), verdict.refusedButApplied());
    if (!verdict.failures().isEmpty()) {
      verdict.failures().stream().limit(20).forEach(f -> System.out.println("FAIL " + f));
      throw new IllegalStateException(verdict.failures().size() + " failures");
    }
    System.out.println("PASS");
  }

  /**
   * Clients paying alice → bruno and bruno → alice through the proxy, each payment settled, and one
   * client reading alice's history through the proxy meanwhile (served by the replica while it is
   * current: docs/scale-out.md).
   */
  private final class Load {
    private final HarnessClient client;
    private final String alice;
    private final String bruno;
    private final long aliceAccount;
    private final long brunoAccount;
    private final List<Thread> threads = new ArrayList<>();
    private int round;

    Load(HarnessClient client, String alice, String bruno, long aliceAccount, long brunoAccount) {
      this.client = client;
      this.alice = alice;
      this.bruno = bruno;
      this.aliceAccount = aliceAccount;
      this.brunoAccount = brunoAccount;
    }

    void run(Duration duration) throws InterruptedException {
      start();
      SolProcess.sleep(duration.toMillis());
      stopAndJoin();
    }

    void start() {
      stop.set(false);
      round++;
      for (int i = 0; i < clients; i++) {
        boolean fromAlice = i % 2 == 0;
        String prefix = round + "-" + i;
        Thread thread =
            new Thread(
                () -> {
                  for (int n = 0; !stop.get(); n++) {
                    long minor = 1 + n % 9;
                    payments.add(
                        settlement.settle(
                            client,
                            "scale-" + prefix + "-" + n,
                            MEMO_PREFIX + prefix + "-" + n,
                            fromAlice ? "alice" : "bruno",
                            fromAlice ? alice : bruno,
                            fromAlice ? aliceAccount : brunoAccount,
                            fromAlice ? brunoAccount : aliceAccount,
                            minor,
                            "0.0" + minor));
                  }
                },
                "client-" + prefix);
        thread.start();
        threads.add(thread);
      }
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  HarnessClient.Answer answer =
                      client.send(
                          client
                              .request("/api/v1/accounts/" + aliceAccount + "/transfers?limit=20")
                              .header("Authorization", "Bearer " + alice)
                              .GET());
                  (answer.ok() ? historyReads : historyFailures).incrementAndGet();
                }
              },
              "reader-" + round);
      reader.start();
      threads.add(reader);
    }

    void stopAndJoin() throws InterruptedException {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(150).toMillis());
      }
      threads.clear();
    }
  }

  /**
   * Samples the replica's lag every 100 ms on a connection of its own to the primary, until {@code
   * lagStop}.
   */
  private Thread sampleReplicaLag(String primaryUrl) {
    Thread sampler =
        new Thread(
            () -> {
              try (Connection c = DriverManager.getConnection(primaryUrl, "postgres", "");
                  Statement s = c.createStatement()) {
                while (!lagStop.get()) {
                  try (ResultSet row =
                      s.executeQuery(
                          "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,"
                              + " coalesce(extract(epoch FROM replay_lag) * 1000, 0)"
                              + " FROM pg_stat_replication")) {
                    if (row.next()) {
                      lagSamples.add(
                          new LagSample(System.nanoTime(), row.getLong(1), row.getDouble(2)));
                    }
                  }
                  SolProcess.sleep(100);
                }
              } catch (SQLException e) {
                System.out.println("replica lag sampling stopped: " + e);
              }
            },
            "replica-lag");
    sampler.setDaemon(true);
    sampler.start();
    return sampler;
  }

  /** The replica's lag sampled between {@code from} and {@code to}: p99 and max. */
  private String lag(long from, long to) {
    List<LagSample> window =
        lagSamples.stream().filter(s -> s.at() >= from && s.at() < to).toList();
    if (window.isEmpty()) {
      return "replica lag: no sample (not streaming?)";
    }
    List<Long> micros =
        window.stream().map(s -> Math.round(s.replayMillis() * 1000)).sorted().toList();
    List<Long> bytes = window.stream().map(LagSample::bytes).sorted().toList();
    return String.format(
        "replica lag: replay p99 %.1f ms, max %.1f ms; behind p99 %d kB, max %d kB (%d samples)",
        percentile(micros, 0.99) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0,
        percentile(bytes, 0.99) / 1024,
        bytes.get(bytes.size() - 1) / 1024,
        window.size());
  }

  /** Throughput and latency of the payments acknowledged between {@code from} and {@code to}. */
  private String phase(String name, long from, long to) {
    List<Long> latencies =
        payments.stream()
            .filter(p -> p.fate() == Fate.ACKNOWLEDGED)
            .filter(p -> p.acknowledgedAt() >= from && p.acknowledgedAt() < to)
            .map(Payment::latencyNanos)
            .sorted()
            .toList();
    double seconds = (to - from) / 1e9;
    return String.format(
        "%-12s %7.0f payments/s acknowledged, p50 %d ms, p99 %d ms (%d in %.1f s)",
        name,
        latencies.size() / seconds,
        percentile(latencies, 0.50) / 1_000_000,
        percentile(latencies, 0.99) / 1_000_000,
        latencies.size(),
        seconds);
  }

  private static long percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private long firstAcknowledgementAfter(long t) {
    return payments.stream()
        .filter(p -> p.fate() == Fate.ACKNOWLEDGED && p.acknowledgedAt() > t)
        .mapToLong(p -> p.acknowledgedAt() - t)
        .min()
        .orElse(-1);
  }

  /** The longest time without an acknowledgement between {@code from} and {@code to}. */
  private long longestGap(long from, long to) {
    List<Long> times =
        payments.stream()
            .filter(p -> p.fate() == Fate.ACKNOWLEDGED)
            .map(Payment::acknowledgedAt)
            .filter(t -> t >= from && t <= to)
            .sorted(Comparator.naturalOrder())
            .toList();
    long previous = from;
    long longest = 0;
    for (long t : times) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return Math.max(longest, to - previous);
  }

  private static Process startHaproxy(Path root, int port, Path socket, List<SolProcess> apps)
      throws IOException {
    StringBuilder config =
        new StringBuilder(
            """
            global
              stats socket %s mode 600 level admin
              maxconn 2000
            defaults
              mode http
              timeout connect 2s
              timeout client 60s
              timeout server 60s
              retries 2
              option redispatch 1
            frontend sol
              bind 127.0.0.1:%d
              default_backend sol
            backend sol
              balance roundrobin
              option httpchk GET /actuator/health
              http-check expect status 200
              timeout check 2s
              default-server inter 500ms fall 2 rise 2
            """
                .formatted(socket, port));
    for (int i = 0; i < apps.size(); i++) {
      config.append("  server app%d 127.0.0.1:%d check%n".formatted(i, apps.get(i).port()));
    }
    Path file = root.resolve("haproxy.cfg");
    Files.writeString(file, config.toString());
    return new ProcessBuilder("haproxy", "-db", "-f", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(root.resolve("haproxy.log").toFile())
        .start();
  }

  /** One command on HAProxy's runtime API (its stats socket). */
  private static void haproxyCommand(Path socket, String command) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer answer = ByteBuffer.allocate(4096);
      channel.read(answer);
      String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
      if (!text.isBlank()) {
        throw new IllegalStateException("haproxy: " + command + " -> " + text.strip());
      }
    }
  }

  private static void awaitProxy(HarnessClient client) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (client.send(client.request("/actuator/health").GET()).status() == 200) {
        return;
      }
      SolProcess.sleep(100);
    }
    throw new IllegalStateException("HAProxy did not answer within 30 s");
  }

  /** The replica's lag behind the primary, in bytes of WAL and in replay time. */
  private static String replicaLag(String primaryUrl, String replicaUrl) throws SQLException {
    try (Connection p = DriverManager.getConnection(primaryUrl, "postgres", "");
        Connection r = DriverManager.getConnection(replicaUrl, "postgres", "");
        Statement ps = p.createStatement();
        Statement rs = r.createStatement()) {
      Map<String, String> lag = new TreeMap<>();
      try (ResultSet row =
          ps.executeQuery(
              "SELECT state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
                  + " coalesce(extract(epoch FROM replay_lag) * 1000, 0)"
                  + " FROM pg_stat_replication")) {
        if (row.next()) {
          lag.put("state", row.getString(1));
          lag.put("bytes behind", row.getString(2));
          lag.put("replay lag ms", String.format("%.1f", row.getDouble(3)));
        } else {
          lag.put("state", "not streaming");
        }
      }
      try (ResultSet row = rs.executeQuery("SELECT pg_is_in_recovery()")) {
        row.next();
        lag.put("replica in recovery", String.valueOf(row.getBoolean(1)));
      }
      return lag.toString();
    }
  }

  /** {@code java -jar sol.jar --verify-journal} on the primary, as an operator would run it. */
  private static int verifyJournal(Path jar, Path root, String url)
      throws IOException, InterruptedException {
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--verify-journal",
                "--sol.data-dir=" + root.resolve("verify"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--sol.keys.passphrase=" + PASSPHRASE)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("verify-journal.log").toFile())
            .start();
    if (!verify.waitFor(5, TimeUnit.MINUTES)) {
      verify.destroyForcibly();
      return -1;
    }
    return verify.exitValue();
  }
}
