package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The network's settings from the coordinator's page, each form over HTTP with a page session:
 * saved, shown after, audited; a bad value answered 400 with the error by its field and nothing
 * changed; another network's coordinator and a member refused. And a funder's list of the lots it
 * granted, with what is left after a payment from one.
 */
@SolApplicationTest
class NetworkSettingsPagesIT {
  private static final String PAGE = "/coordinator/settings";

  private final int port;
  private final Callers callers;
  private final Operations operations;
  private final AuditLog audit;
  private final Clock clock;
  private Network network;
  private String coordinator;
  private String merchant;
  private String association;
  private PageSession session;

  @Autowired
  NetworkSettingsPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
    this.audit = context.getBean(AuditLog.class);
    this.clock = context.getBean(Clock.class);
  }

  @BeforeEach
  void aNetworkWithAMerchantAndAnAssociation() {
    network = callers.newNetwork("reglages");
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    merchant = callers.newUser("epicerie", Role.MERCHANT, network, null);
    association = callers.newUser("jardin", Role.ASSOCIATION, network, null);
    operations.settings().setUp(network.id());
    operations
        .settings()
        .defineCategory(network.id(), new MerchantCategory("FOOD", "Alimentation"));
    session = PageSession.logIn(port, callers, coordinator, true);
  }

  @Test
  void the_transparency_page_is_published_and_withdrawn_from_the_settings_page() {
    // unpublished, the public page is not found: the settings page does not link to it
    assertThat(session.get(PAGE).body())
        .contains("data-published=\"false\"")
        .doesNotContain("href=\"/transparence/" + network.code() + "\"");

    HttpResponse<String> invalid = session.submit(PAGE, PAGE + "/transparency", "publish", "oui");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#publish-on\"", "data-published=\"false\"");

    HttpResponse<String> on = session.submit(PAGE, PAGE + "/transparency", "publish", "on");
    assertThat(on.statusCode()).isEqualTo(302);
    assertThat(session.get(PAGE).body())
        .contains(
            "data-published=\"true\"",
            "Réglages enregistrés",
            "href=\"/transparence/" + network.code() + "\"");
    assertThat(
            callers
                .api()
                .get("/api/v1/public/networks/" + network.code() + "/transparency")
                .send()
                .status())
        .isEqualTo(200);
    session.submit(PAGE, PAGE + "/transparency", "publish", "off");
    assertThat(session.get(PAGE).body()).contains("data-published=\"false\"");
    assertThat(actions("TRANSPARENCY_CHANGED", "transparency")).isEqualTo(2);
  }

  @Test
  void the_rates_are_changed_with_a_decimal_comma_and_a_bad_one_changes_nothing() {
    HttpResponse<String> invalid =
        session.submit(
            PAGE,
            PAGE + "/rates",
            "euroPerSol",
            "un euro",
            "purchaseBonusPercent",
            "5",
            "reconversionFeePercent",
            "3");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#euroPerSol\"", "value=\"un euro\"");
    assertThat(operations.settings().rates(network.id())).isEmpty();
    HttpResponse<String> percent =
        session.submit(
            PAGE,
            PAGE + "/rates",
            "euroPerSol",
            "1",
            "purchaseBonusPercent",
            "150",
            "reconversionFeePercent",
            "3");
    assertThat(percent.statusCode()).isEqualTo(400);
    assertThat(percent.body()).contains("href=\"#purchaseBonusPercent\"");
    assertThat(operations.settings().rates(network.id())).isEmpty();

    HttpResponse<String> saved =
        session.submit(
            PAGE,
            PAGE + "/rates",
            "euroPerSol",
            "0,10",
            "purchaseBonusPercent",
            "5,5",
            "reconversionFeePercent",
            "3");
    assertThat(saved.statusCode()).isEqualTo(302);
    var rates = operations.settings().rates(network.id()).orElseThrow().value();
    assertThat(rates.euroRate().eurosPerSol()).isEqualByComparingTo("0.10");
    assertThat(rates.purchaseBonus()).isEqualTo(BasisPoints.of(550));
    assertThat(rates.reconversionFee()).isEqualTo(BasisPoints.of(300));
    assertThat(session.get(PAGE).body()).contains("value=\"0,1\"", "value=\"5,50\"");
    assertThat(actions("NETWORK_SETTINGS_CHANGED", "rates")).isEqualTo(1);
  }

  @Test
  void categories_are_added_and_renamed_and_a_bad_code_adds_nothing() {
    HttpResponse<String> invalid =
        session.submit(PAGE, PAGE + "/categories", "code", "1-livres", "label", "Livres");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#code\"", "value=\"1-livres\"");
    assertThat(operations.settings().categories(network.id())).hasSize(1);

    assertThat(
            session
                .submit(PAGE, PAGE + "/categories", "code", "books", "label", "Livres")
                .statusCode())
        .isEqualTo(302);
    HttpResponse<String> empty =
        session.submit(PAGE, PAGE + "/categories", "code", "FOOD", "label", " ", "rename", "true");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("href=\"#label-FOOD\"");
    assertThat(
            session
                .submit(
                    PAGE,
                    PAGE + "/categories",
                    "code",
                    "FOOD",
                    "label",
                    "Alimentation et épicerie",
                    "rename",
                    "true")
                .statusCode())
        .isEqualTo(302);
    assertThat(operations.settings().categories(network.id()))
        .containsExactlyInAnyOrder(
            new MerchantCategory("BOOKS", "Livres"),
            new MerchantCategory("FOOD", "Alimentation et épicerie"));
    assertThat(session.get(PAGE).body())
        .contains("data-category=\"BOOKS\"", "value=\"Alimentation et épicerie\"");
    assertThat(actions("NETWORK_SETTINGS_CHANGED", "category BOOKS")).isEqualTo(1);
    assertThat(actions("NETWORK_SETTINGS_CHANGED", "category FOOD")).isEqualTo(1);
  }

  @Test
  void a_merchants_categories_and_reward_are_saved_together_or_not_at_all() {
    HttpResponse<String> invalid =
        session.submit(
            PAGE,
            PAGE + "/merchants",
            "merchant",
            merchant,
            "categories",
            "FOOD",
            "reward",
            "beaucoup");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#reward-" + merchant + "\"");
    assertThat(operations.settings().merchantCategories(network.id(), merchant)).isEmpty();
    HttpResponse<String> unknown =
        session.submit(
            PAGE, PAGE + "/merchants", "merchant", merchant, "categories", "NOPE", "reward", "2");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("href=\"#categories-" + merchant + "\"");
    assertThat(operations.settings().rewardRate(network.id(), merchant)).isEmpty();

    HttpResponse<String> saved =
        session.submit(
            PAGE, PAGE + "/merchants", "merchant", merchant, "categories", "FOOD", "reward", "2,5");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(operations.settings().merchantCategories(network.id(), merchant))
        .containsExactly("FOOD");
    assertThat(operations.settings().rewardRate(network.id(), merchant).orElseThrow().value())
        .isEqualTo(BasisPoints.of(250));
    assertThat(session.get(PAGE + "?q=" + merchant).body())
        .contains("data-merchant=\"" + merchant + "\"", "value=\"2,50\"")
        .contains("id=\"cat-" + merchant + "-FOOD\" checked=\"checked\"");
    assertThat(actions("NETWORK_SETTINGS_CHANGED", "merchant " + merchant + " categories"))
        .isEqualTo(1);
    assertThat(actions("NETWORK_SETTINGS_CHANGED", "merchant " + merchant + " reward-rate"))
        .isEqualTo(1);
  }

  @Test
  void an_associations_volunteer_rate_is_saved_and_a_bad_one_changes_nothing() {
    HttpResponse<String> invalid =
        session.submit(PAGE, PAGE + "/associations", "association", association, "perHour", "-1");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("href=\"#perHour-" + association + "\"");
    assertThat(operations.settings().volunteerRate(network.id(), association)).isEmpty();

    HttpResponse<String> saved =
        session.submit(
            PAGE, PAGE + "/associations", "association", association, "perHour", "60,00");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(operations.settings().volunteerRate(network.id(), association).orElseThrow().value())
        .isEqualTo(60_00L);
    assertThat(session.get(PAGE + "?q=" + association).body()).contains("value=\"60,00\"");
    assertThat(
            actions("NETWORK_SETTINGS_CHANGED", "association " + association + " volunteer-rate"))
        .isEqualTo(1);
  }

  @Test
  void another_networks_coordinator_and_a_member_change_nothing() {
    Network elsewhere = callers.newNetwork("ailleurs");
    String stranger = callers.newUser("coord", Role.COORDINATOR, elsewhere, null);
    PageSession theirs = PageSession.logIn(port, callers, stranger, true);
    // their own page acts in their own network: this network's merchant is not there
    HttpResponse<String> refused =
        theirs.submit(
            PAGE, PAGE + "/merchants", "merchant", merchant, "categories", "FOOD", "reward", "9");
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(
            theirs
                .submit(PAGE, PAGE + "/associations", "association", association, "perHour", "99")
                .statusCode())
        .isEqualTo(404);
    assertThat(operations.settings().merchantCategories(network.id(), merchant)).isEmpty();
    assertThat(operations.settings().volunteerRate(network.id(), association)).isEmpty();

    String member = callers.newUser("membre", Role.MEMBER, network, null);
    PageSession asMember = PageSession.logIn(port, callers, member, false);
    assertThat(asMember.get(PAGE).statusCode()).isEqualTo(403);
    HttpResponse<String> forbidden =
        asMember.submit("/member", PAGE + "/rates", "euroPerSol", "2", "purchaseBonusPercent", "0");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(operations.settings().rates(network.id())).isEmpty();
  }

  @Test
  void a_funder_sees_its_lots_with_what_is_left_after_a_payment() {
    String funder = callers.newUser("ccas", Role.FUNDER, network, null);
    Account funds = open(OwnerKind.FUNDER, funder);
    callers.fund(network, funds, "100.00");
    Account shop = open(OwnerKind.MERCHANT, merchant);
    operations
        .settings()
        .changeMerchantCategories(network.id(), merchant, Set.of("FOOD"), Actor.of("t"));
    String member = callers.newUser("beneficiaire", Role.MEMBER, network, null);
    var lot = grant(funds, member, 30_00, "Chèque alimentation");
    grant(funds, member, 12_50, "Bon rentrée");
    operations
        .payments()
        .pay(
            new PaymentOrder(
                network.id(),
                new IdempotencyKey("pay-" + UUID.randomUUID()),
                new Payer(member, Set.of(OwnerKind.MEMBER)),
                Source.account(lot),
                StrandKind.AFFECTE,
                shop.id(),
                Amount.of(10_00),
                "",
                ""))
        .orElseThrow();

    PageSession asFunder = PageSession.logIn(port, callers, funder, callers.hasTotp(funder));
    assertThat(asFunder.get("/funder").body()).contains("href=\"/funder/lots\"");
    HttpResponse<String> page = asFunder.get("/funder/lots");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body)
        .contains("data-lot=\"" + lot.value() + "\"", "href=\"/funder/vouchers/" + lot.value())
        .contains("Chèque alimentation", "Bon rentrée", member)
        .contains("20,00 SOL", "30,00 SOL", "data-state=\"ACTIVE\"")
        .doesNotContain("??");
    assertThat(body.substring(body.indexOf("data-total-granted")))
        .startsWith("data-total-granted>42,50 SOL");
    assertThat(body.substring(body.indexOf("data-total-remaining")))
        .startsWith("data-total-remaining>32,50 SOL");
    // someone else's role: refused
    assertThat(session.get("/funder/lots").statusCode()).isEqualTo(403);
  }

  private coop.sol.ledger.account.AccountId grant(
      Account funds, String member, long amount, String label) {
    return operations
        .vouchers()
        .grant(
            new VoucherGrant(
                network.id(),
                new IdempotencyKey("lot-" + UUID.randomUUID()),
                funds.id(),
                member,
                Amount.of(amount),
                clock.instant().plus(30, ChronoUnit.DAYS),
                Set.of("FOOD"),
                label))
        .orElseThrow()
        .lot()
        .account();
  }

  private Account open(OwnerKind kind, String owner) {
    return callers
        .ledger()
        .accounts()
        .open(network.id(), StrandKind.AFFECTE, kind, owner, owner, OptionalLong.of(0));
  }

  /** How many entries of the network's audit log have this action and target. */
  private long actions(String action, String target) {
    return audit.page(List.of(network.id()), false, null, 200).stream()
        .filter(e -> e.action().equals(action) && target.equals(e.target()))
        .filter(e -> coordinator.equals(e.actor()))
        .count();
  }
}
