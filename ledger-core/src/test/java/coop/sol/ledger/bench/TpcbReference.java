package coop.sol.ledger.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The reference: what this machine's PostgreSQL does with one durable commit per transfer. Runs
 * PostgreSQL's own pgbench TPC-B when the binary is installed, and always a JDBC equivalent of its
 * transaction (same five statements, same tables) on the same server.
 */
public final class TpcbReference {
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private TpcbReference() {}

  /** tps reported by {@code pgbench -M prepared}, or empty if pgbench is not installed. */
  public static Optional<Double> pgbench(
      String host, int port, String database, int clients, int seconds) throws Exception {
    return pgbench(host, port, database, clients, seconds, true, List.of());
  }

  /**
   * tps reported by {@code pgbench -M prepared} with {@code options} added (e.g. {@code -S}, the
   * select-only script), or empty if pgbench is not installed.
   *
   * @param initialise whether to create the tables first ({@code pgbench -i -s 10}); false when an
   *     earlier call did
   */
  public static Optional<Double> pgbench(
      String host,
      int port,
      String database,
      int clients,
      int seconds,
      boolean initialise,
      List<String> options)
      throws Exception {
    Optional<Path> binary = binary();
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    String pg = binary.get().toString();
    if (initialise) {
      var init = new ArrayList<>(List.of(pg, "-i", "-q", "-s", "10"));
      init.addAll(server(host, port, database));
      run(init);
    }
    String out = run(timed(pg, options, host, port, database, clients, seconds));
    var m = TPS.matcher(out);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** What a pgbench run measured: its rate and its transactions' latencies. */
  public record Latencies(double tps, double p50Ms, double p99Ms, long failed) {}

  /**
   * {@code pgbench -M prepared} with {@code options} on tables an earlier call created, each
   * transaction's latency logged ({@code -l}, in a directory made under {@code logs} and deleted
   * after): its tps and latency percentiles, or empty if pgbench is not installed.
   */
  public static Optional<Latencies> pgbenchLatencies(
      String host,
      int port,
      String database,
      int clients,
      int seconds,
      List<String> options,
      Path logs)
      throws Exception {
    Optional<Path> binary = binary();
    if (binary.isEmpty()) {
      return Optional.empty();
    }
    Path directory = Files.createTempDirectory(Files.createDirectories(logs), "pgbench-log");
    try {
      List<String> logged = new ArrayList<>(options);
      logged.add("-l");
      String out =
          run(
              timed(binary.get().toString(), logged, host, port, database, clients, seconds),
              directory);
      var m = TPS.matcher(out);
      if (!m.find()) {
        throw new IllegalStateException("no tps in pgbench's output:\n" + out);
      }
      // a line per transaction: client, transaction number, latency in µs (or "failed" or
      // "skipped"), script, end in epoch seconds, its microseconds
      var micros = new ArrayList<Long>();
      long failed = 0;
      try (var files = Files.list(directory)) {
        for (Path log : files.toList()) {
          for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3 || !fields[2].chars().allMatch(Character::isDigit)) {
              failed++;
            } else {
              micros.add(Long.parseLong(fields[2]));
            }
          }
        }
      }
      long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
      if (sorted.length == 0) {
        throw new IllegalStateException("pgbench logged no transaction:\n" + out);
      }
      return Optional.of(
          new Latencies(
              Double.parseDouble(m.group(1)),
              percentile(sorted, 0.50) / 1e3,
              percentile(sorted, 0.99) / 1e3,
              failed));
    } finally {
      try (var files = Files.list(directory)) {
        for (Path log : files.toList()) {
          Files.delete(log);
        }
      }
      Files.delete(directory);
    }
  }

  /**
   * The smallest value that at least {@code fraction} of the {@code sorted} values do not exceed.
   */
  private static long percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static Optional<Path> binary() {
    return List.of(
            "/usr/bin/pgbench",
            "/usr/lib/postgresql/17/bin/pgbench",
            "/usr/lib/postgresql/15/bin/pgbench")
        .stream()
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** {@code pgbench -M prepared} with {@code options}, {@code clients} for {@code seconds}. */
  private static List<String> timed(
      String pgbench,
      List<String> options,
      String host,
      int port,
      String database,
      int clients,
      int seconds) {
    List<String> command = new ArrayList<>(List.of(pgbench, "-M", "prepared"));
    command.addAll(options);
    command.addAll(
        List.of("-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds)));
    command.addAll(server(host, port, database));
    return command;
  }

  /** pgbench's arguments naming the server and the database, as the superuser. */
  private static List<String> server(String host, int port, String database) {
    return List.of("-h", host, "-p", Integer.toString(port), "-U", "postgres", database);
  }

  private static String run(List<String> command) throws Exception {
    return run(command, null);
  }

  /** Runs {@code command} in {@code directory} (this process's own when null): its output. */
  private static String run(List<String> command, Path directory) throws Exception {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    var process = builder.start();
    process.getOutputStream().close();
    var out = new StringBuilder();
    try (var reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      reader.lines().forEach(line -> out.append(line).append('\n'));
    }
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out.toString();
  }

  /**
   * The TPC-B transaction of pgbench (update an account, read it, update a teller and a branch,
   * insert a history row, commit) from {@code clients} JDBC connections for {@code seconds}, on the
   * tables {@code pgbench -i -s 10} created. Returns transactions per second.
   */
  public static double jdbc(String url, int clients, int seconds) throws Exception {
    var stop = new AtomicBoolean();
    var done = new LongAdder();
    var threads = new Thread[clients];
    for (int i = 0; i < clients; i++) {
      threads[i] =
          new Thread(
              () -> {
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                  c.setAutoCommit(false);
                  var updAccount =
                      c.prepareStatement(
                          "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?");
                  var selAccount =
                      c.prepareStatement("SELECT abalance FROM pgbench_accounts WHERE aid = ?");
                  var updTeller =
                      c.prepareStatement(
                          "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?");
                  var updBranch =
                      c.prepareStatement(
                          "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?");
                  var insHistory =
                      c.prepareStatement(
                          "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)");
                  var random = ThreadLocalRandom.current();
                  while (!stop.get()) {
                    int aid = 1 + random.nextInt(1_000_000);
                    int bid = 1 + random.nextInt(10);
                    int tid = 1 + random.nextInt(100);
                    int delta = random.nextInt(-5000, 5001);
                    updAccount.setInt(1, delta);
                    updAccount.setInt(2, aid);
                    updAccount.executeUpdate();
                    selAccount.setInt(1, aid);
                    selAccount.executeQuery().close();
                    updTeller.setInt(1, delta);
                    updTeller.setInt(2, tid);
                    updTeller.executeUpdate();
                    updBranch.setInt(1, delta);
                    updBranch.setInt(2, bid);
                    updBranch.executeUpdate();
                    insHistory.setInt(1, tid);
                    insHistory.setInt(2, bid);
                    insHistory.setInt(3, aid);
                    insHistory.setInt(4, delta);
                    insHistory.executeUpdate();
                    try {
                      c.commit();
                      done.increment();
                    } catch (SQLException serialization) {
                      c.rollback();
                    }
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      threads[i].start();
    }
    Thread.sleep(2_000); // warm-up
    long start = done.sum();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    long count = done.sum() - start;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return count / elapsed;
  }
}
