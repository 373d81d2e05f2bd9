package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a member sees of their money: each voucher lot its own card (label, funder, what is left,
 * expiry, where to spend it), and a voucher payment that says which lot pays and draws on it.
 */
@SolApplicationTest
class MemberPagesIT {
  private final int port;
  private final Callers callers;
  private final Operations operations;
  private final Clock clock;
  private final ApplicationContext context;
  private Network network;
  private String member;
  private String grocer;
  private Account grocerAccount;
  private Account funds;

  @Autowired
  MemberPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
    this.clock = context.getBean(Clock.class);
    this.context = context;
  }

  @BeforeEach
  void aMemberWithVouchersAndAGrocer() {
    network = callers.newNetwork("membre-bons");
    var id = network.id();
    operations.settings().setUp(id);
    operations.settings().defineCategory(id, new MerchantCategory("FOOD", "Alimentation"));
    operations.settings().defineCategory(id, new MerchantCategory("BOOKS", "Livres"));
    member = callers.newUser("membre", Role.MEMBER, network, null);
    grocer = callers.newUser("epicier", Role.MERCHANT, network, null);
    operations.settings().changeMerchantCategories(id, grocer, Set.of("FOOD"), Actor.of("t"));
    grocerAccount =
        callers
            .ledger()
            .accounts()
            .open(id, StrandKind.AFFECTE, OwnerKind.MERCHANT, grocer, grocer, OptionalLong.of(0));
    operations
        .directory()
        .save(
            new MerchantProfile(
                id,
                grocer,
                "Épicerie du Port",
                "",
                "1 quai",
                "Brest",
                "",
                "",
                "",
                Set.of(StrandKind.AFFECTE)),
            "t");
    String funder = callers.newUser("mairie", Role.FUNDER, network, null);
    funds =
        callers
            .ledger()
            .accounts()
            .open(
                id,
                StrandKind.AFFECTE,
                OwnerKind.FUNDER,
                funder,
                "Mairie de Brest",
                OptionalLong.of(0));
    callers.fund(network, funds, "100.00");
  }

  private Account grant(long minor, int days, String label) {
    var granted =
        operations
            .vouchers()
            .grant(
                new VoucherGrant(
                    network.id(),
                    new IdempotencyKey("lot-" + UUID.randomUUID()),
                    funds.id(),
                    member,
                    Amount.of(minor),
                    clock.instant().plus(days, ChronoUnit.DAYS),
                    Set.of("FOOD"),
                    label))
            .orElseThrow();
    return callers.ledger().accounts().find(network.id(), granted.lot().account()).orElseThrow();
  }

  @Test
  void each_lot_is_its_own_card_with_its_funder_what_is_left_its_expiry_and_where_to_spend_it() {
    Account late = grant(3_000, 60, "Chèque rentrée");
    Account soon = grant(1_000, 10, "Chèque alimentation");
    PageSession session = PageSession.logIn(port, callers, member, false);

    String page = session.get("/member").body();

    assertThat(page).contains("data-lot-account=\"" + late.id().value() + "\"");
    assertThat(page).contains("data-lot-account=\"" + soon.id().value() + "\"");
    assertThat(page).contains("Chèque rentrée").contains("Chèque alimentation");
    assertThat(page).contains("Offert par Mairie de Brest");
    assertThat(page).contains("30,00").contains("10,00");
    assertThat(page).contains("Valable jusqu&#39;au");
    assertThat(page).contains("Alimentation").contains("Épicerie du Port");
    assertThat(page).contains("/annuaire?network=" + network.code() + "&amp;category=FOOD");
    // no more one anonymous "SOL Affecté" card per lot
    assertThat(page).doesNotContain("data-strand=\"AFFECTE\"");
    assertThat(session.get("/member?lang=en").body())
        .contains("Given by Mairie de Brest")
        .contains("Spend them at:");
  }

  @Test
  void the_confirmation_says_which_lot_pays_and_the_payment_draws_on_the_earliest_expiry() {
    Account late = grant(3_000, 60, "Chèque rentrée");
    Account soon = grant(1_000, 10, "Chèque alimentation");
    String code =
        callers
            .as(grocer)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", grocerAccount.id().value(), "amount", "12.00"))
            .send()
            .json()
            .get("code")
            .asString();
    PageSession session = PageSession.logIn(port, callers, member, false);

    String confirmation = session.get("/p/" + code).body();
    assertThat(confirmation).contains("Payé avec vos bons");
    assertThat(confirmation)
        .contains("10,00 SOL pris sur « Chèque alimentation » de Mairie de Brest");
    assertThat(confirmation).contains("2,00 SOL pris sur « Chèque rentrée »");
    assertThat(confirmation.indexOf("Chèque alimentation"))
        .isLessThan(confirmation.indexOf("Chèque rentrée"));
    assertThat(confirmation).doesNotContain("name=\"debitAccount\"");

    HttpResponse<String> paid =
        session.submit("/p/" + code, "/p/" + code, "key", UUID.randomUUID().toString());

    assertThat(paid.statusCode()).isEqualTo(302);
    assertThat(paid.headers().firstValue("Location").orElseThrow()).contains("/member/paid/");
    assertThat(balance(soon)).isZero();
    assertThat(balance(late)).isEqualTo(2_800);
    assertThat(balance(grocerAccount)).isEqualTo(1_200);
  }

  @Test
  void a_counter_code_of_a_merchant_where_no_lot_is_valid_says_so_and_offers_no_payment() {
    grant(1_000, 10, "Chèque alimentation");
    String bookseller = callers.newUser("livres", Role.MERCHANT, network, null);
    operations
        .settings()
        .changeMerchantCategories(network.id(), bookseller, Set.of("BOOKS"), Actor.of("t"));
    Account books =
        callers
            .ledger()
            .accounts()
            .open(
                network.id(),
                StrandKind.AFFECTE,
                OwnerKind.MERCHANT,
                bookseller,
                bookseller,
                OptionalLong.of(0));
    String counter =
        callers
            .as(bookseller)
            .get("/api/v1/merchants/" + books.id().value() + "/static-code")
            .send()
            .json()
            .get("code")
            .asString();
    PageSession session = PageSession.logIn(port, callers, member, false);

    String confirmation = session.get("/p/" + counter).body();

    assertThat(confirmation)
        .contains("Aucun de vos bons SOL Affecté ne se dépense chez ce commerçant");
    assertThat(confirmation).doesNotContain("data-confirm");
  }

  @Test
  void notifications_are_counted_in_the_header_listed_in_words_and_marked_read() {
    Notices notices = context.getBean(Notices.class);
    long userId = context.getBean(Users.class).find(member).orElseThrow().id();
    notices.record(
        userId,
        network.id(),
        NoticeKind.VOUCHER_RECEIVED,
        "test-grant-" + UUID.randomUUID(),
        Map.of("amount", "30.00", "network", network.name()),
        false,
        clock.instant());
    notices.record(
        userId,
        network.id(),
        NoticeKind.FONTE_COMING,
        "test-fonte-" + UUID.randomUUID(),
        Map.of("amount", "1.20", "network", network.name(), "periodEnd", "31/12/2026"),
        false,
        clock.instant());
    PageSession session = PageSession.logIn(port, callers, member, false);

    String balances = session.get("/member").body();
    assertThat(balances).contains("Notifications (2 non lues)");
    String list = session.get("/account/notices").body();
    assertThat(list).contains("Bons reçus : 30,00 SOL Affecté");
    assertThat(list).contains("La fonte prélèverait 1,20 SOL le 31/12/2026");
    assertThat(list).contains("data-unread=\"true\"");
    assertThat(session.get("/account/notices?lang=en").body())
        .contains("My notifications")
        .contains("Notifications (2 unread)");

    HttpResponse<String> read = session.submit("/account/notices", "/account/notices/read");

    assertThat(read.statusCode()).isEqualTo(302);
    String after = session.get("/account/notices").body();
    assertThat(after).doesNotContain("data-unread=\"true\"").contains("data-unread=\"false\"");
    assertThat(after).doesNotContain("unread)");
    assertThat(notices.unread(userId)).isZero();
  }

  @Test
  void a_used_pay_token_says_how_much_was_taken_and_by_whom() {
    String payer = callers.newUser("jeton", Role.MEMBER, network, "50.00");
    String shop = callers.newUser("cafe", Role.MERCHANT, network, null);
    Account from = callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION);
    Account till = callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION);
    var token =
        callers
            .as(payer)
            .post(
                "/api/v1/pay-tokens",
                Api.json("memberAccountId", from.id().value(), "cap", "20.00"))
            .send()
            .json();
    Api.Response charged =
        callers
            .as(shop)
            .post(
                "/api/v1/pay-tokens/redeem",
                Api.json(
                    "code",
                    token.get("link").asString(),
                    "merchantAccountId",
                    till.id().value(),
                    "amount",
                    "12.50"))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .send();
    assertThat(charged.status()).as(charged.toString()).isEqualTo(201);
    PageSession session = PageSession.logIn(port, callers, payer, false);

    String page = session.get("/member/pay-token/" + token.get("id").asString()).body();

    assertThat(page).contains("12,50 SOL pris par " + shop + " le ");
    assertThat(page).contains("/receipts/" + charged.json().get("id").asLong());
    assertThat(session.get("/member/pay-token/" + token.get("id").asString() + "?lang=en").body())
        .contains("12.50 SOL taken by " + shop + " on ");
  }

  private long balance(Account account) {
    return callers
        .ledger()
        .accounts()
        .find(network.id(), account.id())
        .orElseThrow()
        .balance()
        .posted();
  }
}
