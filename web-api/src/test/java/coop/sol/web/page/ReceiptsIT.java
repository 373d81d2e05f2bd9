package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Receipts: every payment has a page and a PDF for its payer and its payee (and the payee's
 * cashiers), nobody else, coordinators included; an exchange-office sale prints one for the buyer,
 * in words, never the ledger's internal codes.
 */
@SolApplicationTest
class ReceiptsIT {
  private final int port;
  private final Callers callers;
  private final Operations operations;

  @Autowired
  ReceiptsIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  @Test
  void a_payment_has_a_receipt_for_its_two_sides_only() {
    Network network = callers.newNetwork("recu");
    String payer = callers.newUser("membre", Role.MEMBER, network, "50.00");
    String shop = callers.newUser("boulangerie", Role.MERCHANT, network, null);
    String cashier = callers.newCashier("caisse", network, shop);
    String otherMember = callers.newUser("membre", Role.MEMBER, network, null);
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String elsewhere = callers.newUser("membre", Role.MEMBER, callers.newNetwork("loin"), null);
    Account from = callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION);
    Account to = callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION);
    var outcome =
        callers
            .ledger()
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                        new IdempotencyKey("recu-" + System.nanoTime()),
                        StrandKind.COOPERATION,
                        from.id(),
                        to.id(),
                        Amount.of(1250),
                        TransferCode.PAYMENT)
                    .withReference("Table 3")
                    .withMemo("Pain et croissants"));
    Transfer paid = ((TransferOutcome.Posted) outcome).transfer();
    String pdf = "/api/v1/transfers/" + paid.id().value() + "/receipt.pdf";

    for (String side : List.of(payer, shop, cashier)) {
      var receipt = callers.as(side).get(pdf).send();
      assertThat(receipt.status()).as(side + " " + receipt).isEqualTo(200);
      assertThat(receipt.header("Content-Type")).startsWith("application/pdf");
      assertThat(receipt.body()).startsWith("%PDF-");
    }
    for (String other : List.of(otherMember, coordinator, elsewhere)) {
      var refused = callers.as(other).get(pdf).send();
      assertThat(refused.status()).as(other).isEqualTo(404);
      assertThat(refused.code()).isEqualTo("NOT_FOUND");
    }
    assertThat(callers.api().anonymous().get(pdf).send().status()).isEqualTo(401);
    assertThat(callers.as(payer).get("/api/v1/transfers/999999999/receipt.pdf").send().status())
        .isEqualTo(404);

    PageSession member = PageSession.logIn(port, callers, payer, false);
    HttpResponse<String> page = member.get("/receipts/" + paid.id().value());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Reçu")
        .contains("12,50")
        .contains("SOL Coopération")
        .contains("Paiement")
        .contains(payer)
        .contains(shop)
        .contains("Table 3")
        .contains("Pain et croissants")
        .contains(pdf)
        .doesNotContain("??");
    assertThat(member.get("/receipts/" + paid.id().value() + "?lang=en").body())
        .contains("Receipt")
        .contains("12.50")
        .contains("Payer")
        .doesNotContain("??");
    member.get("/member?lang=fr");
    // the history links each row to its receipt
    assertThat(member.get("/member/history").body())
        .contains("href=\"/receipts/" + paid.id().value() + "\"");
    // the history in words, narrowed by amount, counterpart and period
    String row = "href=\"/receipts/" + paid.id().value() + "\"";
    assertThat(member.get("/member/history?min=20").body()).doesNotContain(row);
    assertThat(member.get("/member/history?max=12,50&with=" + shop.toUpperCase()).body())
        .contains(row);
    assertThat(member.get("/member/history?with=personne").body()).doesNotContain(row);
    assertThat(member.get("/member/history?from=2999-01-01").body()).doesNotContain(row);
    assertThat(member.get("/member/history?from=2000-01-01&to=2999-12-31").body()).contains(row);
    assertThat(member.get("/member/history?min=abc&from=demain").body())
        .contains("Ce montant n&#39;est pas valide.")
        .contains("Cette date n&#39;est pas valide")
        .contains(row);
    PageSession other = PageSession.logIn(port, callers, otherMember, false);
    assertThat(other.get("/receipts/" + paid.id().value()).statusCode()).isEqualTo(404);
  }

  @Test
  void an_exchange_office_sale_prints_a_receipt_for_the_buyer() {
    Network network = callers.newNetwork("recu-comptoir");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(500), BasisPoints.of(0)),
            Actor.of("test"));
    String agent = callers.newUser("agent", Role.EXCHANGE_AGENT, network, null);
    String buyer = callers.newUser("acheteuse", Role.MEMBER, network, null);
    String bystander = callers.newUser("membre", Role.MEMBER, network, null);
    PageSession office = PageSession.logIn(port, callers, agent, false);
    HttpResponse<String> sold =
        office.submit(
            "/office",
            "/office/sales",
            "buyer",
            buyer,
            "euros",
            "60,00",
            "key",
            "k-" + System.nanoTime());
    assertThat(sold.statusCode()).as(sold.body()).isEqualTo(302);
    String till = office.get("/office").body();
    Matcher link = Pattern.compile("href=\"/receipts/(\\d+)\"").matcher(till);
    assertThat(link.find()).as(till).isTrue();
    String receipt = "/receipts/" + link.group(1);

    HttpResponse<String> page = office.get(receipt);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Achat de SOL au comptoir")
        .contains("60,00 €")
        .contains("63,00 SOL")
        .contains(buyer)
        .doesNotContain("office:")
        .doesNotContain("Émission")
        .doesNotContain("??");
    PageSession buyerSession = PageSession.logIn(port, callers, buyer, false);
    assertThat(buyerSession.get(receipt).statusCode()).isEqualTo(200);
    // the buyer's history says what happened, in words, with the network as the other side
    assertThat(buyerSession.get("/member/history").body())
        .contains("Achat au comptoir")
        .contains("Bonus d&#39;achat au comptoir")
        .contains(network.name())
        .doesNotContain("office:")
        .doesNotContain("Émission")
        .doesNotContain("??");
    assertThat(PageSession.logIn(port, callers, bystander, false).get(receipt).statusCode())
        .isEqualTo(404);
    var pdf = callers.as(buyer).get("/api/v1/transfers/" + link.group(1) + "/receipt.pdf").send();
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.body()).startsWith("%PDF-");
  }
}
