package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplication;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The documented backup and restore, exercised: an administrator takes an online backup ({@code
 * POST /api/v1/admin/backups}) while a member keeps paying over HTTP; the backup is copied into a
 * fresh data directory as {@code postgres}, {@code --verify-journal} passes on it, and every
 * payment acknowledged before the backup began is there, unchanged. Older backups beyond {@code
 * sol.backup.keep} (2 here) are deleted.
 */
@ReliabilityApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class BackupRestoreIT {
  private final Callers callers;

  @Autowired
  BackupRestoreIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_backup_taken_while_payments_run_restores_to_a_verified_ledger(CapturedOutput output)
      throws Exception {
    Network network = callers.newNetwork("sauvegarde");
    String member = callers.newUser("prudente", Role.MEMBER, network, "500.00");
    String shop = callers.newUser("archiviste", Role.MERCHANT, network, null);
    long debit =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long credit =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    Api payer = callers.as(member);
    List<JsonNode> acknowledged = new CopyOnWriteArrayList<>();
    var stop = new AtomicBoolean();
    Thread payments =
        new Thread(
            () -> {
              for (int i = 0; !stop.get() && i < 5_000; i++) {
                Api.Response r =
                    payer
                        .post(
                            "/api/v1/transfers",
                            Api.json(
                                "debitAccountId",
                                debit,
                                "creditAccountId",
                                credit,
                                "amount",
                                "0.0" + (1 + i % 9),
                                "memo",
                                "avant/pendant/après " + i))
                        .header("Idempotency-Key", "sauvegarde-" + i)
                        .send();
                if (r.status() == 201) {
                  acknowledged.add(r.json());
                }
              }
            });
    payments.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 30);
    List<JsonNode> beforeBackup = new ArrayList<>(acknowledged);
    Api.Response backup = callers.as("admin").post("/api/v1/admin/backups", "").send();
    int atBackupEnd = acknowledged.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= atBackupEnd + 20);
    stop.set(true);
    payments.join(30_000);

    assertThat(backup.status()).as("%s", backup).isEqualTo(201);
    assertThat(beforeBackup).hasSizeGreaterThanOrEqualTo(30);
    assertThat(acknowledged.size())
        .as("payments went on during and after the backup")
        .isGreaterThan(atBackupEnd);
    Path backupDirectory = Path.of(backup.json().get("path").asString());
    assertThat(backupDirectory.getFileName().toString())
        .isEqualTo(backup.json().get("name").asString());
    assertThat(backupDirectory.resolve("backup_label")).exists();
    assertThat(backupDirectory.resolve("postmaster.pid")).doesNotExist();
    assertThat(callers.as("admin").get("/api/v1/admin/backups").send().body())
        .contains(backup.json().get("name").asString());
    assertThat(callers.as("admin").get("/api/v1/audit").send().body()).contains("BACKUP_CREATED");

    // the documented restore: the backup copied as the postgres directory of a data directory
    Path restored = TestDataDirectory.create();
    copy(backupDirectory, restored.resolve("postgres"));
    String[] verify = {"--verify-journal", "--sol.data-dir=" + restored};
    try (ConfigurableApplicationContext command = SolApplication.start(verify)) {
      assertThat(SpringApplication.exit(command)).as(output.getOut()).isZero();
    }
    assertThat(output.getOut())
        .contains(network.code() + " : base OK", "export vérifié hors ligne OK", ", 0 en anomalie.")
        .doesNotContain("ANOMALIE");

    try (var database = EmbeddedDatabase.persistent(restored.resolve("postgres"));
        var pool = pool(database);
        var ledger =
            new Ledger(
                pool,
                coop.sol.ledger.transfer.WriterSettings.DEFAULTS,
                java.time.Clock.systemUTC(),
                coop.sol.ledger.transfer.WriteObserver.NONE)) {
      var report = ledger.verifier().verify(network.id());
      assertThat(report.firstDiscrepancy()).isEmpty();
      long rows = report.rows().get(StrandKind.COOPERATION);
      assertThat(rows).isBetween(1L + beforeBackup.size(), 1L + acknowledged.size());
      for (JsonNode paid : beforeBackup) {
        var transfer =
            ledger.transfers().find(network.id(), new TransferId(paid.get("id").asLong()));
        assertThat(transfer).as("payment %s", paid.get("id")).isPresent();
        assertThat(transfer.get().memo()).isEqualTo(paid.get("memo").asString());
        assertThat(transfer.get().seq()).isEqualTo(paid.get("seq").asLong());
      }
    }
  }

  @Test
  void only_the_most_recent_backups_are_kept() {
    for (int i = 0; i < 3; i++) {
      assertThat(callers.as("admin").post("/api/v1/admin/backups", "").send().status())
          .isEqualTo(201);
    }
    JsonNode list = callers.as("admin").get("/api/v1/admin/backups").send().json();
    assertThat(list.size()).as("sol.backup.keep = 2: %s", list).isEqualTo(2);
  }

  private static HikariDataSource pool(EmbeddedDatabase database) {
    var config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl("postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(3);
    return new HikariDataSource(config);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
  }
}
