package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Paying with a member card at the bakery's till in a real browser: the cashier types the amount
 * and the card's number, the till shows the holder's first name, the holder types the PIN on the
 * pad (cashier and holder on the same screen), and the till's receipt follows; three wrong PINs
 * block the card. The cards paid with are issued by a coordinator through the API, with the PIN the
 * holder chose; the issuing page itself is driven by the exchange office: find the person, issue,
 * the holder types the PIN twice on the pad (never shown), and the card to print.
 */
@SolApplicationTest
class CardBrowserIT {
  private static Browser till;
  private static Callers callers;
  private static long alices;
  private static int port;

  @BeforeAll
  static void startBrowser(@Autowired ApplicationContext context, @LocalServerPort int port) {
    callers = Callers.of(port, context);
    CardBrowserIT.port = port;
    till = Browser.start(port, callers).logIn("caisse");
    alices =
        callers
            .account(callers.demo(), OwnerKind.MEMBER, "alice", StrandKind.COOPERATION)
            .id()
            .value();
  }

  @AfterAll
  static void closeBrowser() {
    if (till != null) {
      till.close();
    }
  }

  @Test
  void the_office_issues_a_card_the_holder_types_the_pin_twice_on_the_pad_and_it_pays() {
    try (Browser office = Browser.start(port, callers).logIn("comptoir")) {
      office.open("/cards/issue");
      office.field("who").sendKeys("alice");
      office.submit("main form[role=search] button[type=submit]");
      office.waitUntil(d -> office.path().startsWith("/cards/issue?who="));
      office.find("form.card-candidate input[name=holderName]").clear();
      office.find("form.card-candidate input[name=holderName]").sendKeys("Alice Martin");
      office.screenshots("member-card", "issue-find");
      office.submit("form.card-candidate button[type=submit]");
      office.waitUntil(d -> office.path().equals("/cards/issue"));
      assertThat(office.text("#card-holder")).contains("Alice Martin");
      assertThat(office.find("#pin").getAttribute("type")).isEqualTo("password");
      assertThat(office.find("#confirmation").getAttribute("type")).isEqualTo("password");
      for (char digit : "8642".toCharArray()) {
        office.find("[data-pinpad-keys] button[data-digit='" + digit + "']").click();
      }
      office.find("#confirmation").click();
      for (char digit : "8642".toCharArray()) {
        office.find("[data-pinpad-keys] button[data-digit='" + digit + "']").click();
      }
      assertThat(office.find("#pin").getAttribute("value")).isEqualTo("8642");
      assertThat(office.find("#confirmation").getAttribute("value")).isEqualTo("8642");
      assertThat(office.text("main")).as("the PIN never shows").doesNotContain("8642");
      office.screenshots("member-card", "issue-holder-pin");
      office.submit("[data-pinpad-keys] button[type=submit]");
      office.waitUntil(d -> office.path().matches("/cards/[0-9]+\\?issued"));
      String number = office.text("#card-number");
      assertThat(office.find("#card-pdf").getAttribute("href")).endsWith("/card.pdf");
      assertThat(office.find("#card-pdf-large").getAttribute("href")).endsWith("largePrint=true");
      office.screenshots("member-card", "issue-print");

      readCard(number, "1,20");
      assertThat(till.text("#card-holder")).contains("Alice");
      typeOnPad("8642");
      till.submit("[data-pinpad-keys] button[type=submit]");
      till.waitUntil(d -> till.path().startsWith("/till/charged/"));
    }
  }

  /** A card for alice, issued by coord1 with the PIN she typed; its printed number. */
  private static String aCardWithPin(String pin) {
    Api.Response issued =
        callers
            .as("coord1")
            .post(
                "/api/v1/cards",
                Api.json("holderAccountId", alices, "holderName", "Alice Martin", "pin", pin))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json().get("number").asString();
  }

  private static void readCard(String number, String amount) {
    till.open("/till/card");
    till.field("amount").sendKeys(amount);
    till.field("number").sendKeys(number);
    till.submit("main form.stack button[type=submit]");
    till.waitUntil(d -> till.path().equals("/till/card"));
  }

  private static void typeOnPad(String pin) {
    for (char digit : pin.toCharArray()) {
      till.find("[data-pinpad-keys] button[data-digit='" + digit + "']").click();
    }
  }

  @Test
  void the_cashier_reads_the_card_the_holder_types_the_pin_and_the_till_shows_the_receipt() {
    String number = aCardWithPin("2468");
    readCard(number, "2,40");
    assertThat(till.text("#card-holder")).contains("Alice").contains("2,40");
    assertThat(till.find("#pin").getAttribute("type"))
        .as("the PIN never shows")
        .isEqualTo("password");
    typeOnPad("2468");
    assertThat(till.find("#pin").getAttribute("value")).isEqualTo("2468");
    till.screenshots("member-card", "till-pin-pad");
    till.submit("[data-pinpad-keys] button[type=submit]");
    till.waitUntil(d -> till.path().startsWith("/till/charged/"));
    assertThat(till.text("main")).contains("2,40").contains("Alice Martin");
    till.screenshots("member-card", "till-receipt");
  }

  @Test
  void three_wrong_pins_on_the_pad_block_the_card() {
    String number = aCardWithPin("1357");
    readCard(number, "1,00");
    for (String wrong : new String[] {"0000", "1111"}) {
      typeOnPad(wrong);
      till.submit("[data-pinpad-keys] button[type=submit]");
      till.waitUntil(d -> till.path().equals("/till/card/pay"));
      assertThat(till.text("#error-summary")).contains("Code PIN incorrect");
    }
    typeOnPad("2222");
    till.submit("[data-pinpad-keys] button[type=submit]");
    till.waitUntil(d -> till.path().equals("/till/card/pay"));
    assertThat(till.text("#error-summary")).contains("bloquée");
    till.screenshots("member-card", "till-blocked");
    // the right PIN no longer pays
    readCard(number, "1,00");
    assertThat(till.text("#error-summary")).contains("bloquée");
  }
}
