package coop.sol.web.database;

import static org.assertj.core.api.Assertions.assertThat;

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
import coop.sol.web.DemoLogins;
import coop.sol.web.SolApplication;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.TestHttp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application as {@code java -jar sol.jar --demo} would, stops it, and starts it again
 * on the same data directory: everything is still there, and demo mode does not seed twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartPersistenceIT {

  @Test
  void the_data_survives_a_restart_on_the_same_data_directory(CapturedOutput output) {
    Path dataDirectory = TestDataDirectory.create();
    String[] args = {"--demo", "--server.port=0", "--sol.data-dir=" + dataDirectory};
    Transfer payment;
    Map<StrandKind, Long> journalRows;

    try (ConfigurableApplicationContext first = SolApplication.start(args)) {
      Ledger ledger = first.getBean(Ledger.class);
      Network demo = ledger.networks().findByCode("demo").orElseThrow();
      payment = pay(ledger, demo, "alice", "librairie", "3.00");
      journalRows = ledger.verifier().verify(demo.id()).rows();
      assertThat(http(first).get("/actuator/health").body()).contains("\"UP\"");
    }
    // the embedded PostgreSQL was stopped with the application
    assertThat(dataDirectory.resolve("postgres").resolve("postmaster.pid")).doesNotExist();

    try (ConfigurableApplicationContext second = SolApplication.start(args)) {
      Ledger ledger = second.getBean(Ledger.class);
      Network demo = ledger.networks().findByCode("demo").orElseThrow();
      assertThat(ledger.transfers().find(demo.id(), payment.id())).contains(payment);
      var report = ledger.verifier().verify(demo.id());
      assertThat(report.valid()).isTrue();
      assertThat(report.rows()).as("demo mode did not seed again").isEqualTo(journalRows);
      String password = DemoLogins.in(dataDirectory).password("alice");
      // alice is still in the database, with her accounts
      var me = http(second).get("/api/v1/me", "alice", password);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(me.body()).contains("\"username\":\"alice\"", "COOPERATION");
      assertThat(http(second).get("/actuator/health").body()).contains("\"UP\"");
    }

    assertThat(output.getOut()).contains(dataDirectory.resolve("demo-credentials.json").toString());
    assertThatNoLogLineContainsAPassword(output, dataDirectory);
  }

  /** Passwords go to standard output for the person at the console, never through a logger. */
  private static void assertThatNoLogLineContainsAPassword(CapturedOutput output, Path directory) {
    var logins = DemoLogins.in(directory);
    for (String line : output.getAll().split("\\R")) {
      if (line.matches(".*\\s(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*")) {
        for (var user : logins.users()) {
          assertThat(line).doesNotContain(user.get("password").asString());
        }
      }
    }
  }

  private static Transfer pay(
      Ledger ledger, Network network, String from, String to, String amount) {
    var strand = StrandKind.COOPERATION;
    TransferOutcome outcome =
        ledger
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                    new IdempotencyKey("restart-test-payment"),
                    strand,
                    account(ledger, network, OwnerKind.MEMBER, from, strand).id(),
                    account(ledger, network, OwnerKind.MERCHANT, to, strand).id(),
                    Decimals.parseAmount(amount, 2),
                    TransferCode.PAYMENT));
    assertThat(outcome).isInstanceOf(TransferOutcome.Posted.class);
    return ((TransferOutcome.Posted) outcome).transfer();
  }

  private static Account account(
      Ledger ledger, Network network, OwnerKind kind, String owner, StrandKind strand) {
    return ledger.accounts().findByOwner(network.id(), kind, owner).stream()
        .filter(a -> a.strand() == strand)
        .findFirst()
        .orElseThrow();
  }

  private static TestHttp http(ConfigurableApplicationContext context) {
    return new TestHttp(
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
  }
}
