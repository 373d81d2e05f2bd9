package coop.sol.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.SolApplicationTest;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journal refuses to be rewritten, even by the application's own database user: a posted
 * transfer cannot be updated, deleted or truncated away.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalAppendOnlyIT {
  /** PostgreSQL's insufficient_privilege, which the journal's trigger raises. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private final Ledger ledger;
  private final DataSource dataSource;
  private Network network;
  private Transfer posted;

  @Autowired
  JournalAppendOnlyIT(Ledger ledger, DataSource dataSource) {
    this.ledger = ledger;
    this.dataSource = dataSource;
  }

  @BeforeAll
  void postATransfer() {
    // a network of its own, so the shared application's demo network is left alone
    network = ledger.networks().create("append-only", "Réseau du test du journal");
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
    Account member =
        ledger
            .accounts()
            .open(
                network.id(),
                StrandKind.COOPERATION,
                OwnerKind.MEMBER,
                "someone",
                "Quelqu'un",
                OptionalLong.of(0));
    TransferOutcome outcome =
        ledger
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                    new IdempotencyKey("append-only-1"),
                    StrandKind.COOPERATION,
                    issuance.id(),
                    member.id(),
                    Decimals.parseAmount("42.00", 2),
                    TransferCode.ISSUANCE));
    assertThat(outcome).isInstanceOf(TransferOutcome.Posted.class);
    posted = ((TransferOutcome.Posted) outcome).transfer();
  }

  @Test
  void update_is_refused() {
    assertRefused(
        "UPDATE transfer SET amount = 1 WHERE network_id = %d AND transfer_id = %d"
            .formatted(network.id().value(), posted.id().value()));
    assertUnchanged();
  }

  @Test
  void delete_is_refused() {
    assertRefused(
        "DELETE FROM transfer WHERE network_id = %d AND transfer_id = %d"
            .formatted(network.id().value(), posted.id().value()));
    assertUnchanged();
  }

  @Test
  void truncate_is_refused() {
    // CASCADE: the strongest form (plain TRUNCATE is also stopped earlier, by the tables that
    // reference the journal); only the append-only trigger can refuse this one
    assertRefused("TRUNCATE transfer CASCADE");
    assertUnchanged();
  }

  private void assertRefused(String statement) {
    assertThatThrownBy(
            () -> {
              try (var connection = dataSource.getConnection();
                  var sql = connection.createStatement()) {
                sql.execute(statement);
              }
            })
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE))
        .hasMessageContaining("append-only");
  }

  private void assertUnchanged() {
    assertThat(ledger.transfers().find(network.id(), posted.id())).contains(posted);
    assertThat(ledger.verifier().verify(network.id()).valid()).isTrue();
  }
}
