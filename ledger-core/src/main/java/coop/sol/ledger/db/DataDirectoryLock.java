package coop.sol.ledger.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock one process holds on an embedded PostgreSQL's data directory for as long as it runs the
 * server there: an operating-system lock on {@code <directory>.lock} (next to the directory, which
 * initdb wants empty), released by the system when the process ends however it ends, a {@code kill
 * -9} included. A second process (a second start, {@code --create-admin}, {@code --verify-journal})
 * finds it taken and touches nothing: before this lock it took the running server for one a crash
 * left behind and stopped it.
 *
 * <p>The file holds the holder's process id, for the message. Within one JVM the lock is also
 * remembered here, since a second attempt through the file would release it: POSIX locks belong to
 * the process and go with the first channel closed.
 */
public final class DataDirectoryLock implements AutoCloseable {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code dataDirectory}: {@code <dataDirectory>.lock}. */
  public static Path fileOf(Path dataDirectory) {
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code dataDirectory} at once, or refuses.
   *
   * @throws InUse when another process, or this one, holds it
   */
  public static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = fileOf(dataDirectory);
    if (!HELD.add(file)) {
      throw new InUse(dataDirectory, ProcessHandle.current().pid());
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        long holder = readPid(channel).orElse(-1L);
        channel.close();
        HELD.remove(file);
        throw new InUse(dataDirectory, holder);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      channel.force(true);
      return new DataDirectoryLock(file, channel, lock);
    } catch (IOException e) {
      HELD.remove(file);
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /**
   * Checks, without keeping it, that nobody holds the lock of {@code dataDirectory} now: for a
   * process to refuse to start at once, before it builds anything (the lock is then taken by
   * whoever starts the server, which may still find it taken).
   *
   * @throws InUse when another process, or this one, holds it
   */
  public static void checkFree(Path dataDirectory) {
    Path file = fileOf(dataDirectory);
    if (HELD.contains(file)) {
      throw new InUse(dataDirectory, ProcessHandle.current().pid());
    }
    if (!Files.exists(file)) {
      return;
    }
    // Not held in this JVM, so closing this channel releases no lock of ours.
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new InUse(dataDirectory, readPid(channel).orElse(-1L));
      }
      lock.release();
    } catch (OverlappingFileLockException e) {
      throw new InUse(dataDirectory, ProcessHandle.current().pid());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file, e);
    }
  }

  private static Optional<Long> readPid(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      return Optional.of(Long.parseLong(text.strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Releases the lock (the file stays, for the next holder). */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      HELD.remove(file);
    }
  }

  /**
   * The data directory is in use by a running process: another installation's server, or this
   * process's own. Nothing was changed.
   */
  public static final class InUse extends IllegalStateException {
    private final Path dataDirectory;
    private final long holder;

    InUse(Path dataDirectory, long holder) {
      super(
          "Le répertoire de données "
              + dataDirectory.toAbsolutePath().normalize()
              + " est déjà ouvert par SOL en cours d'exécution"
              + (holder > 0 ? " (processus " + holder + ")" : "")
              + " : arrêtez cette instance d'abord, puis recommencez ; rien n'a été modifié.");
      this.dataDirectory = dataDirectory;
      this.holder = holder;
    }

    public Path dataDirectory() {
      return dataDirectory;
    }

    /** The holder's process id, or -1 if it could not be read. */
    public long holder() {
      return holder;
    }
  }
}
