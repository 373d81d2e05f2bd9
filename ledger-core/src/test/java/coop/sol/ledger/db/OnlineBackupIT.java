package coop.sol.ledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while payments keep posting restores into a server of its own: the journal
 * verifies there, and every payment acknowledged before the backup began is in it.
 */
class OnlineBackupIT {

  @Test
  void a_backup_under_load_restores_to_a_verified_ledger(@TempDir Path dir) throws Exception {
    Path live = dir.resolve("live");
    Path copy = dir.resolve("copy");
    List<Transfer> acknowledged = new CopyOnWriteArrayList<>();
    int beforeBackup;
    Network network;
    try (var pg = EmbeddedDatabase.persistent(live);
        var ds = pool(pg);
        var ledger =
            new Ledger(
                ds,
                coop.sol.ledger.transfer.WriterSettings.DEFAULTS,
                java.time.Clock.systemUTC(),
                coop.sol.ledger.transfer.WriteObserver.NONE)) {
      Migrations.apply(ds);
      network = ledger.networks().create("backup", "Sauvegarde");
      Account issuance =
          ledger
              .accounts()
              .open(
                  network.id(),
                  StrandKind.COOPERATION,
                  OwnerKind.SYSTEM,
                  "issuance",
                  "Émission",
                  OptionalLong.empty());
      Account shop =
          ledger
              .accounts()
              .open(
                  network.id(),
                  StrandKind.COOPERATION,
                  OwnerKind.MERCHANT,
                  "shop",
                  "Shop",
                  OptionalLong.of(0));
      var stop = new AtomicBoolean();
      var payer =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  TransferOutcome o =
                      ledger
                          .transfers()
                          .execute(
                              network.id(),
                              TransferCommand.posted(
                                  new IdempotencyKey("p-" + i),
                                  StrandKind.COOPERATION,
                                  issuance.id(),
                                  shop.id(),
                                  Amount.of(1 + i % 97),
                                  TransferCode.ISSUANCE));
                  if (o instanceof TransferOutcome.Posted p) {
                    acknowledged.add(p.transfer());
                  }
                }
              });
      payer.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 50);
      beforeBackup = acknowledged.size();
      OnlineBackup.backup(ds, live, copy);
      int atBackupEnd = acknowledged.size();
      // keep posting after the backup: the copy must not need those
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= atBackupEnd + 20);
      stop.set(true);
      payer.join();
      assertThat(ledger.verifier().verify(network.id()).valid()).isTrue();
    }

    try (var restored = EmbeddedDatabase.persistent(copy);
        var ds = pool(restored);
        var ledger =
            new Ledger(
                ds,
                coop.sol.ledger.transfer.WriterSettings.DEFAULTS,
                java.time.Clock.systemUTC(),
                coop.sol.ledger.transfer.WriteObserver.NONE)) {
      var report = ledger.verifier().verify(network.id());
      assertThat(report.firstDiscrepancy()).as("verification of the restored copy").isEmpty();
      long rows = report.rows().get(StrandKind.COOPERATION);
      assertThat(beforeBackup).isPositive();
      assertThat(rows)
          .isGreaterThanOrEqualTo(beforeBackup)
          .isLessThanOrEqualTo(acknowledged.size());
      for (Transfer t : acknowledged.subList(0, beforeBackup)) {
        assertThat(ledger.transfers().find(network.id(), t.id()))
            .as("transfer %s", t.id())
            .contains(t);
      }
    }
  }

  private static HikariDataSource pool(EmbeddedDatabase pg) {
    var config = new HikariConfig();
    config.setJdbcUrl(pg.jdbcUrl("postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(5);
    return new HikariDataSource(config);
  }
}
