package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Member cards beyond the till, over HTTP (docs/member-card.md): a PIN reset through an activation
 * (issued by staff, used once on the public page, unblocking a card blocked by wrong PINs), the
 * holder's "My cards" page (caps, payments, block, own cap, PIN change), the network's caps for
 * coordinators (API and page, audited), the card counts of the reports page and PDF, and card
 * events in the audit log with their labels. A network of its own, so caps changed here touch no
 * other test.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardPagesIT {
  static final String PIN = "4821";

  private final Callers callers;
  private final int port;
  private Network network;
  private String coordinator;
  private String office;
  private String member;
  private long memberAccount;
  private String cashier;
  private long shop;

  @Autowired
  CardPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @BeforeAll
  void aNetworkWithStaffAMemberAndAShop() {
    network = callers.newNetwork("cartes");
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    office = callers.newUser("comptoir", Role.EXCHANGE_AGENT, network, null);
    member = callers.newUser("jeanne", Role.MEMBER, network, "100.00");
    memberAccount =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    String merchant = callers.newUser("epicerie", Role.MERCHANT, network, null);
    shop =
        callers.account(network, OwnerKind.MERCHANT, merchant, StrandKind.COOPERATION).id().value();
    cashier = callers.newCashier("caisse", network, merchant);
  }

  private JsonNode issue() {
    Api.Response issued =
        callers
            .as(office)
            .post(
                "/api/v1/cards",
                Api.json(
                    "holderAccountId", memberAccount, "holderName", "Jeanne Martin", "pin", PIN))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json();
  }

  private Api.Response charge(JsonNode card, String amount, String pin) {
    return callers
        .as(cashier)
        .post(
            "/api/v1/cards/charge",
            Api.json(
                "merchantAccountId",
                shop,
                "cardNumber",
                card.get("number").asString(),
                "amount",
                amount,
                "pin",
                pin))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private PageSession session(String username) {
    return PageSession.logIn(port, callers, username, callers.hasTotp(username));
  }

  @Test
  void a_pin_reset_activation_lets_the_holder_choose_a_new_pin_once_and_unblocks_the_card() {
    JsonNode card = issue();
    for (String wrong : new String[] {"0000", "1111", "2222"}) {
      charge(card, "1.00", wrong);
    }
    assertThat(charge(card, "1.00", PIN).json().get("code").asString()).isEqualTo("CARD_BLOCKED");

    Api.Response reset =
        callers
            .as(office)
            .post("/api/v1/cards/" + card.get("id").asLong() + "/pin-reset", null)
            .send();
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    String code = reset.json().get("code").asString();
    assertThat(code).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
    assertThat(reset.json().get("link").asString()).endsWith("/carte/pin?code=" + code);
    // the holder has no login to use here: the page is public, the code is the credential
    PageSession anonymous = new PageSession(port, callers);
    HttpResponse<String> mismatch =
        anonymous.submit(
            "/carte/pin?code=" + code,
            "/carte/pin",
            "code",
            code,
            "pin",
            "9027",
            "confirmation",
            "9028");
    assertThat(mismatch.body()).contains("ne sont pas les mêmes");
    HttpResponse<String> done =
        anonymous.submit(
            "/carte/pin",
            "/carte/pin",
            "code",
            code.toLowerCase(),
            "pin",
            "9027",
            "confirmation",
            "9027");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body())
        .contains("id=\"reset-done\"")
        .contains("Jeanne")
        .doesNotContain("value=\"9027\"");
    HttpResponse<String> again =
        anonymous.submit(
            "/carte/pin", "/carte/pin", "code", code, "pin", "1234", "confirmation", "1234");
    assertThat(again.body()).contains("déjà utilisé");

    assertThat(charge(card, "1.00", PIN).json().get("code").asString()).isEqualTo("CARD_WRONG_PIN");
    assertThat(charge(card, "1.50", "9027").status()).isEqualTo(201);

    JsonNode audit = callers.as(coordinator).get("/api/v1/audit?limit=50").send().json();
    assertThat(audit.get("items").toString())
        .contains("CARD_BLOCKED_WRONG_PINS")
        .contains("CARD_PIN_RESET_ISSUED")
        .contains("CARD_PIN_RESET")
        .contains("CARD_ISSUED")
        .doesNotContain(code);
    // what a card's audit entry keeps: the card, its version, a block's reason; never a PIN
    for (JsonNode item : audit.get("items")) {
      String action = item.get("action").asString();
      if (action.startsWith("CARD_") && !action.equals("CARD_CAPS_CHANGED")) {
        assertThat(item.get("details").propertyNames())
            .as(item.toString())
            .isSubsetOf("card", "version", "detail");
      }
    }
    String auditPage = session(coordinator).get("/coordinator/audit").body();
    assertThat(auditPage)
        .contains("Carte bloquée après trois codes PIN faux")
        .contains("Code de nouveau PIN créé")
        .doesNotContain("??");
  }

  @Test
  void the_holder_sees_their_cards_caps_and_payments_blocks_one_and_changes_cap_and_pin() {
    JsonNode card = issue();
    long id = card.get("id").asLong();
    assertThat(charge(card, "2.50", PIN).status()).isEqualTo(201);
    PageSession jeanne = session(member);
    String page = jeanne.get("/member/cards").body();
    assertThat(page)
        .contains("data-card=\"" + id + "\"")
        .contains(card.get("number").asString())
        .contains("Active")
        .contains("2,50")
        .contains("100,00")
        .contains("50,00")
        .doesNotContain("??");

    HttpResponse<String> cap =
        jeanne.submit("/member/cards", "/member/cards/" + id + "/daily-cap", "dailyCap", "30,00");
    assertThat(cap.statusCode()).isEqualTo(302);
    assertThat(
            callers.as(member).get("/api/v1/cards/" + id).send().json().get("dailyCap").asString())
        .isEqualTo("30.00");
    HttpResponse<String> tooHigh =
        jeanne.submit("/member/cards", "/member/cards/" + id + "/daily-cap", "dailyCap", "900");
    assertThat(tooHigh.statusCode()).isEqualTo(302);
    assertThat(jeanne.get("/member/cards").body()).contains("dépasse celui du réseau");

    jeanne.submit(
        "/member/cards",
        "/member/cards/" + id + "/pin",
        "oldPin",
        PIN,
        "newPin",
        "5791",
        "confirmation",
        "5791");
    assertThat(jeanne.get("/member/cards").body()).contains("Votre code PIN est changé");
    assertThat(charge(card, "1.00", "5791").status()).isEqualTo(201);

    jeanne.submit("/member/cards", "/member/cards/" + id + "/block");
    assertThat(callers.as(member).get("/api/v1/cards/" + id).send().json().get("state").asString())
        .isEqualTo("BLOCKED");
    assertThat(jeanne.get("/member/cards").body()).contains("bloquée par son titulaire");
  }

  @Test
  void coordinators_set_the_network_caps_over_http_and_on_a_page_audited() {
    String path = "/api/v1/networks/" + network.id().value() + "/settings/card-caps";
    JsonNode caps = callers.as(coordinator).get(path).send().json();
    assertThat(caps.get("dailyCap").asString()).isEqualTo("100.00");
    Api.Response wrong =
        callers
            .as(coordinator)
            .put(path, Api.json("dailyCap", "20.00", "paymentCap", "30.00", "offlineCap", "5.00"))
            .send();
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.json().get("code").asString()).isEqualTo("CARD_CAPS_INVALID");
    Api.Response set =
        callers
            .as(coordinator)
            .put(path, Api.json("dailyCap", "120.00", "paymentCap", "60.00", "offlineCap", "8.00"))
            .send();
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().get("offlineCap").asString()).isEqualTo("8.00");

    PageSession coord = session(coordinator);
    assertThat(coord.get("/coordinator/cards").body()).contains("120.00").doesNotContain("??");
    HttpResponse<String> saved =
        coord.submit(
            "/coordinator/cards",
            "/coordinator/cards/caps",
            "network",
            Long.toString(network.id().value()),
            "dailyCap",
            "100,00",
            "paymentCap",
            "50,00",
            "offlineCap",
            "10,00");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(callers.as(coordinator).get(path).send().json().get("paymentCap").asString())
        .isEqualTo("50.00");
    assertThat(callers.as(coordinator).get("/api/v1/audit?limit=20").send().json().toString())
        .contains("CARD_CAPS_CHANGED")
        .contains("60.00 → 50.00");
  }

  @Test
  void the_reports_page_and_pdf_count_cards_issued_blocked_and_replaced() throws Exception {
    JsonNode card = issue();
    long id = card.get("id").asLong();
    callers.as(office).post("/api/v1/cards/" + id + "/replace", null).send();
    callers.as(office).post("/api/v1/cards/" + id + "/block", null).send();
    String year = card.get("issuedAt").asString().substring(0, 4);
    PageSession coord = session(coordinator);
    String dashboard = coord.get("/coordinator?period=year&date=" + year).body();
    assertThat(dashboard)
        .contains("id=\"report-cards\"")
        .contains("Cartes remplacées")
        .containsPattern("data-count=\"replaced\">\\s*<th[^>]*>[^<]*</th>\\s*<td>1</td>");
    byte[] pdf =
        coord
            .getBytes(
                "/api/v1/reports/circulation.pdf?strand=COOPERATION&period=year&date="
                    + year
                    + "&network="
                    + network.code())
            .body();
    PdfReader reader = new PdfReader(pdf);
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      text.append(new PdfTextExtractor(reader).getTextFromPage(page));
    }
    assertThat(text.toString()).contains("Cartes SOL").contains("Cartes remplacées");
  }
}
