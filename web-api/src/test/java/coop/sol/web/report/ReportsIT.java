package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The circulation report over HTTP on a small journal with known figures: JSON, charts, and who may
 * ask.
 */
@SolApplicationTest
class ReportsIT {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  final Callers callers;
  final ApplicationContext context;
  final ReportHttp http;
  Network network;
  String coordinator;
  String member;
  String merchant;
  String merchant2;

  @Autowired
  ReportsIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.http = new ReportHttp(port);
  }

  /**
   * Today, in a network of its own: 100.00 issued to the member, who pays 30.00 to a merchant, who
   * pays 5.00 to another merchant. Circulation 0 → 100.00; payments 2 for 35.00.
   */
  @BeforeEach
  void aSmallJournal() {
    network = callers.newNetwork("rapport");
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    member = callers.newUser("membre", Role.MEMBER, network, "100.00");
    merchant = callers.newUser("commerce", Role.MERCHANT, network, null);
    merchant2 = callers.newUser("commerce", Role.MERCHANT, network, null);
    pay(member, OwnerKind.MEMBER, merchant, 3000, "p1");
    pay(merchant, OwnerKind.MERCHANT, merchant2, 500, "p2");
  }

  void pay(String from, OwnerKind fromKind, String to, long minor, String key) {
    Account debit = callers.account(network, fromKind, from, StrandKind.COOPERATION);
    Account credit = callers.account(network, OwnerKind.MERCHANT, to, StrandKind.COOPERATION);
    var outcome =
        callers
            .ledger()
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                    new IdempotencyKey(key),
                    StrandKind.COOPERATION,
                    debit.id(),
                    credit.id(),
                    Amount.of(minor),
                    TransferCode.PAYMENT));
    assertThat(outcome.isPosted()).isTrue();
  }

  String month() {
    return YearMonth.now(PARIS).toString();
  }

  @Test
  void the_json_report_gives_the_journals_figures() {
    Api.Response r =
        callers
            .as(coordinator)
            .get("/api/v1/reports/circulation?period=month&date=" + month())
            .send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("header").get("network").asString()).isEqualTo(network.code());
    assertThat(j.get("header").get("strand").asString()).isEqualTo("COOPERATION");
    assertThat(j.get("header").get("granularity").asString()).isEqualTo("MONTH");
    assertThat(j.get("header").get("from").asString())
        .isEqualTo(YearMonth.now(PARIS).atDay(1).toString());
    assertThat(j.get("circulation").get("atStart").asString()).isEqualTo("0.00");
    assertThat(j.get("circulation").get("atEnd").asString()).isEqualTo("100.00");
    assertThat(j.get("issued").get("bought").get("count").asLong()).isEqualTo(1);
    assertThat(j.get("issued").get("bought").get("amount").asString()).isEqualTo("100.00");
    assertThat(j.get("payments").get("payments").get("count").asLong()).isEqualTo(2);
    assertThat(j.get("payments").get("payments").get("amount").asString()).isEqualTo("35.00");
    JsonNode split = j.get("payments").get("split");
    assertThat(split.get("memberToMerchant").get("amount").asString()).isEqualTo("30.00");
    assertThat(split.get("merchantToMerchant").get("amount").asString()).isEqualTo("5.00");
    assertThat(split.get("merchantToEuros").get("amount").asString()).isEqualTo("0.00");
    assertThat(j.get("payments").get("activeMembers").asLong()).isEqualTo(1);
    assertThat(j.get("payments").get("activeMerchants").asLong()).isEqualTo(2);
    JsonNode top = j.get("payments").get("topByReceived");
    assertThat(top.get(0).get("owner").asString()).isEqualTo(merchant);
    assertThat(top.get(0).get("amount").get("amount").asString()).isEqualTo("30.00");
    assertThat(j.get("reserve").get("atEnd").asString()).isEqualTo("0.00");
    assertThat(j.get("reserve").get("coverageAtEnd").asString()).isEqualTo("0.0000");
    JsonNode days = j.get("circulationByDay");
    assertThat(days.get(days.size() - 1).get("day").asString())
        .isEqualTo(LocalDate.now(PARIS).toString());
    assertThat(days.get(days.size() - 1).get("circulation").asString()).isEqualTo("100.00");

    // another strand: nothing there, and no reserve
    JsonNode engagement =
        callers
            .as(coordinator)
            .get("/api/v1/reports/circulation?strand=ENGAGEMENT&period=day")
            .send()
            .json();
    assertThat(engagement.get("reserve").isNull()).isTrue();
    assertThat(engagement.get("circulation").get("atEnd").asString()).isEqualTo("0.00");
  }

  @Test
  void wrong_parameters_are_problems_and_other_callers_are_refused() {
    Api coord = callers.as(coordinator);
    assertThat(coord.get("/api/v1/reports/circulation?period=week").send().code())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(coord.get("/api/v1/reports/circulation?strand=EURO").send().code())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(coord.get("/api/v1/reports/circulation?period=day&date=2026-13-01").send().code())
        .isEqualTo("INVALID_PERIOD");
    assertThat(
            coord
                .get("/api/v1/reports/circulation?period=custom&from=2026-02-01&to=2026-01-01")
                .send()
                .code())
        .isEqualTo("INVALID_PERIOD");
    assertThat(coord.get("/api/v1/reports/circulation?network=demo").send().status())
        .isEqualTo(404);
    assertThat(callers.as(member).get("/api/v1/reports/circulation").send().status())
        .isEqualTo(403);
    assertThat(
            callers
                .as("coord1")
                .get("/api/v1/reports/circulation?network=" + network.code())
                .send()
                .status())
        .isEqualTo(404);
    // the installation's administrator holds no role in a network: none of its ledger data
    for (String path :
        List.of(
            "/api/v1/reports/circulation",
            "/api/v1/reports/circulation.csv",
            "/api/v1/reports/charts/flows.png",
            "/api/v1/reports/circulation/signed",
            "/api/v1/reports/export.zip",
            "/api/v1/reports/transparency")) {
      for (String code : List.of(network.code(), "demo")) {
        Api.Response refused = callers.as("admin").get(path + "?network=" + code).send();
        assertThat(refused.status()).as("%s of %s", path, code).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
      }
    }
    assertThat(
            callers
                .as("admin")
                .get("/api/v1/reports/checkpoints?network=" + network.code())
                .send()
                .status())
        .isEqualTo(404);
  }

  @Test
  void each_chart_is_a_png_in_french_or_english() throws IOException {
    String token = callers.token(coordinator);
    for (String chart : new String[] {"circulation", "flows", "top-merchants", "coverage"}) {
      for (String lang : new String[] {"fr", "en"}) {
        HttpResponse<byte[]> png =
            http.get(
                "/api/v1/reports/charts/"
                    + chart
                    + ".png?period=month&date="
                    + month()
                    + "&lang="
                    + lang,
                token);
        assertThat(png.statusCode()).as(chart).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
        assertThat(png.headers().firstValue("Content-Language").orElse("")).isEqualTo(lang);
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(450);
      }
    }
    assertThat(http.get("/api/v1/reports/charts/pie.png", token).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/reports/charts/flows.png", callers.token(member)).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/api/v1/reports/charts/flows.png", null).statusCode()).isEqualTo(401);
  }
}
