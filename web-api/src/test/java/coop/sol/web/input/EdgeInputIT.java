package coop.sol.web.input;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Hostile input at the edge of the API, one class of fault per test: dates and periods out of the
 * supported years, free text with control characters or lone surrogates, amounts in other spellings
 * than the canonical one, path ids in other digits than ASCII. Each is a 400 problem with its
 * stable code (naming the field where there is one) and writes nothing: journal, tokens,
 * corrections, payment requests, voucher lots and audit entries are counted before and after each
 * test.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeInputIT {
  private final Callers callers;
  private final ApplicationContext context;
  private Network network;
  private String member;
  private String shop;
  private long memberAccount;
  private long shopAccount;
  private String before;

  @Autowired
  EdgeInputIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @BeforeAll
  void aMemberAndAShop() {
    network = callers.newNetwork("bords");
    member = callers.newUser("hardi", Role.MEMBER, network, "50.00");
    shop = callers.newUser("etal", Role.MERCHANT, network, null);
    memberAccount =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    shopAccount =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    // the callers' tokens, made now rather than by the first request of a test
    for (String user : List.of(member, shop, "coord1", "mairie")) {
      callers.token(user);
    }
  }

  @BeforeEach
  void counts() {
    before = snapshot();
  }

  @Test
  void dates_and_periods_out_of_the_supported_years_are_invalid_period() {
    String history = "/api/v1/accounts/" + memberAccount + "/transfers?";
    refused(
        get(member, history + "from=" + q("+999999999-12-31T23:59:59Z")), "INVALID_PERIOD", "from");
    refused(get(member, history + "to=" + q("-999999999-01-01T00:00:00Z")), "INVALID_PERIOD", "to");
    refused(get(member, history + "from=" + q("1899-12-31T23:59:59Z")), "INVALID_PERIOD", "from");
    refused(get(member, history + "from=nope"), "INVALID_PERIOD", "from");
    refused(
        get(member, history + "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
        "INVALID_PERIOD",
        "to");
    assertThat(get(member, history + "from=1900-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").status())
        .isEqualTo(200);

    String report = "/api/v1/reports/circulation";
    refused(
        get("coord1", report + "?period=custom&from=0001-01-01&to=0002-01-01"),
        "INVALID_PERIOD",
        "from");
    refused(
        get("coord1", report + "?period=custom&from=" + q("+99999-01-01") + "&to=2026-01-01"),
        "INVALID_PERIOD",
        "from");
    refused(get("coord1", report + "?period=year&date=" + q("+10000")), "INVALID_PERIOD", "date");
    refused(get("coord1", report + ".csv?period=day&date=1899-12-31"), "INVALID_PERIOD", "date");
    refused(
        get("coord1", "/api/v1/reports/charts/flows.png?period=month&date=1850-01"),
        "INVALID_PERIOD",
        "date");
    refused(
        get("coord1", "/api/v1/reports/circulation/signed?period=day&date=0000-01-01"),
        "INVALID_PERIOD",
        "date");
    // the edges of the supported years are reports like any other
    for (String edge :
        List.of(
            "?period=year&date=9999",
            "?period=day&date=1900-01-01",
            "?period=month&date=9999-12")) {
      assertThat(get("coord1", report + edge).status()).as(edge).isEqualTo(200);
      assertThat(get("coord1", "/api/v1/reports/charts/circulation.png" + edge).status())
          .as(edge)
          .isEqualTo(200);
    }

    String preview = "/api/v1/fonte/preview?strand=COOPERATION&period=";
    refused(get("coord1", preview + q("0001-01-01..0002-01-01")), "INVALID_PERIOD", "period");
    refused(get("coord1", preview + q("2026-01-01..+99999-01-01")), "INVALID_PERIOD", "period");
    refused(get("coord1", preview + q("2026-04-01..2026-01-01")), "INVALID_PERIOD", "period");

    // dates in JSON bodies: a voucher lot that would expire in the year 10000
    String grant =
        "{\"network\":\"demo\",\"beneficiary\":\"alice\",\"amount\":\"1.00\","
            + "\"expiresAt\":\"%s\",\"categories\":[\"FOOD\"],\"label\":\"Bord\"}";
    refused(
        post("mairie", "/api/v1/vouchers/grants", grant.formatted("+10000-01-01T00:00:00Z"), "g1"),
        "INVALID_PERIOD",
        "expiresAt");
    refused(
        post("mairie", "/api/v1/vouchers/grants", grant.formatted("1850-01-01T00:00:00Z"), "g2"),
        "INVALID_PERIOD",
        "expiresAt");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void control_characters_and_lone_surrogates_are_invalid_text_and_write_nothing() {
    // a correction's reason: a paragraph, but no NUL
    refused(
        post(
            "coord1",
            "/api/v1/corrections",
            "{\"strand\":\"COOPERATION\",\"debitAccountId\":1,\"creditAccountId\":2,"
                + "\"amount\":\"1.00\",\"reason\":\"erreur\\u0000 de caisse\"}",
            "c1"),
        "INVALID_TEXT",
        "reason");
    // a token's name, before the password is even checked
    refused(
        callers
            .api()
            .post(
                "/api/v1/auth/tokens",
                "{\"username\":\""
                    + member
                    + "\",\"password\":\""
                    + callers.password(member)
                    + "\",\"name\":\"caisse\\u0000\",\"scopes\":[\"read\"]}")
            .send(),
        "INVALID_TEXT",
        "name");
    // a payment's memo: NUL, another control character, a lone surrogate (stored as "?" before)
    for (String memo : List.of("a\\u0000b", "a\\u0007b", "a\\ud800b", "a\\udc00", "a\\nb")) {
      refused(
          post(member, "/api/v1/transfers", payment("1.00", memo), "memo-" + memo.hashCode()),
          "INVALID_TEXT",
          "memo");
    }
    // a payment request's reference
    refused(
        post(
            shop,
            "/api/v1/payment-requests",
            "{\"merchantAccountId\":"
                + shopAccount
                + ",\"amount\":\"1.00\",\"reference\":\"T\\u0000\"}",
            "pr"),
        "INVALID_TEXT",
        "reference");
    // strings in lists too, and query parameters
    refused(
        post(
            "mairie",
            "/api/v1/vouchers/grants",
            "{\"network\":\"demo\",\"beneficiary\":\"alice\",\"amount\":\"1.00\","
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"categories\":[\"FOOD\",\"\\u001b\"],"
                + "\"label\":\"Bord\"}",
            "g3"),
        "INVALID_TEXT",
        "categories.1");
    refused(get(member, "/api/v1/me?x=%01"), "INVALID_TEXT", "x");
    refused(
        get(member, "/api/v1/accounts/" + memberAccount + "/transfers?code=%00"),
        "INVALID_TEXT",
        "code");
    assertThat(snapshot()).isEqualTo(before);

    // the same memo without the surrogate goes through, once
    Api.Response paid = post(member, "/api/v1/transfers", payment("0.10", "a🥖b"), "memo-ok");
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    assertThat(paid.json().get("memo").asString()).isEqualTo("a🥖b");
    Api.Response again = post(member, "/api/v1/transfers", payment("0.10", "a🥖b"), "memo-ok");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void amounts_have_one_spelling() {
    for (String amount :
        List.of(
            "01.50", "00.01", "+1", "1.", ".5", " 1", "1e2", "1E2", "\\u0661", "0x1", "1.500")) {
      refused(
          post(member, "/api/v1/transfers", payment(amount, null), "amt-" + amount.hashCode()),
          "INVALID_AMOUNT",
          null);
    }
    refused(
        get(shop, "/api/v1/reconversions/quote?network=" + network.code() + "&amount=01.00"),
        "INVALID_AMOUNT",
        null);
    assertThat(snapshot()).isEqualTo(before);
    for (String amount : List.of("0.01", "1.5", "1", "0.50")) {
      Api.Response paid = post(member, "/api/v1/transfers", payment(amount, null), "ok-" + amount);
      assertThat(paid.status()).as(amount).isEqualTo(201);
    }
  }

  @Test
  void path_and_query_numbers_are_ascii_digits_only() {
    assertThat(get(member, "/api/v1/accounts/" + memberAccount).status()).isEqualTo(200);
    String arabicIndic =
        memberAccount == 3 ? "%D9%A3" : q(toArabicIndic(Long.toString(memberAccount)));
    for (String id :
        List.of(
            arabicIndic,
            q(toFullWidth(Long.toString(memberAccount))),
            "0x" + Long.toHexString(memberAccount),
            "%2B" + memberAccount,
            "%23" + memberAccount)) {
      refused(get(member, "/api/v1/accounts/" + id), "INVALID_PARAMETER", null);
      refused(get(member, "/api/v1/accounts/" + id + "/transfers"), "INVALID_PARAMETER", null);
      refused(get(member, "/api/v1/transfers/" + id), "INVALID_PARAMETER", null);
    }
    refused(
        get(member, "/api/v1/accounts/" + memberAccount + "/transfers?limit=" + q("٥")),
        "INVALID_PARAMETER",
        null);
    refused(
        get(member, "/api/v1/accounts/" + memberAccount + "/transfers?before=1%202"),
        "INVALID_PARAMETER",
        null);
  }

  private static String toArabicIndic(String digits) {
    StringBuilder s = new StringBuilder();
    digits.chars().forEach(c -> s.append((char) ('\u0660' + (c - '0'))));
    return s.toString();
  }

  private static String toFullWidth(String digits) {
    StringBuilder s = new StringBuilder();
    digits.chars().forEach(c -> s.append((char) ('\uFF10' + (c - '0'))));
    return s.toString();
  }

  private String payment(String amount, String memo) {
    return "{\"debitAccountId\":"
        + memberAccount
        + ",\"creditAccountId\":"
        + shopAccount
        + ",\"amount\":\""
        + amount
        + "\""
        + (memo == null ? "" : ",\"memo\":\"" + memo + "\"")
        + "}";
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private Api.Response get(String user, String path) {
    return callers.as(user).get(path).send();
  }

  private Api.Response post(String user, String path, String body, String key) {
    return callers.as(user).post(path, body).header("Idempotency-Key", key).send();
  }

  private static void refused(Api.Response response, String code, String field) {
    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.code()).as("%s", response).isEqualTo(code);
    if (field != null) {
      assertThat(response.json().get("field").asString()).as("%s", response).isEqualTo(field);
    }
    assertThat(response.body()).doesNotContain("Exception", "at coop.");
  }

  /** What a refused request must not change. */
  private String snapshot() {
    String query =
        "SELECT (SELECT count(*) FROM transfer) || '/' || (SELECT count(*) FROM api_token)"
            + " || '/' || (SELECT count(*) FROM correction)"
            + " || '/' || (SELECT count(*) FROM payment_request)"
            + " || '/' || (SELECT count(*) FROM voucher_lot)"
            + " || '/' || (SELECT count(*) FROM app_user)";
    try (Connection c = context.getBean(DataSource.class).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
