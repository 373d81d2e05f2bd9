package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The pages are doors too: a lot of vouchers limited to FOOD, chosen on the member's confirmation
 * page to pay a bookshop's code, or charged by the bookshop's till as a pay token, is refused in
 * plain words and nothing moves.
 */
@SolApplicationTest
class VoucherPagesIT {
  private final int port;
  private final Callers callers;
  private final Operations operations;
  private Network network;
  private String member;
  private String bookshop;
  private Account bookshopAccount;
  private Account lot;

  @Autowired
  VoucherPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  @BeforeEach
  void aFoodLotAndABookshop() {
    network = callers.newNetwork("pages-bons");
    var id = network.id();
    operations.settings().setUp(id);
    operations.settings().defineCategory(id, new MerchantCategory("FOOD", "Alimentation"));
    operations.settings().defineCategory(id, new MerchantCategory("BOOKS", "Livres"));
    member = callers.newUser("membre", Role.MEMBER, network, null);
    bookshop = callers.newUser("livres", Role.MERCHANT, network, null);
    operations.settings().changeMerchantCategories(id, bookshop, Set.of("BOOKS"), Actor.of("t"));
    bookshopAccount = open(OwnerKind.MERCHANT, bookshop);
    String funder = callers.newUser("mairie", Role.FUNDER, network, null);
    Account funds = open(OwnerKind.FUNDER, funder);
    callers.fund(network, funds, "100.00");
    var granted =
        operations
            .vouchers()
            .grant(
                new VoucherGrant(
                    id,
                    new IdempotencyKey("lot-" + UUID.randomUUID()),
                    funds.id(),
                    member,
                    coop.sol.ledger.money.Amount.of(3_000),
                    Instant.now().plus(30, ChronoUnit.DAYS),
                    Set.of("FOOD"),
                    "Chèque alimentation"))
            .orElseThrow();
    lot = callers.ledger().accounts().find(id, granted.lot().account()).orElseThrow();
  }

  private Account open(OwnerKind kind, String owner) {
    return callers
        .ledger()
        .accounts()
        .open(network.id(), StrandKind.AFFECTE, kind, owner, owner, OptionalLong.of(0));
  }

  @Test
  void a_member_cannot_pay_a_bookshop_with_food_vouchers_from_the_confirmation_page() {
    String code =
        callers
            .as(bookshop)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", bookshopAccount.id().value(), "amount", "5.00"))
            .send()
            .json()
            .get("code")
            .asString();
    PageSession session = PageSession.logIn(port, callers, member, false);

    HttpResponse<String> refused =
        session.submit(
            "/p/" + code,
            "/p/" + code,
            "key",
            UUID.randomUUID().toString(),
            "debitAccount",
            Long.toString(lot.id().value()));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("ne se dépensent pas chez ce commerçant");
    assertThat(balance(lot)).isEqualTo(3_000);
    assertThat(balance(bookshopAccount)).isZero();
  }

  @Test
  void a_bookshops_till_cannot_charge_a_pay_token_issued_on_food_vouchers() {
    String token =
        callers
            .as(member)
            .post(
                "/api/v1/pay-tokens", Api.json("memberAccountId", lot.id().value(), "cap", "10.00"))
            .send()
            .json()
            .get("code")
            .asString();
    PageSession till = PageSession.logIn(port, callers, bookshop, false);

    HttpResponse<String> refused =
        till.submit(
            "/till/charge",
            "/till/charge",
            "code",
            token,
            "account",
            Long.toString(bookshopAccount.id().value()),
            "amount",
            "5,00",
            "key",
            UUID.randomUUID().toString());

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("ne se dépensent pas chez ce commerçant");
    assertThat(balance(lot)).isEqualTo(3_000);
    assertThat(balance(bookshopAccount)).isZero();
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
