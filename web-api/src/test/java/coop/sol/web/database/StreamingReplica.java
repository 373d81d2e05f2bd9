package coop.sol.web.database;

import coop.sol.ledger.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A PostgreSQL 17 primary and a streaming replica of it, from the embedded binaries, on loopback:
 * the replica is a copy of the stopped primary's directory with {@code standby.signal} and a {@code
 * primary_conninfo}, so it streams the primary's WAL from there on (hot standby: read-only queries
 * answered). For the tests and the scale-out harness.
 */
public final class StreamingReplica implements AutoCloseable {
  private final EmbeddedDatabase primary;
  private final Path replicaDir;
  private final int replicaPort;
  private EmbeddedDatabase replica;

  private StreamingReplica(
      EmbeddedDatabase primary, EmbeddedDatabase replica, Path replicaDir, int replicaPort) {
    this.primary = primary;
    this.replica = replica;
    this.replicaDir = replicaDir;
    this.replicaPort = replicaPort;
  }

  /** Creates both under {@code root} ({@code primary/}, {@code replica/}) and starts them. */
  public static StreamingReplica start(Path root) {
    int primaryPort = freePort();
    int replicaPort = freePort();
    Path primaryDir = root.resolve("primary");
    Path replicaDir = root.resolve("replica");
    EmbeddedDatabase.persistent(primaryDir, primaryPort).close();
    copyAsStandby(primaryDir, replicaDir, primaryPort);
    EmbeddedDatabase primary = EmbeddedDatabase.persistent(primaryDir, primaryPort);
    try {
      return new StreamingReplica(
          primary, EmbeddedDatabase.persistent(replicaDir, replicaPort), replicaDir, replicaPort);
    } catch (RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  public EmbeddedDatabase primary() {
    return primary;
  }

  public EmbeddedDatabase replica() {
    return replica;
  }

  /** Stops the replica (the primary goes on). */
  public void stopReplica() {
    if (replica != null) {
      replica.close();
      replica = null;
    }
  }

  /**
   * Starts the stopped replica again, on its directory and port: it resumes streaming from where it
   * stopped.
   */
  public void startReplica() {
    if (replica == null) {
      replica = EmbeddedDatabase.persistent(replicaDir, replicaPort);
    }
  }

  @Override
  public void close() {
    try {
      stopReplica();
    } finally {
      primary.close();
    }
  }

  /**
   * The replica: a copy of the stopped primary's directory that follows it by streaming
   * replication.
   */
  public static void copyAsStandby(Path primary, Path replica, int primaryPort) {
    try (Stream<Path> files = Files.walk(primary)) {
      for (Path source : files.toList()) {
        Path target = replica.resolve(primary.relativize(source).toString());
        if (source.getFileName().toString().equals("postmaster.pid")) {
          continue;
        }
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
      // PostgreSQL starts only on a data directory its owner alone may enter
      Files.setPosixFilePermissions(replica, PosixFilePermissions.fromString("rwx------"));
      Files.writeString(replica.resolve("standby.signal"), "");
      Files.writeString(
          replica.resolve("postgresql.auto.conf"),
          "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=postgres'\n",
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + primary + " as a standby", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
