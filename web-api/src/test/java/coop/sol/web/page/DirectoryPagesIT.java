package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.TestHttp;
import coop.sol.web.user.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The directory's pages: a merchant writes its listing, members find it (by name, category, town)
 * with a link to the map and the printable guide, in French and English; a coordinator edits any
 * listing and publishes the directory, which visitors then read without logging in.
 */
@SolApplicationTest
class DirectoryPagesIT {
  private final int port;
  private final Callers callers;

  @Autowired
  DirectoryPagesIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_merchant_writes_its_listing_and_members_find_it() {
    Network network = callers.newNetwork("annuaire");
    String shop = callers.newUser("epicerie", Role.MERCHANT, network, null);
    String member = callers.newUser("membre", Role.MEMBER, network, null);
    PageSession merchant = PageSession.logIn(port, callers, shop, false);

    HttpResponse<String> form = merchant.get("/till/profile");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("Ma fiche dans l&#39;annuaire").doesNotContain("??");
    HttpResponse<String> refused =
        merchant.submit(
            "/till/profile",
            "/till/profile",
            "tradingName",
            "Épicerie Solidaire",
            "website",
            "javascript:alert(1)",
            "strands",
            "COOPERATION");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains("Le site web commence par http:// ou https://.")
        .contains("id=\"website\"")
        .contains("aria-invalid=\"true\"")
        .contains("value=\"Épicerie Solidaire\"");
    HttpResponse<String> saved =
        merchant.submit(
            "/till/profile",
            "/till/profile",
            "tradingName",
            "Épicerie Solidaire",
            "description",
            "Vrac, fruits et légumes\nde saison",
            "address",
            "5 rue de la Paix",
            "town",
            "Morlaix",
            "openingHours",
            "Lun.–sam. 9 h–19 h",
            "phone",
            "02 98 11 22 33",
            "website",
            "https://epicerie.example",
            "strands",
            "COOPERATION",
            "strands",
            "AFFECTE");
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(merchant.get("/till/profile").body())
        .contains("Fiche enregistrée.")
        .contains("value=\"5 rue de la Paix\"");

    PageSession reader = PageSession.logIn(port, callers, member, false);
    HttpResponse<String> page = reader.get("/annuaire");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Épicerie Solidaire")
        .contains("5 rue de la Paix, Morlaix")
        .contains("href=\"https://www.openstreetmap.org/search?query=5+rue+de+la+Paix%2C+Morlaix\"")
        .contains("SOL Affecté")
        .contains("/api/v1/directory/guide.pdf?network=" + network.code())
        .contains("réservé aux membres")
        .doesNotContain("??");
    assertThat(reader.get("/annuaire?town=brest").body()).doesNotContain("Épicerie Solidaire");
    assertThat(reader.get("/annuaire?q=EPICERIE&town=morlaix").body())
        .contains("Épicerie Solidaire");
    HttpResponse<String> english = reader.get("/directory?lang=en");
    assertThat(english.body())
        .contains("<html lang=\"en\"")
        .contains("Where to pay in SOL")
        .contains("See on OpenStreetMap")
        .doesNotContain("??");
    reader.get("/annuaire?lang=fr");
    HttpResponse<byte[]> guide =
        reader.getBytes("/api/v1/directory/guide.pdf?network=" + network.code());
    assertThat(guide.statusCode()).isEqualTo(200);
    assertThat(new String(guide.body(), 0, 5)).isEqualTo("%PDF-");
  }

  @Test
  void a_coordinator_edits_a_listing_and_publishes_the_directory_to_visitors() {
    Network network = callers.newNetwork("annuaire");
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String shop = callers.newUser("cafe", Role.MERCHANT, network, null);
    long account =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    String visit = "/annuaire?network=" + network.code();
    TestHttp visitor = new TestHttp(port);
    HttpResponse<String> before = visitor.get(visit, "text/html");
    assertThat(before.statusCode()).isEqualTo(302);
    assertThat(before.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    PageSession outsider =
        PageSession.logIn(
            port,
            callers,
            callers.newUser("membre", Role.MEMBER, callers.newNetwork("ailleurs"), null),
            false);
    assertThat(outsider.get(visit).statusCode()).isEqualTo(404);

    PageSession coord = PageSession.logIn(port, callers, coordinator, true);
    HttpResponse<String> list = coord.get("/coordinator/directory");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(shop).contains("pas encore de fiche").doesNotContain("??");
    String edit = "/coordinator/directory/" + account;
    assertThat(coord.get(edit).statusCode()).isEqualTo(200);
    assertThat(
            coord
                .submit(
                    edit,
                    edit,
                    "tradingName",
                    "Café du Marché",
                    "town",
                    "Brest",
                    "strands",
                    "ENGAGEMENT")
                .statusCode())
        .isEqualTo(302);
    assertThat(coord.get(edit).body()).contains("Fiche enregistrée.").contains(coordinator);
    assertThat(
            coord
                .submit(
                    "/coordinator/directory",
                    "/coordinator/directory/publication",
                    "published",
                    "true",
                    "network",
                    network.code())
                .statusCode())
        .isEqualTo(302);
    assertThat(coord.get("/coordinator/directory").body())
        .contains("Café du Marché")
        .contains("L&#39;annuaire est public");

    HttpResponse<String> open = visitor.get(visit, "text/html");
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.body())
        .contains("Café du Marché")
        .contains("SOL Engagement")
        .contains("Cet annuaire est public.")
        .doesNotContain("??");
    assertThat(outsider.get(visit).statusCode()).isEqualTo(200);
    // a merchant's listing page is still the merchant's and the coordinators'
    assertThat(outsider.get(edit).statusCode()).isEqualTo(403);
  }
}
