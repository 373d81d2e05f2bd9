package coop.sol.ledger.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * An online physical backup of the embedded PostgreSQL, taken while the ledger keeps posting:
 * PostgreSQL's non-exclusive low-level base backup ({@code pg_backup_start}, a copy of the data
 * directory, {@code pg_backup_stop}, then the returned {@code backup_label} written into the copy).
 * Starting a server on the copy replays the write-ahead log up to the end of the backup, so the
 * copy holds exactly the transactions committed before the backup ended: every acknowledged
 * transfer up to then, none half-applied.
 *
 * <p>For an external PostgreSQL use its own tools (pg_basebackup, or pg_dump for a logical copy);
 * this class needs the data directory on the same host.
 */
public final class OnlineBackup {

  /** Runtime files a copy must not carry (PostgreSQL's documented exclusions, and zonky's lock). */
  private static final Set<String> SKIPPED_FILES =
      Set.of(
          "postmaster.pid", "postmaster.opts", "pg_internal.init", "epg-lock", "backup_label.old");

  /** Directories whose contents are recreated at start. */
  private static final Set<String> EMPTIED_DIRECTORIES =
      Set.of(
          "pg_dynshmem",
          "pg_notify",
          "pg_serial",
          "pg_snapshots",
          "pg_stat_tmp",
          "pg_subtrans",
          "pg_replslot");

  private OnlineBackup() {}

  /**
   * Copies the cluster whose data directory is {@code dataDirectory} (served by {@code dataSource})
   * to {@code target}, which must not exist. The ledger may keep writing meanwhile.
   */
  public static void backup(DataSource dataSource, Path dataDirectory, Path target) {
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " exists already");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (var st = c.createStatement()) {
        st.execute("SELECT pg_backup_start('sol-online-backup', true)");
      }
      try {
        copyTree(dataDirectory, target);
      } catch (IOException | RuntimeException e) {
        try (var st = c.createStatement()) {
          st.execute("SELECT pg_backup_stop(false)"); // end the backup mode either way
        }
        throw e;
      }
      String label;
      String tablespaces;
      try (var st = c.createStatement();
          var rs = st.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
        rs.next();
        label = rs.getString(1);
        tablespaces = rs.getString(2);
      }
      // The WAL written while copying is needed to make the copy consistent: take pg_wal again
      // now that the backup has ended (the segments since the backup's start checkpoint are kept
      // until the next checkpoint completes, and the copy above ran well inside that window).
      copyTree(dataDirectory.resolve("pg_wal"), target.resolve("pg_wal"));
      Files.writeString(target.resolve("backup_label"), label, StandardCharsets.UTF_8);
      // PostgreSQL refuses a data directory others can read
      Files.setPosixFilePermissions(
          target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      if (tablespaces != null && !tablespaces.isEmpty()) {
        Files.writeString(target.resolve("tablespace_map"), tablespaces, StandardCharsets.UTF_8);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("online backup failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("online backup failed", e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return EMPTIED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(from)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = file.getFileName().toString();
            if (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp")) {
              return FileVisitResult.CONTINUE;
            }
            try {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException removedMeanwhile) {
              // a file PostgreSQL removed during the copy (a recycled WAL segment, a dropped
              // temporary relation): the WAL replay does not need it
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }
}
