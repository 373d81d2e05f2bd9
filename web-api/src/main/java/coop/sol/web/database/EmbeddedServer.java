package coop.sol.web.database;

import coop.sol.ledger.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of an installation without an external database, kept running: a watchdog
 * thread checks every {@code interval} that the server's postmaster is alive and, if it died
 * (killed, out of memory), starts it again on the same data directory and the same port. The
 * connection pool then finds it where it was: its broken connections fail their next use or check
 * and are replaced, and the ledger's writers reconnect by themselves. PostgreSQL's crash recovery
 * replays the write-ahead log at start, so every committed transaction is there, and nothing that
 * was not committed.
 *
 * <p>Not for an external database: there, whoever runs PostgreSQL (systemd, the cloud provider)
 * restarts it, and the pool and the writers reconnect the same way.
 */
public final class EmbeddedServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

  /** How long to wait for the dead server's remaining processes to exit before starting anew. */
  private static final Duration LEFTOVERS_WAIT = Duration.ofSeconds(30);

  private final Path directory;
  private final int port;
  private final Duration interval;
  private final AtomicLong restarts = new AtomicLong();
  private final Object lifecycle = new Object();
  private final Thread watchdog;
  private volatile EmbeddedDatabase database;
  private volatile boolean closed;

  private EmbeddedServer(Path directory, EmbeddedDatabase database, Duration interval) {
    this.directory = directory;
    this.database = database;
    this.port = database.port();
    this.interval = interval;
    this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
    this.watchdog.setDaemon(true);
  }

  /**
   * Starts the server on {@code directory} (see {@link EmbeddedDatabase#persistent}) and its
   * watchdog, which checks every {@code interval}; a zero interval means no watchdog.
   *
   * @throws coop.sol.ledger.db.DataDirectoryLock.InUse if a running process (another instance of
   *     the application) has the directory: nothing is changed
   */
  public static EmbeddedServer start(Path directory, Duration interval) {
    var server = new EmbeddedServer(directory, EmbeddedDatabase.persistent(directory), interval);
    if (!interval.isZero()) {
      server.watchdog.start();
    }
    return server;
  }

  /** The server's data directory ({@code <data-dir>/postgres}). */
  public Path directory() {
    return directory;
  }

  public String jdbcUrl(String database) {
    return this.database.jdbcUrl(database);
  }

  /** How many times the watchdog restarted the server. */
  public long restarts() {
    return restarts.get();
  }

  /** The postmaster's process id, as PostgreSQL recorded it, if the server is running. */
  public Optional<ProcessHandle> postmaster() {
    Path pidFile = directory.resolve("postmaster.pid");
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (IOException | RuntimeException absentOrHalfWritten) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
  }

  private void watch() {
    long backoff = interval.toMillis();
    while (!closed) {
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return; // closing
      }
      synchronized (lifecycle) {
        if (closed || postmaster().isPresent()) {
          backoff = interval.toMillis();
          continue;
        }
        try {
          restart();
          backoff = interval.toMillis();
        } catch (RuntimeException e) {
          // try again later, less often, rather than hammering a server that cannot start
          backoff = Math.min(30_000, backoff * 2);
          log.error(
              "The embedded PostgreSQL could not be restarted; next attempt in {} ms", backoff, e);
        }
      }
    }
  }

  private void restart() {
    log.warn(
        "The embedded PostgreSQL in {} is not running: restarting it on port {} (the failure of"
            + " 'pg_ctl stop' is expected, the server being gone)",
        directory,
        port);
    // the directory stays locked by this process: nobody else may start a server there meanwhile
    database = database.restart(this::waitForLeftovers);
    long count = restarts.incrementAndGet();
    log.warn("The embedded PostgreSQL is running again on port {} (restart {})", port, count);
  }

  /**
   * A killed postmaster's children (backends, checkpointer...) exit on their own once they notice,
   * usually within milliseconds; PostgreSQL refuses to start while any of them still holds the old
   * shared memory. On Linux, wait until no process works in the data directory (PostgreSQL's
   * processes all do); elsewhere a new start that comes too early fails and the watchdog retries.
   */
  private void waitForLeftovers() {
    long deadline = System.nanoTime() + LEFTOVERS_WAIT.toNanos();
    while (System.nanoTime() < deadline && anyProcessIn(directory)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean anyProcessIn(Path directory) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return false;
    }
    Path real;
    try {
      real = directory.toRealPath();
    } catch (IOException e) {
      return false;
    }
    try (Stream<ProcessHandle> processes = ProcessHandle.allProcesses()) {
      return processes.anyMatch(
          p -> {
            try {
              return Files.readSymbolicLink(proc.resolve(p.pid() + "/cwd")).equals(real);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
              return false; // gone, or not ours to look at
            }
          });
    }
  }

  /** Stops the watchdog, then the server (after everything using it has been closed). */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
    }
    watchdog.interrupt();
    try {
      watchdog.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }
}
