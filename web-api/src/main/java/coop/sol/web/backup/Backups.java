package coop.sol.web.backup;

import coop.sol.ledger.db.OnlineBackup;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.database.EmbeddedServer;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Online backups of the embedded PostgreSQL into {@code <data-dir>/backups/<UTC timestamp>}, taken
 * while the ledger keeps posting ({@link OnlineBackup}: a base backup whose copy holds exactly the
 * transactions committed before it ended). One at a time. A backup is written under a {@code
 * .partial} name and renamed once complete, so a directory with a timestamp name is always a whole
 * backup; a start on a copy of it (see docs/reliability.md) recovers to a consistent ledger.
 *
 * <p>With an external database there is nothing here to copy: use PostgreSQL's pg_basebackup or
 * pg_dump.
 */
@Service
public class Backups {
  private static final Logger log = LoggerFactory.getLogger(Backups.class);

  /** Backup names: sortable UTC timestamps, to the millisecond. */
  static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern NAME_PATTERN = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");
  private static final String PARTIAL = ".partial";

  private final Optional<EmbeddedServer> server;
  private final DataSource dataSource;
  private final Path directory;
  private final BackupProperties settings;
  private final AuditLog audit;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  Backups(
      ObjectProvider<EmbeddedServer> server,
      DataSource dataSource,
      SolProperties sol,
      BackupProperties settings,
      AuditLog audit,
      Clock clock) {
    this.clock = clock;
    this.server = Optional.ofNullable(server.getIfAvailable());
    this.dataSource = dataSource;
    this.directory = sol.dataDirectory().resolve("backups");
    this.settings = settings;
    this.audit = audit;
  }

  /**
   * A finished backup.
   *
   * @param sizeBytes the size of its files
   */
  public record Backup(
      String name, Path directory, Instant startedAt, Instant finishedAt, long sizeBytes) {}

  /** Who asked for a backup, for the audit log. */
  public record Requester(Long userId, String name, String clientAddress) {
    static final Requester SCHEDULE = new Requester(null, "sol.backup.cron", "local");
  }

  /** Whether online backups are possible here (the embedded database). */
  public boolean available() {
    return server.isPresent();
  }

  /** The directory backups are written to. */
  public Path directory() {
    return directory;
  }

  /**
   * Takes a backup now.
   *
   * @throws ApiProblemException BACKUP_UNAVAILABLE with an external database, BACKUP_IN_PROGRESS if
   *     another backup is being taken
   */
  public Backup create(Requester requester) {
    EmbeddedServer embedded =
        server.orElseThrow(() -> new ApiProblemException(ProblemCode.BACKUP_UNAVAILABLE));
    if (!running.tryLock()) {
      throw new ApiProblemException(ProblemCode.BACKUP_IN_PROGRESS);
    }
    try {
      Instant started = clock.instant();
      String name = NAME.format(started);
      Path target = directory.resolve(name);
      Path partial = directory.resolve(name + PARTIAL);
      Files.createDirectories(directory);
      deletePartials();
      if (Files.exists(target)) {
        throw new ApiProblemException(ProblemCode.BACKUP_IN_PROGRESS);
      }
      try {
        OnlineBackup.backup(dataSource, embedded.directory(), partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (RuntimeException | IOException e) {
        deleteQuietly(partial);
        throw e;
      }
      var backup = new Backup(name, target, started, clock.instant(), size(target));
      log.info(
          "Backup {} written to {} ({} bytes, {} ms)",
          name,
          target,
          backup.sizeBytes(),
          backup.finishedAt().toEpochMilli() - started.toEpochMilli());
      audit.record(
          new AuditRecord(
              AuditAction.BACKUP_CREATED,
              Set.of(),
              true,
              requester.userId(),
              requester.name(),
              "backup " + name,
              requester.clientAddress(),
              Map.of("sizeBytes", backup.sizeBytes())));
      prune();
      return backup;
    } catch (IOException e) {
      throw new UncheckedIOException("backup failed", e);
    } finally {
      running.unlock();
    }
  }

  /** The complete backups, oldest first. */
  public List<Backup> list() {
    List<Backup> backups = new ArrayList<>();
    for (Path path : completed()) {
      try {
        Instant finished = Files.getLastModifiedTime(path).toInstant();
        Instant started = Instant.from(NAME.parse(path.getFileName().toString()));
        backups.add(new Backup(path.getFileName().toString(), path, started, finished, size(path)));
      } catch (IOException | RuntimeException deletedMeanwhile) {
        // pruned while listing: not a backup any more
      }
    }
    return backups;
  }

  private List<Path> completed() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isDirectory)
          .filter(p -> NAME_PATTERN.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the oldest backups beyond {@code keep}. */
  private void prune() {
    if (settings.keep() == 0) {
      return;
    }
    List<Path> all = completed();
    for (Path old : all.subList(0, Math.max(0, all.size() - settings.keep()))) {
      log.info("Deleting backup {} (sol.backup.keep = {})", old, settings.keep());
      deleteQuietly(old);
    }
  }

  /** Left by a backup interrupted by a crash (none runs now: we hold the lock). */
  private void deletePartials() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .filter(p -> p.getFileName().toString().endsWith(PARTIAL))
          .forEach(Backups::deleteQuietly);
    }
  }

  private static long size(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete {} entirely: {}", root, e.getMessage());
    }
  }
}
