package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Journeys: an exchange office sells SOL for euros (the bonus shown, the till updated); a funder
 * issues a voucher and gets it printable with its QR code; an association's hours page, with a
 * mistake in the form shown in the error summary. Each in a network of its own, except the
 * association's page, which records nothing.
 */
@SolApplicationTest
class OfficeAndFunderBrowserIT {
  private static Browser browser;
  private static Callers callers;
  private static Operations operations;

  @BeforeAll
  static void startBrowser(@Autowired ApplicationContext context, @LocalServerPort int port) {
    callers = Callers.of(port, context);
    operations = context.getBean(Operations.class);
    browser = Browser.start(port, callers);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void an_exchange_office_sells_sol_and_sees_its_till() {
    Network network = callers.newNetwork("comptoir-navigateur");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(500), BasisPoints.of(0)),
            Actor.of("test"));
    String agent = callers.newUser("guichet", Role.EXCHANGE_AGENT, network, null);
    String buyer = callers.newUser("cliente", Role.MEMBER, network, null);

    browser.logIn(agent);
    assertThat(browser.path()).isEqualTo("/office");
    assertThat(browser.text(".hint")).contains("5 %");
    browser.screenshots("office", "till-empty");

    browser.field("buyer").sendKeys(buyer);
    browser.field("euros").sendKeys("60,00");
    browser.submit("form[action$='/office/sales'] button");
    browser.waitUntil(d -> !d.findElements(By.id("sale-done")).isEmpty());
    assertThat(browser.text("[data-sale=sol]")).isEqualTo("60,00 SOL");
    assertThat(browser.text("[data-sale=bonus]")).isEqualTo("3,00 SOL");
    assertThat(browser.text("[data-sale=total]")).isEqualTo("63,00 SOL");
    assertThat(browser.find("[data-strand=EURO] .balance").getText()).isEqualTo("60,00 €");
    assertThat(browser.find("table.till-sales").getText()).contains("60,00 €");
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, buyer, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(6300);
    browser.screenshots("office", "sale-done");

    // a mistake: the error summary names the field and leads to it
    browser.field("buyer").sendKeys("personne");
    browser.field("euros").sendKeys("abc");
    browser.submit("form[action$='/office/sales'] button");
    browser.waitUntil(d -> !d.findElements(By.id("error-summary")).isEmpty());
    assertThat(browser.text("#error-summary")).contains("Personne ne porte").contains("montant");
    assertThat(browser.field("euros").getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshots("office", "sale-errors");
    browser.logOut();
  }

  @Test
  void a_funder_issues_a_printable_qr_voucher() {
    Network network = callers.newNetwork("financeur-navigateur");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .defineCategory(network.id(), new MerchantCategory("FOOD", "Alimentation"));
    String funder = callers.newUser("ccas", Role.FUNDER, network, null);
    Account budget =
        callers
            .ledger()
            .accounts()
            .open(
                network.id(),
                StrandKind.AFFECTE,
                OwnerKind.FUNDER,
                funder,
                "Budget",
                OptionalLong.of(0));
    callers.fund(network, budget, "500.00");
    String beneficiary = callers.newUser("famille", Role.MEMBER, network, null);

    browser.logIn(funder);
    assertThat(browser.path()).isEqualTo("/funder");
    browser.screenshots("funder", "grant-form");
    browser.field("beneficiary").sendKeys(beneficiary);
    browser.field("amount").sendKeys("40");
    browser
        .driver()
        .executeScript(
            "arguments[0].value = arguments[1];",
            browser.field("validUntil"),
            LocalDate.now().plusMonths(2).format(DateTimeFormatter.ISO_LOCAL_DATE));
    browser.field("category-FOOD").click();
    browser.field("label").sendKeys("Chèque alimentation");
    browser.submit("form[action$='/funder/vouchers'] button");
    browser.waitUntil(d -> d.getCurrentUrl().matches(".*/funder/vouchers/\\d+$"));
    assertThat(browser.text(".voucher h1")).isEqualTo("Chèque alimentation");
    assertThat(browser.text(".voucher .big-amount")).isEqualTo("40,00 SOL");
    assertThat(browser.text("[data-voucher=beneficiary]")).isEqualTo(beneficiary);
    browser.waitUntil(
        d ->
            Boolean.TRUE.equals(
                browser
                    .driver()
                    .executeScript(
                        "const i = document.querySelector('img.voucher-qr');"
                            + " return i.complete && i.naturalWidth > 0;")));
    // the print button appears with the script
    assertThat(browser.find("[data-print]").isDisplayed()).isTrue();
    browser.screenshots("funder", "voucher");
    // the lots granted, each with what is left, on a 360 px phone
    assertThat(browser.fitsAt360("/funder/lots")).isTrue();
    assertThat(browser.text("[data-total-remaining]")).isEqualTo("40,00 SOL");
    browser.screenshots("funder", "lots");
    browser.logOut();
  }

  @Test
  void an_association_certifies_hours_and_sees_its_mistakes() {
    browser.logIn("asso");
    assertThat(browser.path()).isEqualTo("/association");
    assertThat(browser.text("[data-allowance]")).endsWith("SOL");
    browser.screenshots("association", "hours");
    browser.field("member").sendKeys("inconnu");
    browser.submit("form[action$='/association/certifications'] button");
    browser.waitUntil(d -> !d.findElements(By.id("error-summary")).isEmpty());
    assertThat(browser.text("#error-summary"))
        .contains("Aucun adhérent")
        .contains("Saisissez une durée");
    browser.screenshots("association", "hours-errors");
    browser.logOut();
  }
}
