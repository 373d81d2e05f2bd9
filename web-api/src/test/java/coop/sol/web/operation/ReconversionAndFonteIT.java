package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.TestClock;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Reconversion by merchants, and the fonte's preview, runs and second runs, over HTTP. */
@SolApplicationTest
class ReconversionAndFonteIT {
  private static final StrandKind COOP = StrandKind.COOPERATION;
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;

  @Autowired
  ReconversionAndFonteIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aNetwork() {
    n = OperationsNetwork.of(callers, context, "fonte").withRates("1.00", 0, 500);
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  @Test
  void only_the_merchant_reconverts_its_sol_within_the_reserve() {
    n.fund(OwnerKind.MERCHANT, n.merchant, COOP, "100.00");
    // 60 euros in the guarantee fund, from a purchase at an office
    var id = n.network.id();
    n.operations.exchange().openOffice(id, n.agent, "Caisse");
    n.operations
        .exchange()
        .buy(
            new SolPurchase(
                id,
                new IdempotencyKey("achat"),
                n.agent,
                n.account(OwnerKind.MEMBER, n.member, COOP).id(),
                Amount.of(6000)))
        .orElseThrow();
    n.operations
        .exchange()
        .bankTill(id, new IdempotencyKey("versement"), n.agent, Amount.of(6000))
        .orElseThrow();

    Api.Response quote = n.as(n.merchant).get("/api/v1/reconversions/quote?amount=10.01").send();
    assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
    assertThat(quote.json().get("fee").asString()).isEqualTo("0.51");
    assertThat(quote.json().get("net").asString()).isEqualTo("9.50");
    assertThat(quote.json().get("euros").asString()).isEqualTo("9.50");

    Api.Response done = reconvert(n.merchant, "rc-1", "10.01");
    assertThat(done.status()).as(done.toString()).isEqualTo(201);
    assertThat(done.json().get("transfers")).hasSize(3);
    assertThat(reconvert(n.merchant, "rc-1", "10.01").status()).isEqualTo(200);
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, COOP)).isEqualTo("89.99");

    assertThat(reconvert(n.member, "rc-2", "1.00").status()).isEqualTo(403);
    assertThat(reconvert(n.cashier, "rc-3", "1.00").status()).isEqualTo(403);
    assertThat(n.as(n.cashier).get("/api/v1/reconversions/quote?amount=1").send().status())
        .isEqualTo(403);
    Api.Response beyondReserve = reconvert(n.merchant, "rc-4", "70.00");
    assertThat(beyondReserve.status()).isEqualTo(422);
    assertThat(beyondReserve.code()).isEqualTo("RESERVE_INSUFFICIENT");
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, COOP)).isEqualTo("89.99");
  }

  @Test
  void a_coordinator_previews_runs_and_reruns_a_fonte_period_which_charges_once() {
    // Periods are calendar days; the accounts must hold SOL before a period that has ended. A
    // ledger on a clock ten days behind posts that history, then lets go of the network.
    LocalDate today = LocalDate.now(PARIS);
    LocalDate first = today.minusDays(5);
    String active = callers.newUser("actif", Role.MEMBER, n.network, null);
    var clock = new TestClock(Instant.now().minus(Duration.ofDays(10)));
    try (Ledger earlier =
        new Ledger(
            context.getBean(DataSource.class),
            WriterSettings.DEFAULTS,
            clock,
            WriteObserver.NONE)) {
      fundEarlier(earlier, n.account(OwnerKind.MEMBER, n.member, COOP).id(), 12_345);
      fundEarlier(earlier, n.account(OwnerKind.MERCHANT, n.merchant, COOP).id(), 49);
      AccountId activeAccount = n.account(OwnerKind.MEMBER, active, COOP).id();
      fundEarlier(earlier, activeAccount, 10_000);
      // the active member pays during the first period: not charged for it
      clock.set(first.atTime(12, 0).atZone(PARIS).toInstant());
      post(
          earlier,
          TransferCommand.posted(
              new IdempotencyKey("pendant"),
              COOP,
              activeAccount,
              n.account(OwnerKind.MERCHANT, n.merchant, COOP).id(),
              Amount.of(100),
              TransferCode.PAYMENT));
    }
    Api.Response rule =
        n.as(n.coordinator)
            .put(
                "/api/v1/networks/" + n.network.id().value() + "/settings/fonte-rules/COOPERATION",
                Api.json(
                    "enabled",
                    true,
                    "ratePercent",
                    "2",
                    "idle",
                    "P1D",
                    "firstPeriodStart",
                    first.toString(),
                    "minimum",
                    "0.01"))
            .send();
    assertThat(rule.status()).as(rule.toString()).isEqualTo(200);
    String period = first + ".." + first.plusDays(1);

    Api.Response preview = preview("&period=" + period);
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    assertThat(preview.json().get("totalDue").asString()).isEqualTo("2.48");
    assertThat(charge(preview.json(), n.member).get("amount").asString()).isEqualTo("2.46");
    assertThat(charge(preview.json(), n.member).get("status").asString()).isEqualTo("DUE");
    // 0.49 before the period and 1.00 received during it: 2 % of 1.49
    assertThat(charge(preview.json(), n.merchant).get("amount").asString()).isEqualTo("0.02");
    assertThat(charge(preview.json(), active)).isNull();
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("123.45");

    Api.Response run = run(period);
    assertThat(run.status()).as(run.toString()).isEqualTo(200);
    assertThat(run.json().get("chargedNow").asString()).isEqualTo("2.48");
    assertThat(run.json().get("run").get("completedAt").isNull()).isFalse();
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("120.99");
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, COOP)).isEqualTo("1.47");

    long rows = journalRows();
    Api.Response again = run(period);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("chargedNow").asString()).isEqualTo("0.00");
    assertThat(charge(again.json(), n.member).get("status").asString())
        .isEqualTo("ALREADY_CHARGED");
    assertThat(journalRows()).as("a second run posts nothing").isEqualTo(rows);
    assertThat(n.balance(OwnerKind.MEMBER, n.member, COOP)).isEqualTo("120.99");
    assertThat(charge(preview("&period=" + period).json(), n.member).get("status").asString())
        .isEqualTo("ALREADY_CHARGED");

    // without a period: the latest one that ended (yesterday's)
    Api.Response latest = preview("");
    assertThat(latest.json().get("period").get("end").asString()).isEqualTo(today.toString());
    Api.Response notOver = preview("&period=" + today + ".." + today.plusDays(1));
    assertThat(notOver.status()).isEqualTo(422);
    assertThat(notOver.code()).isEqualTo("PERIOD_NOT_OVER");
    Api.Response notScheduled = preview("&period=" + first + ".." + first.plusDays(2));
    assertThat(notScheduled.code()).isEqualTo("PERIOD_NOT_IN_SCHEDULE");
    assertThat(preview("&period=yesterday").code()).isEqualTo("INVALID_PERIOD");

    JsonNode runs = n.as(n.coordinator).get("/api/v1/fonte/runs?strand=COOPERATION").send().json();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("chargedTotal").asString()).isEqualTo("2.48");
    assertThat(runs.get(0).get("startedBy").asString()).isEqualTo(n.coordinator);
    assertThat(n.as(n.member).get("/api/v1/fonte/runs").send().status()).isEqualTo(403);
    assertThat(
            n.as(n.coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .filteredOn("FONTE_RUN"::equals)
        .hasSize(2);
  }

  private void fundEarlier(Ledger earlier, AccountId account, long minorUnits) {
    AccountId issuance = n.operations.settings().setUp(n.network.id()).issuance(COOP);
    post(
        earlier,
        TransferCommand.posted(
            new IdempotencyKey("avant-" + account.value()),
            COOP,
            issuance,
            account,
            Amount.of(minorUnits),
            TransferCode.ISSUANCE));
  }

  private void post(Ledger ledger, TransferCommand command) {
    assertThat(ledger.transfers().execute(n.network.id(), command).isPosted()).isTrue();
  }

  private long journalRows() {
    return n.ledger().verifier().verify(n.network.id()).rows().get(COOP);
  }

  private static JsonNode charge(JsonNode report, String owner) {
    for (JsonNode c : report.get("charges")) {
      if (c.get("owner").asString().equals(owner)) {
        return c;
      }
    }
    return null;
  }

  private Api.Response preview(String query) {
    return n.as(n.coordinator).get("/api/v1/fonte/preview?strand=COOPERATION" + query).send();
  }

  private Api.Response run(String period) {
    return n.as(n.coordinator)
        .post("/api/v1/fonte/runs", Api.json("strand", "COOPERATION", "period", period))
        .send();
  }

  private Api.Response reconvert(String who, String key, String amount) {
    return n.as(who)
        .post("/api/v1/reconversions", Api.json("amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }
}
