package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Volunteering (SOL Engagement) and earmarked vouchers (SOL Affecté) over HTTP. */
@SolApplicationTest
class VolunteeringAndVoucherIT {
  private static final StrandKind ENGAGEMENT = StrandKind.ENGAGEMENT;
  private static final StrandKind AFFECTE = StrandKind.AFFECTE;

  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;

  @Autowired
  VolunteeringAndVoucherIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aNetwork() {
    n = OperationsNetwork.of(callers, context, "benevolat");
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  @Test
  void coordinators_grant_allowances_and_associations_credit_hours_within_them() {
    long association = n.accountId(OwnerKind.ASSOCIATION, n.association, ENGAGEMENT);
    long member = n.accountId(OwnerKind.MEMBER, n.member, ENGAGEMENT);

    Api.Response granted = allowance("dotation-1", association, "10.00");
    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    assertThat(granted.json().get("association").asString()).isEqualTo(n.association);
    assertThat(allowance("dotation-1", association, "10.00").status()).isEqualTo(200);
    assertThat(allowance("dotation-2", member, "10.00").code()).isEqualTo("WRONG_OWNER_KIND");

    assertThat(certify(n.association, "h-1", member, 5).code()).isEqualTo("NO_VOLUNTEER_RATE");
    n.operations
        .settings()
        .changeVolunteerRate(n.network.id(), n.association, 6000, Actor.of("test"));
    Api.Response credited = certify(n.association, "h-1", member, 5);
    assertThat(credited.status()).as(credited.toString()).isEqualTo(201);
    assertThat(credited.json().get("amount").asString()).isEqualTo("5.00");
    assertThat(credited.json().get("ratePerHour").asString()).isEqualTo("60.00");
    assertThat(certify(n.association, "h-1", member, 5).header("Idempotent-Replayed"))
        .isEqualTo("true");
    assertThat(n.balance(OwnerKind.MEMBER, n.member, ENGAGEMENT)).isEqualTo("5.00");

    JsonNode left = n.as(n.association).get("/api/v1/volunteering/allowance").send().json();
    assertThat(left.get(0).get("remaining").asString()).isEqualTo("5.00");
    assertThat(left.get(0).get("ratePerHour").asString()).isEqualTo("60.00");

    Api.Response over = certify(n.association, "h-2", member, 6);
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.code()).isEqualTo("OVER_ALLOWANCE");
    assertThat(certify(n.member, "h-3", member, 1).status()).isEqualTo(403);
    assertThat(
            n.as(n.coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .containsOnlyOnce("VOLUNTEER_ALLOWANCE_GRANTED");
  }

  @Test
  void a_funder_grants_lots_a_member_spends_them_only_at_merchants_of_their_categories() {
    n.withMerchantSettings(500);
    String bookshop = callers.newUser("livres", Role.MERCHANT, n.network, null);
    n.open(OwnerKind.MERCHANT, bookshop, AFFECTE);
    n.operations
        .settings()
        .changeMerchantCategories(n.network.id(), bookshop, Set.of("BOOKS"), Actor.of("test"));
    n.operations
        .settings()
        .changeRewardRate(n.network.id(), bookshop, BasisPoints.of(100), Actor.of("test"));
    n.fund(OwnerKind.FUNDER, n.funder, AFFECTE, "100.00");
    Instant inAMonth = Instant.now().plus(30, ChronoUnit.DAYS);

    Api.Response granted = grant("lot-1", n.member, "30.00", inAMonth, "FOOD");
    assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    JsonNode lot = granted.json().get("lot");
    assertThat(lot.get("remaining").asString()).isEqualTo("30.00");
    assertThat(lot.get("categories").get(0).asString()).isEqualTo("FOOD");
    assertThat(lot.get("label").asString()).isEqualTo("Chèque test");
    Api.Response again = grant("lot-1", n.member, "30.00", inAMonth, "FOOD");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("lot").get("accountId")).isEqualTo(lot.get("accountId"));
    assertThat(grant("lot-1", n.member, "31.00", inAMonth, "FOOD").code())
        .isEqualTo("KEY_REUSED_WITH_DIFFERENT_REQUEST");
    assertThat(grant("lot-2", n.member, "1.00", Instant.now().minusSeconds(1), "FOOD").code())
        .isEqualTo("EXPIRY_NOT_IN_FUTURE");
    assertThat(grant("lot-3", n.member, "1.00", inAMonth, "TOYS").code())
        .isEqualTo("UNKNOWN_CATEGORY");
    assertThat(grant("lot-4", "nobody", "1.00", inAMonth, "FOOD").code())
        .isEqualTo("ACCOUNT_NOT_FOUND");
    assertThat(n.balance(OwnerKind.FUNDER, n.funder, AFFECTE)).isEqualTo("70.00");

    long bakery = n.accountId(OwnerKind.MERCHANT, n.merchant, AFFECTE);
    Api.Response paid = pay("p-1", bakery, "12.50");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.json().get("transfers")).hasSize(1);
    assertThat(pay("p-1", bakery, "12.50").status()).isEqualTo(200);
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, AFFECTE)).isEqualTo("12.50");

    Api.Response books = pay("p-2", n.accountId(OwnerKind.MERCHANT, bookshop, AFFECTE), "1.00");
    assertThat(books.status()).isEqualTo(422);
    assertThat(books.code()).isEqualTo("MERCHANT_CATEGORY_NOT_ALLOWED");
    Api.Response tooMuch = pay("p-3", bakery, "17.51");
    assertThat(tooMuch.status()).isEqualTo(422);
    assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");

    JsonNode holdings = n.as(n.member).get("/api/v1/vouchers/holdings").send().json();
    assertThat(holdings).hasSize(1);
    assertThat(holdings.get(0).get("remaining").asString()).isEqualTo("17.50");
    assertThat(holdings.get(0).get("spendable").asBoolean()).isTrue();
    // a lot named as the debit of a payment keeps its rules: the ledger refuses the bookshop
    long lotAccount = holdings.get(0).get("accountId").asLong();
    Api.Response raw =
        n.as(n.member)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    lotAccount,
                    "creditAccountId",
                    n.accountId(OwnerKind.MERCHANT, bookshop, AFFECTE),
                    "amount",
                    "1.00"))
            .header("Idempotency-Key", "contournement")
            .send();
    assertThat(raw.status()).as(raw.toString()).isEqualTo(422);
    assertThat(raw.code()).isEqualTo("MERCHANT_CATEGORY_NOT_ALLOWED");
    assertThat(holdingsRemaining()).isEqualTo("17.50");
  }

  private String holdingsRemaining() {
    return n.as(n.member)
        .get("/api/v1/vouchers/holdings")
        .send()
        .json()
        .get(0)
        .get("remaining")
        .asString();
  }

  private Api.Response allowance(String key, long association, String amount) {
    return n.as(n.coordinator)
        .post(
            "/api/v1/volunteering/allowances",
            Api.json("associationAccountId", association, "amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }

  private Api.Response certify(String who, String key, long member, int minutes) {
    return n.as(who)
        .post(
            "/api/v1/volunteering/certifications",
            Api.json("memberAccountId", member, "minutes", minutes, "description", "Jardin"))
        .header("Idempotency-Key", key)
        .send();
  }

  private Api.Response grant(
      String key, String beneficiary, String amount, Instant expiresAt, String category) {
    return n.as(n.funder)
        .post(
            "/api/v1/vouchers/grants",
            Api.json(
                "beneficiary",
                beneficiary,
                "amount",
                amount,
                "expiresAt",
                expiresAt.toString(),
                "categories",
                List.of(category),
                "label",
                "Chèque test"))
        .header("Idempotency-Key", key)
        .send();
  }

  private Api.Response pay(String key, long merchant, String amount) {
    return n.as(n.member)
        .post(
            "/api/v1/vouchers/payments", Api.json("merchantAccountId", merchant, "amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }
}
