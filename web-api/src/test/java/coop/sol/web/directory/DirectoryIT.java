package coop.sol.web.directory;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The directory of merchants over HTTP: listings written by their merchant or a coordinator and by
 * nobody else, searchable, with an OpenStreetMap link and a PDF guide; members only until a
 * coordinator publishes it, then readable without logging in.
 */
@SolApplicationTest
class DirectoryIT {
  private final Callers callers;
  private final Operations operations;
  private Network network;
  private String coordinator;
  private String member;
  private String bakery;
  private String bookshop;
  private String outsider;
  private long bakeryAccount;
  private long bookshopAccount;

  @Autowired
  DirectoryIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  @BeforeEach
  void aNetwork() {
    network = callers.newNetwork("annuaire");
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    member = callers.newUser("membre", Role.MEMBER, network, null);
    bakery = callers.newUser("boulangerie", Role.MERCHANT, network, null);
    bookshop = callers.newUser("librairie", Role.MERCHANT, network, null);
    outsider = callers.newUser("membre", Role.MEMBER, callers.newNetwork("ailleurs"), null);
    bakeryAccount =
        callers.account(network, OwnerKind.MERCHANT, bakery, StrandKind.COOPERATION).id().value();
    bookshopAccount =
        callers.account(network, OwnerKind.MERCHANT, bookshop, StrandKind.COOPERATION).id().value();
    var settings = operations.settings();
    settings.defineCategory(network.id(), new MerchantCategory("FOOD", "Alimentation"));
    settings.defineCategory(network.id(), new MerchantCategory("BOOKS", "Livres"));
    settings.changeMerchantCategories(network.id(), bakery, Set.of("FOOD"), Actor.of("test"));
    settings.changeMerchantCategories(network.id(), bookshop, Set.of("BOOKS"), Actor.of("test"));
  }

  private static String profile(String name, String town, String... strands) {
    return Api.json(
        "tradingName", name,
        "description", "Pain au levain\net viennoiseries",
        "address", "12 quai de la Douane",
        "town", town,
        "openingHours", "mar.–sam. 7 h–19 h",
        "phone", "02 98 00 00 01",
        "website", "https://exemple.org",
        "strands", List.of(strands));
  }

  private String directory(String query) {
    return "/api/v1/directory?network=" + network.code() + query;
  }

  @Test
  void the_merchant_and_coordinators_write_a_listing_and_nobody_else() {
    String path = "/api/v1/merchants/" + bakeryAccount + "/profile";
    Api.Response own =
        callers
            .as(bakery)
            .put(path, profile("Boulangerie du Port", "Brest", "COOPERATION", "AFFECTE"))
            .send();
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    JsonNode entry = own.json().get("entry");
    assertThat(entry.get("tradingName").asString()).isEqualTo("Boulangerie du Port");
    assertThat(entry.get("categories").get(0).get("label").asString()).isEqualTo("Alimentation");
    assertThat(entry.get("strands").toString()).isEqualTo("[\"COOPERATION\",\"AFFECTE\"]");
    assertThat(entry.get("mapLink").asString())
        .isEqualTo("https://www.openstreetmap.org/search?query=12+quai+de+la+Douane%2C+Brest");
    assertThat(own.json().get("changedBy").asString()).isEqualTo(bakery);

    Api.Response byCoordinator =
        callers.as(coordinator).put(path, profile("Boulangerie du Port", "Brest")).send();
    assertThat(byCoordinator.status()).as(byCoordinator.toString()).isEqualTo(200);
    assertThat(byCoordinator.json().get("changedBy").asString()).isEqualTo(coordinator);

    // another merchant, a member, someone of another network: as if the account did not exist
    String farMerchant =
        callers.newUser("commerce", Role.MERCHANT, callers.newNetwork("loin"), null);
    for (String other : List.of(bookshop, farMerchant)) {
      assertThat(callers.as(other).put(path, profile("Pirate", "X")).send().status())
          .as(other)
          .isEqualTo(404);
    }
    for (String other : List.of(member, outsider)) {
      assertThat(callers.as(other).put(path, profile("Pirate", "X")).send().status())
          .as(other)
          .isEqualTo(403);
    }
    assertThat(
            callers.as(bakery).get(path).send().json().get("entry").get("tradingName").asString())
        .isEqualTo("Boulangerie du Port");
    // a member's account is no merchant's
    long memberAccount =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    assertThat(
            callers
                .as(coordinator)
                .put("/api/v1/merchants/" + memberAccount + "/profile", profile("X", "Y"))
                .send()
                .status())
        .isEqualTo(404);
    assertThat(
            callers
                .as(coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .contains("MERCHANT_PROFILE_CHANGED");
  }

  @Test
  void bad_fields_are_refused_by_name_and_nothing_is_written() {
    String path = "/api/v1/merchants/" + bakeryAccount + "/profile";
    Map<String, String> refused =
        Map.of(
            "tradingName", Api.json("tradingName", "  "),
            "website", Api.json("tradingName", "B", "website", "javascript:alert(1)"),
            "phone", Api.json("tradingName", "B", "phone", "appelez-moi"),
            "strands", Api.json("tradingName", "B", "strands", List.of("EURO")),
            "town", Api.json("tradingName", "B", "town", "x".repeat(101)));
    refused.forEach(
        (field, body) -> {
          Api.Response r = callers.as(bakery).put(path, body).send();
          assertThat(r.status()).as(field + " " + r).isEqualTo(400);
          assertThat(r.json().get("field").asString()).isEqualTo(field);
        });
    assertThat(callers.as(bakery).get(path).send().status()).isEqualTo(404);
    assertThat(callers.as(member).get(directory("")).send().json().get("merchants")).isEmpty();
  }

  @Test
  void members_only_until_published_then_public_and_searchable() {
    callers
        .as(bakery)
        .put(
            "/api/v1/merchants/" + bakeryAccount + "/profile",
            profile("Boulangerie du Port", "Brest", "COOPERATION"))
        .send();
    callers
        .as(bookshop)
        .put(
            "/api/v1/merchants/" + bookshopAccount + "/profile",
            profile("Librairie des Deux Rives", "Quimper", "COOPERATION", "ENGAGEMENT"))
        .send();
    Api anonymous = callers.api().anonymous();
    assertThat(anonymous.get(directory("")).send().status()).isEqualTo(404);
    assertThat(callers.as(outsider).get(directory("")).send().status()).isEqualTo(404);
    assertThat(
            anonymous
                .get(directory("").replace("directory?", "directory/guide.pdf?"))
                .send()
                .status())
        .isEqualTo(404);

    Api.Response all = callers.as(member).get(directory("")).send();
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(all.json().get("published").asBoolean()).isFalse();
    assertThat(all.json().get("merchants").findValuesAsString("tradingName"))
        .containsExactly("Boulangerie du Port", "Librairie des Deux Rives");
    // searches ignore case and accents; a member with one network needs no code
    assertThat(names(callers.as(member).get("/api/v1/directory?q=LIBRAIRIE").send()))
        .containsExactly("Librairie des Deux Rives");
    assertThat(names(callers.as(member).get(directory("&category=FOOD")).send()))
        .containsExactly("Boulangerie du Port");
    assertThat(names(callers.as(member).get(directory("&category=livres")).send()))
        .containsExactly("Librairie des Deux Rives");
    assertThat(names(callers.as(member).get(directory("&town=quimper")).send()))
        .containsExactly("Librairie des Deux Rives");
    assertThat(names(callers.as(member).get(directory("&q=viennoiserie&town=brest")).send()))
        .containsExactly("Boulangerie du Port");
    assertThat(names(callers.as(member).get(directory("&q=épicerie")).send())).isEmpty();

    assertThat(
            callers
                .as(member)
                .put("/api/v1/directory/publication", Api.json("published", true))
                .send()
                .status())
        .isEqualTo(403);
    Api.Response on =
        callers
            .as(coordinator)
            .put("/api/v1/directory/publication", Api.json("published", true))
            .send();
    assertThat(on.status()).as(on.toString()).isEqualTo(200);
    assertThat(on.json().get("page").asString()).isEqualTo("/annuaire?network=" + network.code());

    Api.Response open = anonymous.get(directory("")).send();
    assertThat(open.status()).as(open.toString()).isEqualTo(200);
    assertThat(open.json().get("published").asBoolean()).isTrue();
    assertThat(open.json().get("merchants")).hasSize(2);
    assertThat(callers.as(outsider).get(directory("")).send().status()).isEqualTo(200);
    Api.Response guide =
        anonymous.get("/api/v1/directory/guide.pdf?network=" + network.code()).send();
    assertThat(guide.status()).isEqualTo(200);
    assertThat(guide.header("Content-Type")).startsWith("application/pdf");
    assertThat(guide.body()).startsWith("%PDF-");
    assertThat(anonymous.get("/api/v1/directory?network=nowhere").send().status()).isEqualTo(404);
    assertThat(anonymous.get("/api/v1/directory").send().status()).isEqualTo(400);

    callers
        .as(coordinator)
        .put("/api/v1/directory/publication", Api.json("published", false))
        .send();
    assertThat(anonymous.get(directory("")).send().status()).isEqualTo(404);
    assertThat(
            callers
                .as(coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .contains("DIRECTORY_PUBLICATION_CHANGED");
  }

  private static List<String> names(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("merchants").findValuesAsString("tradingName");
  }
}
