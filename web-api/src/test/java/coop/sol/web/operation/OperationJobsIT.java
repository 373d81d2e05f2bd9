package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The operations' jobs, called as the schedule calls them (the schedule itself is off in tests):
 * each does its work once, and a second run changes nothing.
 */
@SolApplicationTest
class OperationJobsIT {
  private static final StrandKind COOP = StrandKind.COOPERATION;

  private final Callers callers;
  private final ApplicationContext context;
  private final OperationJobs jobs;
  private final MovableClock clock;
  private OperationsNetwork n;

  @Autowired
  OperationJobsIT(
      @LocalServerPort int port,
      ApplicationContext context,
      OperationJobs jobs,
      MovableClock clock) {
    this.clock = clock;
    this.callers = Callers.of(port, context);
    this.context = context;
    this.jobs = jobs;
  }

  @BeforeEach
  void aNetwork() {
    n = OperationsNetwork.of(callers, context, "taches");
  }

  @AfterEach
  void theJournalVerifies() {
    clock.reset();
    n.assertJournalVerifies();
  }

  @Test
  void the_schedule_is_off_in_tests() {
    assertThat(context.getBeanProvider(OperationSchedule.class).getIfAvailable()).isNull();
  }

  @Test
  void pending_transfers_past_their_timeout_are_expired_once() {
    n.fund(OwnerKind.MEMBER, n.member, COOP, "10.00");
    var posted =
        n.ledger()
            .transfers()
            .execute(
                n.network.id(),
                TransferCommand.pending(
                    new IdempotencyKey("en-attente"),
                    COOP,
                    n.account(OwnerKind.MEMBER, n.member, COOP).id(),
                    n.account(OwnerKind.MERCHANT, n.merchant, COOP).id(),
                    Amount.of(400),
                    TransferCode.PAYMENT,
                    Duration.ofMillis(300)));
    assertThat(posted.isPosted()).isTrue();
    assertThat(n.account(OwnerKind.MEMBER, n.member, COOP).balance().available()).isEqualTo(600);
    clock.advance(Duration.ofSeconds(1)); // past the pending transfer's timeout

    assertThat(jobs.expirePendingTransfers()).isPositive();
    assertThat(n.account(OwnerKind.MEMBER, n.member, COOP).balance().available()).isEqualTo(1000);
    long rows = rows(COOP);
    jobs.expirePendingTransfers();
    assertThat(rows(COOP)).isEqualTo(rows);
  }

  @Test
  void expired_vouchers_go_back_to_their_funder_once() {
    n.withMerchantSettings(100);
    n.fund(OwnerKind.FUNDER, n.funder, StrandKind.AFFECTE, "20.00");
    Instant expiry = clock.instant().plusMillis(500);
    n.operations
        .vouchers()
        .grant(
            new VoucherGrant(
                n.network.id(),
                new IdempotencyKey("lot-bref"),
                n.account(OwnerKind.FUNDER, n.funder, StrandKind.AFFECTE).id(),
                n.member,
                Amount.of(500),
                expiry,
                Set.of("FOOD"),
                "Chèque d'une seconde"))
        .orElseThrow();
    assertThat(n.balance(OwnerKind.FUNDER, n.funder, StrandKind.AFFECTE)).isEqualTo("15.00");
    clock.advance(Duration.ofSeconds(1)); // past the lot's expiry

    assertThat(jobs.expireVouchers()).isGreaterThanOrEqualTo(500);
    assertThat(n.balance(OwnerKind.FUNDER, n.funder, StrandKind.AFFECTE)).isEqualTo("20.00");
    long rows = rows(StrandKind.AFFECTE);
    jobs.expireVouchers();
    assertThat(rows(StrandKind.AFFECTE)).isEqualTo(rows);
    JsonNode lot = n.as(n.member).get("/api/v1/vouchers/holdings").send().json().get(0);
    assertThat(lot.get("remaining").asString()).isEqualTo("0.00");
    assertThat(lot.get("spendable").asBoolean()).isFalse();
  }

  @Test
  void the_fonte_runs_the_latest_period_that_ended_once() {
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
    n.operations
        .settings()
        .changeFonteRule(
            n.network.id(),
            COOP,
            new FonteRule(
                true,
                BasisPoints.of(200),
                Period.ofDays(1),
                today.minusDays(3),
                ZoneId.of("Europe/Paris"),
                1,
                n.operations.settings().setUp(n.network.id()).fund(COOP)),
            Actor.of("test"))
        .orElseThrow();

    jobs.runDueFonte();
    jobs.runDueFonte();

    JsonNode runs = n.as(n.coordinator).get("/api/v1/fonte/runs").send().json();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("startedBy").asString()).isEqualTo("sol-scheduler");
    assertThat(runs.get(0).get("period").get("end").asString()).isEqualTo(today.toString());
    assertThat(runs.get(0).get("completedAt").isNull()).isFalse();
  }

  private long rows(StrandKind strand) {
    return n.ledger().verifier().verify(n.network.id()).rows().getOrDefault(strand, 0L);
  }
}
