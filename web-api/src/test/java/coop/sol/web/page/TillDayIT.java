package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The till's day and its refunds over HTTP with sessions: a cashier sees their own QR sales with
 * the total and closes the day (PDF, CSV); the merchant sees every cashier's and the shop's total;
 * a cashier refunds their own sales within their limit, never another's; an empty refund amount is
 * a 400, never "all of it"; a refund asks for confirmation; a fully refunded sale offers no refund.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TillDayIT {
  private final int port;
  private final Callers callers;
  private Network network;
  private String merchant;
  private String anne;
  private String bob;
  private String member;
  private long shop;
  private long payer;

  @Autowired
  TillDayIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @BeforeAll
  void aShopWithTwoCashiersAndACustomer() {
    network = callers.newNetwork("jour");
    merchant = callers.newUser("boutique", Role.MERCHANT, network, null);
    anne = callers.newCashier("anne", network, merchant);
    bob = callers.newCashier("bob", network, merchant);
    member = callers.newUser("client", Role.MEMBER, network, "500.00");
    shop =
        callers.account(network, OwnerKind.MERCHANT, merchant, StrandKind.COOPERATION).id().value();
    payer = callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    var cashiers = callers.as(merchant).get("/api/v1/cashiers").send().json();
    for (var cashier : cashiers) {
      Api.Response limit =
          callers
              .as(merchant)
              .put(
                  "/api/v1/cashiers/" + cashier.get("id").asLong() + "/refund-limits/COOPERATION",
                  Api.json("amount", "5.00"))
              .send();
      assertThat(limit.status()).isEqualTo(200);
    }
  }

  @Test
  void each_cashier_sees_and_closes_their_own_day_and_the_merchant_the_shops() throws Exception {
    long anne1 = sale(anne, "12.00");
    long anne2 = sale(anne, "3.50");
    long bob1 = sale(bob, "8.00");

    PageSession anneSession = PageSession.logIn(port, callers, anne, false);
    String anneDay = anneSession.get("/till/day").body();
    assertThat(anneDay)
        .contains("data-transfer-id=\"" + anne1 + "\"", "data-transfer-id=\"" + anne2 + "\"")
        .doesNotContain("data-transfer-id=\"" + bob1 + "\"")
        .contains("2 vente(s) : 15,50 SOL");

    PageSession merchantSession = PageSession.logIn(port, callers, merchant, false);
    String shopDay = merchantSession.get("/till/day").body();
    assertThat(shopDay)
        .contains("data-transfer-id=\"" + anne1 + "\"", "data-transfer-id=\"" + bob1 + "\"")
        .contains("3 vente(s) : 23,50 SOL")
        .contains("data-day-people");

    // anne's closing report: her sales, in the French spreadsheet form
    HttpResponse<byte[]> csv = anneSession.getBytes("/till/day/closing.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\ufeffdate;heure;virement;");
    assertThat(text).contains(";12,00;0,00;12,00").contains(";15,50;0,00;15,50");
    assertThat(text).doesNotContain(Long.toString(bob1));
    HttpResponse<byte[]> pdf = anneSession.getBytes("/till/day/closing.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    // the shop's, with both cashiers; in English, a comma-separated file without BOM
    HttpResponse<byte[]> shopCsv = merchantSession.getBytes("/till/day/closing.csv?lang=en");
    String shopText = new String(shopCsv.body(), StandardCharsets.UTF_8);
    assertThat(shopText).startsWith("date,time,transfer,");
    assertThat(shopText).contains(Long.toString(bob1)).contains(",23.50,0.00,23.50");

    // anne cannot refund bob's sale; the merchant can
    HttpResponse<String> notHers =
        anneSession.submit(
            "/till/refunds/" + anne1,
            "/till/refunds",
            "transferId",
            Long.toString(bob1),
            "amount",
            "1,00",
            "key",
            "k-not-hers");
    assertThat(notHers.statusCode()).isEqualTo(403);
    assertThat(notHers.body()).contains("encaissée par une autre personne");

    // an empty amount is refused, never "all of it"
    HttpResponse<String> empty =
        anneSession.submit(
            "/till/refunds/" + anne2,
            "/till/refunds",
            "transferId",
            Long.toString(anne2),
            "amount",
            "",
            "key",
            "k-empty",
            "confirmed",
            "true");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("un champ vide ne rembourse jamais toute la vente");
    assertThat(balance(payer)).isEqualTo(balanceAfterSales());

    // the form holds what is left; the first step asks to confirm, the second refunds
    assertThat(anneSession.get("/till/refunds/" + anne2).body()).contains("value=\"3,50\"");
    HttpResponse<String> confirm =
        anneSession.submit(
            "/till/refunds/" + anne2,
            "/till/refunds",
            "transferId",
            Long.toString(anne2),
            "amount",
            "3,50",
            "key",
            "k-whole");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("data-refund-confirm", "Rembourser 3,50 SOL à");
    assertThat(balance(payer)).isEqualTo(balanceAfterSales());
    HttpResponse<String> done =
        anneSession.submit(
            "/till/refunds/" + anne2,
            "/till/refunds",
            "transferId",
            Long.toString(anne2),
            "amount",
            "3,50",
            "key",
            "k-whole",
            "confirmed",
            "true");
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(balance(payer)).isEqualTo(balanceAfterSales() + 3_50);
    // fully refunded: marked, no refund offered
    String refunded = anneSession.get("/till/refunds/" + anne2).body();
    assertThat(refunded).contains("data-fully-refunded").doesNotContain("data-refund-form");
    assertThat(anneSession.get("/till/day").body())
        .contains("2 vente(s) : 12,00 SOL")
        .contains("data-fully-refunded");
    // over her limit: the refusal says the limit
    HttpResponse<String> over =
        anneSession.submit(
            "/till/refunds/" + anne1,
            "/till/refunds",
            "transferId",
            Long.toString(anne1),
            "amount",
            "6,00",
            "key",
            "k-over");
    assertThat(over.statusCode()).isEqualTo(403);
    assertThat(over.body()).contains("5,00 SOL au plus");
  }

  @Test
  void a_reconversion_quote_refuses_more_than_the_merchant_holds() {
    PageSession merchantSession = PageSession.logIn(port, callers, merchant, false);
    String tooMuch = merchantSession.get("/till/reconversion?amount=100000").body();
    assertThat(tooMuch)
        .contains("error-summary")
        .contains("Vous détenez")
        .doesNotContain("data-quote");
  }

  private long balanceAfterSales() {
    return 500_00 - 12_00 - 3_50 - 8_00;
  }

  /** A payment request shown by {@code cashier} and paid by the customer: the payment's id. */
  private long sale(String cashier, String amount) {
    Api.Response request =
        callers
            .as(cashier)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", shop, "amount", amount, "reference", "T"))
            .send();
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    Api.Response paid =
        callers
            .as(member)
            .post(
                "/api/v1/payment-requests/" + request.json().get("id").asString() + "/pay",
                Api.json("debitAccountId", payer))
            .header("Idempotency-Key", "pay-" + request.json().get("id").asString())
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    return paid.json().get("id").asLong();
  }

  private long balance(long account) {
    return callers
        .ledger()
        .accounts()
        .find(network.id(), new coop.sol.ledger.account.AccountId(account))
        .orElseThrow()
        .balance()
        .posted();
  }
}
