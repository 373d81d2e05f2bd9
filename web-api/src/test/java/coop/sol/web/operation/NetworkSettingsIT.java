package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** A network's settings over HTTP: coordinators change them (audited), members read the rates. */
@SolApplicationTest
class NetworkSettingsIT {
  private final Callers callers;
  private final ApplicationContext context;
  private OperationsNetwork n;
  private String settings;

  @Autowired
  NetworkSettingsIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeEach
  void aNetwork() {
    n = OperationsNetwork.of(callers, context, "reglages");
    settings = "/api/v1/networks/" + n.network.id().value() + "/settings";
  }

  private Api.Response put(String who, String path, String body) {
    return n.as(who).put(settings + path, body).send();
  }

  @Test
  void a_coordinator_sets_every_part_and_members_read_the_rates_but_not_the_rest() {
    assertThat(
            put(
                    n.coordinator,
                    "/rates",
                    Api.json(
                        "euroPerSol",
                        "0.10",
                        "purchaseBonusPercent",
                        "5",
                        "reconversionFeePercent",
                        "2.5"))
                .status())
        .isEqualTo(200);
    assertThat(put(n.coordinator, "/categories/FOOD", Api.json("label", "Alimentation")).status())
        .isEqualTo(200);
    assertThat(
            put(
                    n.coordinator,
                    "/merchants/" + n.merchant + "/categories",
                    Api.json("categories", List.of("FOOD")))
                .status())
        .isEqualTo(200);
    assertThat(
            put(
                    n.coordinator,
                    "/merchants/" + n.merchant + "/reward-rate",
                    Api.json("percent", "3"))
                .status())
        .isEqualTo(200);
    assertThat(
            put(
                    n.coordinator,
                    "/associations/" + n.association + "/volunteer-rate",
                    Api.json("perHour", "60.00"))
                .status())
        .isEqualTo(200);
    Api.Response fonte =
        put(
            n.coordinator,
            "/fonte-rules/COOPERATION",
            Api.json(
                "enabled",
                true,
                "ratePercent",
                "2",
                "idle",
                "P3M",
                "firstPeriodStart",
                "2026-01-01",
                "minimum",
                "0.01"));
    assertThat(fonte.status()).as(fonte.toString()).isEqualTo(200);

    JsonNode all = fonte.json();
    assertThat(all.get("rates").get("euroPerSol").asString()).isEqualTo("0.1");
    assertThat(all.get("rates").get("purchaseBonusPercent").asString()).isEqualTo("5.00");
    assertThat(all.get("rates").get("reconversionFeePercent").asString()).isEqualTo("2.50");
    assertThat(all.get("rates").get("changedBy").asString()).isEqualTo(n.coordinator);
    assertThat(all.get("categories").get(0).get("code").asString()).isEqualTo("FOOD");
    JsonNode merchant = all.get("merchants").get(0);
    assertThat(merchant.get("merchant").asString()).isEqualTo(n.merchant);
    assertThat(merchant.get("categories").get(0).asString()).isEqualTo("FOOD");
    assertThat(merchant.get("rewardPercent").asString()).isEqualTo("3.00");
    assertThat(all.get("associations").get(0).get("volunteerRatePerHour").asString())
        .isEqualTo("60.00");
    JsonNode rule = all.get("fonteRules").get(0);
    assertThat(rule.get("strand").asString()).isEqualTo("COOPERATION");
    assertThat(rule.get("idle").asString()).isEqualTo("P3M");
    assertThat(rule.get("timeZone").asString()).isEqualTo("Europe/Paris");
    assertThat(rule.get("minimum").asString()).isEqualTo("0.01");

    Api.Response asMember = n.as(n.member).get(settings).send();
    assertThat(asMember.status()).isEqualTo(200);
    JsonNode read = asMember.json();
    assertThat(read.get("rates").get("euroPerSol").asString()).isEqualTo("0.1");
    assertThat(read.get("rates").get("changedBy").isNull()).isTrue();
    assertThat(read.get("fonteRules")).hasSize(1);
    assertThat(read.get("merchants")).isEmpty();
    assertThat(read.get("associations")).isEmpty();
    JsonNode asMerchant = n.as(n.merchant).get(settings).send().json();
    assertThat(asMerchant.get("merchants")).hasSize(1);

    // each change is in the network's audit log
    JsonNode audit = n.as(n.coordinator).get("/api/v1/audit").send().json().get("items");
    long changes = 0;
    for (JsonNode entry : audit) {
      if (entry.get("action").asString().equals("NETWORK_SETTINGS_CHANGED")
          && entry.get("actor").asString().equals(n.coordinator)) {
        changes++;
      }
    }
    assertThat(changes).isEqualTo(6);
  }

  @Test
  void changing_settings_needs_the_admin_scope_reading_them_the_read_scope() {
    Api readOnly = callers.api().as(callers.createToken(n.coordinator, List.of("read")));
    assertThat(readOnly.get(settings).send().status()).isEqualTo(200);
    Api.Response refused =
        readOnly.put(settings + "/categories/FOOD", Api.json("label", "Alimentation")).send();
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("INSUFFICIENT_SCOPE");
    Api payOnly = callers.api().as(callers.createToken(n.member, List.of("pay")));
    assertThat(payOnly.get(settings).send().code()).isEqualTo("INSUFFICIENT_SCOPE");
  }

  @Test
  void refusals_are_problems_with_stable_codes() {
    var unknownCategory =
        put(
            n.coordinator,
            "/merchants/" + n.merchant + "/categories",
            Api.json("categories", List.of("NOPE")));
    assertThat(unknownCategory.status()).isEqualTo(422);
    assertThat(unknownCategory.code()).isEqualTo("UNKNOWN_CATEGORY");

    var unknownMerchant =
        put(n.coordinator, "/merchants/nobody/reward-rate", Api.json("percent", "3"));
    assertThat(unknownMerchant.status()).isEqualTo(404);

    var badPercent =
        put(n.coordinator, "/merchants/" + n.merchant + "/reward-rate", Api.json("percent", "101"));
    assertThat(badPercent.status()).isEqualTo(400);
    assertThat(badPercent.code()).isEqualTo("VALIDATION_FAILED");

    var badRate =
        put(
            n.coordinator,
            "/rates",
            Api.json(
                "euroPerSol", "0", "purchaseBonusPercent", "5", "reconversionFeePercent", "5"));
    assertThat(badRate.status()).isEqualTo(400);

    var badIdle =
        put(
            n.coordinator,
            "/fonte-rules/COOPERATION",
            Api.json(
                "enabled",
                true,
                "ratePercent",
                "2",
                "idle",
                "three months",
                "firstPeriodStart",
                "2026-01-01",
                "minimum",
                "0.01"));
    assertThat(badIdle.status()).isEqualTo(400);
    var euroFonte =
        put(
            n.coordinator,
            "/fonte-rules/EURO",
            Api.json(
                "enabled",
                true,
                "ratePercent",
                "2",
                "idle",
                "P1M",
                "firstPeriodStart",
                "2026-01-01",
                "minimum",
                "0.01"));
    assertThat(euroFonte.status()).isEqualTo(400);
    assertThat(euroFonte.code()).isEqualTo("INVALID_PARAMETER");

    // a coordinator of another network: as if this one did not exist
    var other = OperationsNetwork.of(callers, context, "reglages-autre");
    assertThat(n.as(other.coordinator).get(settings).send().status()).isEqualTo(404);
    assertThat(
            n.as(other.coordinator)
                .put(settings + "/categories/FOOD", Api.json("label", "x"))
                .send()
                .status())
        .isEqualTo(404);
  }
}
