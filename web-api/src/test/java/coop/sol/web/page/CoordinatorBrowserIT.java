package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Journeys: a coordinator logs in (password and TOTP code), sees the circulation report's charts on
 * the dashboard — every image loaded, each with its figures as a table — and looks through the
 * fonte, accounts, corrections and the audit log; a coordinator of a network whose weekly fonte has
 * periods behind it previews the fonte, then confirms the run. Screenshots of each page.
 */
@SolApplicationTest
class CoordinatorBrowserIT {
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

  /** Whether every chart image of the page has loaded, and drew something. */
  private static boolean chartsLoaded() {
    Object loaded =
        browser
            .driver()
            .executeScript(
                "const images = Array.from(document.querySelectorAll('figure.chart img'));"
                    + " return images.length === 4"
                    + " && images.every(i => i.complete && i.naturalWidth > 0);");
    return Boolean.TRUE.equals(loaded);
  }

  @Test
  void a_coordinator_sees_the_report_charts_and_previews_the_fonte() {
    browser.logIn("coord1");
    assertThat(browser.path()).startsWith("/coordinator");
    assertThat(browser.text("h1")).isEqualTo("Tableau de bord");
    browser.waitUntil(d -> chartsLoaded());
    browser.screenshots("coordinator", "dashboard");
    List<WebElement> charts = browser.driver().findElements(By.cssSelector("figure.chart"));
    assertThat(charts).hasSize(4);
    for (WebElement chart : charts) {
      WebElement image = chart.findElement(By.tagName("img"));
      assertThat(image.getAttribute("alt")).startsWith("Graphique : ");
      assertThat(
              ((Number) browser.driver().executeScript("return arguments[0].naturalWidth;", image))
                  .intValue())
          .isGreaterThan(0);
      // the figures, the chart's text alternative, open with the keyboard or a tap
      chart.findElement(By.tagName("summary")).click();
    }
    assertThat(browser.find("figure[data-chart=circulation] table").getText())
        .contains("Circulation");
    assertThat(browser.driver().findElements(By.cssSelector("#report-downloads a"))).hasSize(3);
    browser.screenshots("coordinator", "dashboard-figures");

    // another period: the year, in SOL Engagement
    new Select(browser.field("strand")).selectByValue("ENGAGEMENT");
    new Select(browser.field("period")).selectByValue("year");
    browser.field("date").clear();
    browser.submitForm("form.filters");
    browser.waitUntil(d -> d.getCurrentUrl().contains("period=year"));
    browser.waitUntil(d -> chartsLoaded());
    assertThat(browser.find("figure[data-chart=flows] img").getAttribute("src"))
        .contains("strand=ENGAGEMENT")
        .contains("period=year");

    // the demo's fonte is quarterly from this quarter: no period has ended, and the page says so
    browser.follow("Fonte");
    browser.waitUntil(d -> d.getCurrentUrl().contains("/coordinator/fonte"));
    assertThat(browser.text("#none-ended"))
        .contains("Aucune période de fonte n'est encore terminée");
    browser.screenshots("coordinator", "fonte-none-ended");

    browser.follow("Comptes");
    browser.waitUntil(d -> d.getCurrentUrl().contains("/coordinator/accounts"));
    assertThat(browser.find("table.accounts").getText()).contains("alice").contains("bruno");
    browser.screenshots("coordinator", "accounts");

    browser.follow("Corrections");
    browser.waitUntil(d -> d.getCurrentUrl().contains("/coordinator/corrections"));
    assertThat(browser.text("h1")).isEqualTo("Corrections");
    browser.screenshots("coordinator", "corrections");

    browser.follow("Journal d'audit");
    browser.waitUntil(d -> d.getCurrentUrl().contains("/coordinator/audit"));
    new Select(browser.field("action")).selectByValue("LOGIN_SUCCEEDED");
    browser.submitForm("form.filters");
    browser.waitUntil(d -> d.getCurrentUrl().contains("action=LOGIN_SUCCEEDED"));
    assertThat(browser.find("table.audit").getText()).contains("coord1").contains("Connexion");
    browser.screenshots("coordinator", "audit");

    // every setting in one place: the demo network's merchants fit a 360 px phone
    assertThat(browser.fitsAt360("/coordinator/settings")).isTrue();
    assertThat(browser.find("[data-settings-merchants]").getText()).isNotBlank();
    browser.screenshots("coordinator", "settings");

    // the same dashboard in English
    browser.open("/coordinator?lang=en");
    browser.waitUntil(d -> chartsLoaded());
    assertThat(browser.text("h1")).isEqualTo("Dashboard");
    browser.screenshots("coordinator", "dashboard-en");
    browser.open("/coordinator?lang=fr");
    browser.logOut();
  }

  @Test
  void a_coordinator_previews_the_fonte_then_confirms_the_run() {
    Network network = callers.newNetwork("fonte-navigateur");
    var system = operations.settings().setUp(network.id());
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate today = LocalDate.now(paris);
    operations
        .settings()
        .changeFonteRule(
            network.id(),
            StrandKind.COOPERATION,
            new FonteRule(
                true,
                BasisPoints.of(200),
                Period.ofDays(7),
                today.minusDays(15),
                paris,
                1,
                system.fund(StrandKind.COOPERATION)),
            Actor.of("test"));
    String coordinator = callers.newUser("coord-semaine", Role.COORDINATOR, network, null);
    callers.newUser("voisine", Role.MEMBER, network, "80.00");

    browser.logIn(coordinator);
    browser.follow("Fonte");
    browser.waitUntil(d -> d.getCurrentUrl().contains("/coordinator/fonte"));
    // the latest period that ended is previewed first: nothing is charged yet
    browser.waitUntil(d -> !d.findElements(By.cssSelector("section.fonte-preview")).isEmpty());
    assertThat(browser.text("#preview-heading")).startsWith("Aperçu : SOL Coopération");
    assertThat(browser.text("[data-total-due]")).endsWith("SOL");
    assertThat(new Select(browser.field("period")).getOptions()).hasSize(2);
    browser.screenshots("coordinator", "fonte-preview");

    // the earlier period, then the confirmation
    new Select(browser.field("period")).selectByIndex(1);
    browser.submitForm("form.filters");
    browser.waitUntil(d -> d.getCurrentUrl().contains("period=" + today.minusDays(15)));
    browser.submit("#run-button");
    browser.waitUntil(d -> !d.findElements(By.id("run-done")).isEmpty());
    assertThat(browser.text("#run-done")).startsWith("Fonte passée");
    assertThat(browser.find("section[aria-labelledby=runs-heading] table").getText())
        .contains(coordinator);
    browser.screenshots("coordinator", "fonte-run");
    browser.logOut();
  }
}
