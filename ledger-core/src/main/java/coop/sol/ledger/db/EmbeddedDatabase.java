package coop.sol.ledger.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A PostgreSQL 17 server run by this process (zonky's embedded binaries), for installations without
 * an external database and for tests. With a data directory its data persists across restarts;
 * without one it lives in a temporary directory deleted at close.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  /** Held while this process runs a server on a persistent directory; null for a temporary one. */
  private final DataDirectoryLock lock;

  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, DataDirectoryLock lock, Path dataDirectory) {
    this.postgres = postgres;
    this.lock = lock;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts (and on first use initialises) a server whose data lives in {@code dataDirectory}. The
   * caller stops it with {@link #close()} after everything using it: no JVM shutdown hook of its
   * own, which would stop PostgreSQL while the application is still finishing its requests.
   */
  public static EmbeddedDatabase persistent(Path dataDirectory) {
    return persistent(dataDirectory, 0);
  }

  /**
   * As {@link #persistent(Path)}, on {@code port} of 127.0.0.1, or on a free port if it is 0. A
   * server restarted on the port it had before is found again by the connection pools that used it.
   *
   * <p>The directory is first locked ({@link DataDirectoryLock}) for as long as this process runs a
   * server there: if another process runs one (another instance of the application, started
   * normally or for a command), this fails at once with {@link DataDirectoryLock.InUse} and changes
   * nothing.
   */
  public static EmbeddedDatabase persistent(Path dataDirectory, int port) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory);
    try {
      return new EmbeddedDatabase(start(dataDirectory, port), lock, dataDirectory);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * After the server died: stops what is left of it, runs {@code whileStopped} (waiting for its
   * last processes), and starts a new server on the same directory and port, the directory staying
   * locked by this process throughout. Use the returned database from then on.
   */
  public EmbeddedDatabase restart(Runnable whileStopped) {
    if (lock == null) {
      throw new IllegalStateException("only a persistent server restarts");
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException dead) {
      // 'pg_ctl stop' fails on a server that is gone, which is why it restarts
    }
    whileStopped.run();
    return new EmbeddedDatabase(start(dataDirectory, port()), lock, dataDirectory);
  }

  private static EmbeddedPostgres start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      stopOrphanedServer(dataDirectory);
      var builder =
          configure(EmbeddedPostgres.builder())
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false);
      if (port != 0) {
        builder.setPort(port);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /**
   * A previous run that was killed (SIGKILL, out of memory, power loss of the JVM only) leaves its
   * PostgreSQL running on the data directory, and a new server cannot start there. Stop it first: a
   * smart shutdown finishes at once since its clients died with the JVM; committed transactions are
   * durable, and anything else was never acknowledged. Called with the directory locked by this
   * process, so a server found running is an orphan, never a live instance's.
   */
  private static void stopOrphanedServer(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException unreadable) {
      return; // PostgreSQL itself deals with a stale or half-written pid file
    }
    var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (orphan.isEmpty()
        || orphan.get().info().command().map(c -> !c.endsWith("postgres")).orElse(true)) {
      return;
    }
    orphan.get().destroy();
    try {
      orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(
          "a PostgreSQL server (pid " + pid + ") still runs on " + dataDirectory, e);
    }
  }

  /** Starts a throw-away server (tests, benchmarks). */
  public static EmbeddedDatabase temporary() {
    try {
      return new EmbeddedDatabase(configure(EmbeddedPostgres.builder()).start(), null, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder) {
    // Durable commits (fsync, synchronous_commit on) as in production: the write path's speed
    // comes from sharing commits, not from weakening them.
    return builder
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on");
  }

  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl("postgres", database);
  }

  public int port() {
    return postgres.getPort();
  }

  public DataSource dataSource(String database) {
    return postgres.getDatabase("postgres", database);
  }

  /** Stops the server, then releases the directory's lock. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }
}
