package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The public transparency page: absent until a coordinator publishes it, aggregated figures only.
 */
@SolApplicationTest
class TransparencyIT {
  private final Callers callers;
  private final TestHttp pages;
  private SmallJournal j;

  @Autowired
  TransparencyIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.pages = new TestHttp(port);
  }

  @BeforeEach
  void aJournal() {
    j = new SmallJournal(callers);
  }

  private String json() {
    return "/api/v1/public/networks/" + j.network.code() + "/transparency";
  }

  @Test
  void off_by_default_then_published_with_aggregated_figures_only() {
    Api anonymous = callers.api().anonymous();
    assertThat(anonymous.get(json()).send().status()).isEqualTo(404);
    // a browser gets a page that says so, not the API's JSON
    HttpResponse<String> unpublished = pages.get("/transparence/" + j.network.code(), "text/html");
    assertThat(unpublished.statusCode()).isEqualTo(404);
    assertThat(unpublished.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/html");
    assertThat(unpublished.body())
        .contains("data-error-status=\"404\"", "Cette page n&#39;existe pas")
        .doesNotContain("??");
    assertThat(anonymous.get(json()).send().code()).isEqualTo("NOT_FOUND");
    assertThat(pages.get("/transparence/" + j.network.code(), "text/html").statusCode())
        .isEqualTo(404);
    assertThat(
            anonymous
                .get("/api/v1/public/networks/" + j.network.code() + "/checkpoints")
                .send()
                .status())
        .isEqualTo(404);
    assertThat(anonymous.get("/api/v1/public/networks/nowhere/transparency").send().status())
        .isEqualTo(404);

    Api coordinator = callers.as(j.coordinator);
    assertThat(
            coordinator
                .get("/api/v1/reports/transparency")
                .send()
                .json()
                .get("enabled")
                .asBoolean())
        .isFalse();
    assertThat(
            callers
                .as(j.member)
                .put("/api/v1/reports/transparency", Api.json("enabled", true))
                .send()
                .status())
        .isEqualTo(403);
    Api.Response on =
        coordinator.put("/api/v1/reports/transparency", Api.json("enabled", true)).send();
    assertThat(on.status()).as(on.toString()).isEqualTo(200);
    assertThat(on.json().get("page").asString()).isEqualTo("/transparence/" + j.network.code());
    coordinator.post("/api/v1/reports/checkpoints", "").send();

    Api.Response figures = anonymous.get(json()).send();
    assertThat(figures.status()).as(figures.toString()).isEqualTo(200);
    JsonNode f = figures.json();
    assertThat(f.get("strands").get(0).get("strand").asString()).isEqualTo("COOPERATION");
    assertThat(f.get("strands").get(0).get("circulation").asString()).isEqualTo("100.00");
    assertThat(f.get("strands").get(0).get("monthPayments").get("amount").asString())
        .isEqualTo("35.00");
    assertThat(f.get("reserve").get("euros").asString()).isEqualTo("0.00");
    assertThat(f.get("checkpoints").findValuesAsString("strand")).contains("COOPERATION");
    assertThat(f.get("keys")).isNotEmpty();
    // no individual balance, no account holder
    String body = figures.body();
    assertThat(body).doesNotContain(j.member, j.merchant, j.merchant2, "70.00", "25.00");

    HttpResponse<String> page = pages.get("/transparence/" + j.network.code(), "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Transparence du réseau")
        .contains("100,00 SOL")
        .contains("/css/transparency.css")
        .doesNotContain("<script", "style=", j.member, "70,00");
    HttpResponse<String> english =
        pages.get("/transparency/" + j.network.code() + "?lang=en", "text/html");
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(english.body()).contains("Transparency of network").contains("100.00 SOL");
    assertThat(pages.get("/css/transparency.css").statusCode()).isEqualTo(200);
    assertThat(
            anonymous
                .get("/api/v1/public/networks/" + j.network.code() + "/checkpoints")
                .send()
                .status())
        .isEqualTo(200);

    coordinator.put("/api/v1/reports/transparency", Api.json("enabled", false)).send();
    assertThat(anonymous.get(json()).send().status()).isEqualTo(404);
    // a browser gets a page that says so, not the API's JSON
    HttpResponse<String> offPage = pages.get("/transparence/" + j.network.code(), "text/html");
    assertThat(offPage.statusCode()).isEqualTo(404);
    assertThat(offPage.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(offPage.body())
        .contains("data-error-status=\"404\"", "Cette page n&#39;existe pas")
        .doesNotContain("??");
    assertThat(
            coordinator
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .filteredOn("TRANSPARENCY_CHANGED"::equals)
        .hasSize(2);
  }
}
