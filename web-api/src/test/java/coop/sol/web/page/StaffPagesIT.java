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
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The pages of exchange offices, associations, funders and coordinators over HTTP: each opens for
 * its role only (403 for another, the login form for nobody), carries no inline script or style
 * (the Content-Security-Policy would block it), and its forms do what the API's operations do — a
 * sale, a voucher with its QR code, corrections under dual control.
 */
@SolApplicationTest
class StaffPagesIT {
  /** Demo users and the pages each may open (coordinators log in with a TOTP code). */
  private static final List<String[]> PAGES =
      List.of(
          new String[] {"comptoir", "/office"},
          new String[] {"asso", "/association"},
          new String[] {"mairie", "/funder"},
          new String[] {"coord1", "/coordinator"},
          new String[] {"coord1", "/coordinator?strand=ENGAGEMENT&period=year"},
          new String[] {"coord1", "/coordinator/accounts"},
          new String[] {"coord1", "/coordinator/accounts?kind=MERCHANT"},
          new String[] {"coord1", "/coordinator/fonte"},
          new String[] {"coord1", "/coordinator/corrections"},
          new String[] {"coord1", "/coordinator/audit"},
          new String[] {"coord1", "/coordinator/audit?action=LOGIN_SUCCEEDED&actor=coord"});

  private static final Pattern INLINE =
      Pattern.compile(
          "<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle=|\\son[a-z]+=",
          Pattern.CASE_INSENSITIVE);

  private final int port;
  private final Callers callers;
  private final Operations operations;

  @Autowired
  StaffPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  /**
   * Logged-in sessions, one per user for the whole class: a coordinator's login spends a TOTP step,
   * of which there is one every 30 seconds.
   */
  private static final Map<String, PageSession> SESSIONS = new ConcurrentHashMap<>();

  private PageSession session(String username) {
    return SESSIONS.computeIfAbsent(
        username, u -> PageSession.logIn(port, callers, u, u.startsWith("coord")));
  }

  @Test
  void each_page_opens_for_its_role_only_and_has_no_inline_script_or_style() {
    PageSession member = session("alice");
    PageSession anonymous = new PageSession(port, callers);
    for (String[] page : PAGES) {
      HttpResponse<String> mine = session(page[0]).get(page[1]);
      assertThat(mine.statusCode())
          .as("%s as %s: %s", page[1], page[0], mine.body())
          .isEqualTo(200);
      assertThat(mine.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      Matcher inline = INLINE.matcher(mine.body());
      assertThat(inline.find()).as("inline script or style in %s: %s", page[1], inline).isFalse();
      assertThat(mine.body()).doesNotContain("??").contains("<html lang=\"fr\"");

      assertThat(member.get(page[1]).statusCode()).as("%s as a member", page[1]).isEqualTo(403);
      HttpResponse<String> nobody = anonymous.get(page[1]);
      assertThat(nobody.statusCode()).as("%s without a session", page[1]).isEqualTo(302);
      assertThat(nobody.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
    // a coordinator's page is not an exchange office's, nor the other way round
    assertThat(session("comptoir").get("/coordinator").statusCode()).isEqualTo(403);
    assertThat(session("coord2").get("/office").statusCode()).isEqualTo(403);
    assertThat(session("mairie").get("/association").statusCode()).isEqualTo(403);
  }

  @Test
  void the_pages_speak_english_when_asked() {
    PageSession coordinator = session("coord2");
    HttpResponse<String> page = coordinator.get("/coordinator/fonte?lang=en");
    assertThat(page.body()).contains("<html lang=\"en\"").contains("Runs recorded");
    assertThat(page.body()).doesNotContain("??");
    coordinator.get("/coordinator/fonte?lang=fr");
  }

  @Test
  void the_dashboard_links_the_charts_and_the_downloads_of_the_same_report() {
    PageSession coordinator = session("coord1");
    String page = coordinator.get("/coordinator?strand=COOPERATION&period=month").body();
    for (String chart : List.of("circulation", "flows", "top-merchants", "coverage")) {
      assertThat(page).contains("/api/v1/reports/charts/" + chart + ".png?strand=COOPERATION");
    }
    Matcher src =
        Pattern.compile("src=\"(/api/v1/reports/charts/flows\\.png[^\"]*)\"").matcher(page);
    assertThat(src.find()).isTrue();
    HttpResponse<byte[]> png = coordinator.getBytes(src.group(1).replace("&amp;", "&"));
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    Matcher csv =
        Pattern.compile("href=\"(/api/v1/reports/circulation\\.csv[^\"]*)\"").matcher(page);
    assertThat(csv.find()).isTrue();
    assertThat(coordinator.getBytes(csv.group(1).replace("&amp;", "&")).statusCode())
        .isEqualTo(200);
    // a date that does not fit the period is said, and the report of today shown
    String wrong = coordinator.get("/coordinator?period=year&date=mars").body();
    assertThat(wrong).contains("error-summary").contains("ne correspond pas");
  }

  @Test
  void an_exchange_office_sells_sol_with_the_bonus() {
    Network network = callers.newNetwork("comptoir-page");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .changeRates(
            network.id(),
            new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(500), BasisPoints.of(0)),
            Actor.of("test"));
    String agent = callers.newUser("agent", Role.EXCHANGE_AGENT, network, null);
    String buyer = callers.newUser("acheteuse", Role.MEMBER, network, null);
    PageSession office = session(agent);

    HttpResponse<String> unknown =
        office.submit("/office", "/office/sales", "buyer", "personne", "euros", "10", "key", "k0");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).contains("error-summary").contains("href=\"#buyer\"");

    String key = "sale-" + System.nanoTime();
    HttpResponse<String> sold =
        office.submit("/office", "/office/sales", "buyer", buyer, "euros", "60,00", "key", key);
    assertThat(sold.statusCode()).as(sold.body()).isEqualTo(302);
    String till = office.get("/office").body();
    assertThat(till).contains("63,00 SOL").contains("3,00 SOL").contains("60,00 €");
    // the same form sent again (a double tap) records one sale
    office.submit("/office", "/office/sales", "buyer", buyer, "euros", "60,00", "key", key);
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, buyer, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(6300);
  }

  @Test
  void a_funder_issues_a_voucher_printable_with_its_qr_code() {
    Network network = callers.newNetwork("financeur-page");
    operations.settings().setUp(network.id());
    operations
        .settings()
        .defineCategory(network.id(), new MerchantCategory("FOOD", "Alimentation"));
    String funder = callers.newUser("financeur", Role.FUNDER, network, null);
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
    callers.fund(network, budget, "100.00");
    String beneficiary = callers.newUser("beneficiaire", Role.MEMBER, network, null);
    PageSession page = session(funder);

    HttpResponse<String> missing =
        page.submit("/funder", "/funder/vouchers", "beneficiary", beneficiary, "amount", "40");
    assertThat(missing.statusCode()).isEqualTo(200);
    assertThat(missing.body()).contains("href=\"#categories\"").contains("href=\"#label\"");

    HttpResponse<String> granted =
        page.submit(
            "/funder",
            "/funder/vouchers",
            "beneficiary",
            beneficiary,
            "amount",
            "40,00",
            "validUntil",
            java.time.LocalDate.now().plusMonths(1).toString(),
            "categories",
            "FOOD",
            "label",
            "Chèque alimentation",
            "key",
            "lot-" + System.nanoTime());
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(302);
    String voucher = granted.headers().firstValue("Location").orElseThrow();
    assertThat(voucher).matches(".*/funder/vouchers/\\d+$");
    String path = voucher.substring(voucher.indexOf("/funder"));
    String printable = page.get(path).body();
    assertThat(printable)
        .contains("Chèque alimentation")
        .contains("40,00 SOL")
        .contains(beneficiary);
    HttpResponse<byte[]> qr = page.getBytes(path + "/qr.png");
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    // another funder's voucher is not found
    assertThat(session("mairie").get(path).statusCode()).isEqualTo(404);
  }

  @Test
  void a_coordinator_freezes_and_unfreezes_an_account_from_the_accounts_page() {
    Network network = callers.newNetwork("gel-page");
    String coordinator = callers.newUser("coord-g", Role.COORDINATOR, network, null);
    String member = callers.newUser("gele", Role.MEMBER, network, "5.00");
    long account =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    PageSession page = session(coordinator);
    HttpResponse<String> frozen =
        page.submit(
            "/coordinator/accounts",
            "/coordinator/accounts/" + account + "/status",
            "action",
            "freeze",
            "reason",
            "Carte perdue");
    assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(302);
    assertThat(callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).status())
        .isEqualTo(coop.sol.ledger.account.AccountStatus.FROZEN);
    // back on the list of members (the redirect keeps the filter), with the outcome
    assertThat(page.get("/coordinator/accounts?kind=MEMBER").body())
        .contains("Le compte est gelé")
        .contains("Dégeler");
    page.submit(
        "/coordinator/accounts",
        "/coordinator/accounts/" + account + "/status",
        "action",
        "unfreeze",
        "reason",
        "Carte retrouvée");
    assertThat(callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).status())
        .isEqualTo(coop.sol.ledger.account.AccountStatus.OPEN);
    assertThat(page.get("/coordinator/audit?action=ACCOUNT_FROZEN").body())
        .contains("account " + account);
    // an account of another network is not found
    page.submit(
        "/coordinator/accounts",
        "/coordinator/accounts/"
            + callers
                .account(callers.demo(), OwnerKind.MEMBER, "alice", StrandKind.COOPERATION)
                .id()
                .value()
            + "/status",
        "action",
        "freeze",
        "reason",
        "x");
    assertThat(
            callers
                .account(callers.demo(), OwnerKind.MEMBER, "alice", StrandKind.COOPERATION)
                .status())
        .isEqualTo(coop.sol.ledger.account.AccountStatus.OPEN);
  }

  @Test
  void a_correction_needs_a_second_coordinator() {
    Network network = callers.newNetwork("correction-page");
    String first = callers.newUser("coord-a", Role.COORDINATOR, network, null);
    String second = callers.newUser("coord-b", Role.COORDINATOR, network, null);
    String payer = callers.newUser("payeur", Role.MEMBER, network, "20.00");
    String payee = callers.newUser("receveur", Role.MEMBER, network, null);
    long from =
        callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION).id().value();
    long to =
        callers.account(network, OwnerKind.MEMBER, payee, StrandKind.COOPERATION).id().value();
    PageSession proposer = session(first);

    HttpResponse<String> proposed =
        proposer.submit(
            "/coordinator/corrections",
            "/coordinator/corrections",
            "kind",
            "transfer",
            "strand",
            "COOPERATION",
            "debit",
            String.valueOf(from),
            "credit",
            String.valueOf(to),
            "amount",
            "4,20",
            "reason",
            "Erreur de saisie");
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(302);
    String mine = proposer.get("/coordinator/corrections").body();
    assertThat(mine)
        .contains("Erreur de saisie")
        .contains("own-proposal")
        .doesNotContain("/approve");
    Matcher id = Pattern.compile("data-correction=\"(\\d+)\"").matcher(mine);
    assertThat(id.find()).isTrue();

    // the proposer cannot approve it, even by sending the form
    proposer.submit(
        "/coordinator/corrections", "/coordinator/corrections/" + id.group(1) + "/approve");
    assertThat(proposer.get("/coordinator/corrections").body())
        .contains("role=\"alert\"")
        .contains("c&#39;est un autre coordinateur que l&#39;auteur qui décide");
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, payee, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isZero();

    PageSession approver = session(second);
    assertThat(approver.get("/coordinator/corrections").body()).contains("/approve");
    HttpResponse<String> approved =
        approver.submit(
            "/coordinator/corrections", "/coordinator/corrections/" + id.group(1) + "/approve");
    assertThat(approved.statusCode()).isEqualTo(302);
    assertThat(approver.get("/coordinator/corrections").body()).contains("approuvée");
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, payee, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(420);
    String audit = approver.get("/coordinator/audit?action=CORRECTION_APPROVED").body();
    assertThat(audit).contains("correction " + id.group(1));
  }

  @Test
  void a_fonte_is_previewed_then_run_once_confirmed() {
    Network network = callers.newNetwork("fonte-page");
    var system = operations.settings().setUp(network.id());
    java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
    java.time.LocalDate today = java.time.LocalDate.now(paris);
    var changed =
        operations
            .settings()
            .changeFonteRule(
                network.id(),
                StrandKind.COOPERATION,
                new coop.sol.ledger.settings.FonteRule(
                    true,
                    BasisPoints.of(200),
                    java.time.Period.ofDays(1),
                    today.minusDays(3),
                    paris,
                    1,
                    system.fund(StrandKind.COOPERATION)),
                Actor.of("test"));
    assertThat(changed).isInstanceOf(coop.sol.ledger.operation.Outcome.Done.class);
    String coordinator = callers.newUser("coord-fonte", Role.COORDINATOR, network, null);
    callers.newUser("dormeur", Role.MEMBER, network, "50.00");
    PageSession page = session(coordinator);

    String period = today.minusDays(1) + ".." + today;
    String preview = page.get("/coordinator/fonte?strand=COOPERATION").body();
    assertThat(preview).contains("fonte-preview").contains("value=\"" + period + "\"");
    assertThat(preview).contains("id=\"run-button\"").contains("data-total-due");
    // the period under way cannot be previewed, nor run, before its end
    String current =
        page.get("/coordinator/fonte?strand=COOPERATION&period=" + today + ".." + today.plusDays(1))
            .body();
    assertThat(current).contains("n&#39;est pas terminée").doesNotContain("id=\"run-button\"");

    HttpResponse<String> run =
        page.submit(
            "/coordinator/fonte",
            "/coordinator/fonte/runs",
            "strand",
            "COOPERATION",
            "period",
            period);
    assertThat(run.statusCode()).isEqualTo(302);
    String after =
        page.get(
                run.headers()
                    .firstValue("Location")
                    .orElseThrow()
                    .replaceFirst("^https?://[^/]+", ""))
            .body();
    assertThat(after).contains("id=\"run-done\"").contains(coordinator);
    assertThat(page.get("/coordinator/audit?action=FONTE_RUN").body())
        .contains("fonte COOPERATION " + today.minusDays(1));
  }
}
