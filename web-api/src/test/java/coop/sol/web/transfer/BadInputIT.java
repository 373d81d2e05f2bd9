package coop.sol.web.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Bad requests to {@code POST /api/v1/transfers}: each is answered with a clear 4xx problem, and
 * none writes anything — the journal and the balances are the same after all of them.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  private final Callers callers;
  private final int port;
  private Network network;
  private String payer;
  private long debit;
  private long credit;
  private Map<StrandKind, Long> journalBefore;

  @Autowired
  BadInputIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.port = port;
  }

  @BeforeAll
  void aPayerWithMoney() {
    network = callers.newNetwork("erreurs");
    payer = callers.newUser("maladroit", Role.MEMBER, network, "100.00");
    String shop = callers.newUser("echoppe", Role.MERCHANT, network, null);
    debit = callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION).id().value();
    credit =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    journalBefore = callers.ledger().verifier().verify(network.id()).rows();
  }

  private Api.Response post(String body) {
    return callers
        .as(payer)
        .post("/api/v1/transfers", body)
        .header("Idempotency-Key", "bad-" + body.hashCode())
        .send();
  }

  private void assertProblem(Api.Response response, int status, String code) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.code()).as("%s", response).isEqualTo(code);
    assertThat(response.body()).doesNotContain("Exception", "at coop.", "tools.jackson");
  }

  private void assertNothingWritten() {
    var report = callers.ledger().verifier().verify(network.id());
    assertThat(report.valid()).isTrue();
    assertThat(report.rows()).isEqualTo(journalBefore);
    var account = callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION);
    assertThat(account.balance().posted()).isEqualTo(10_000);
  }

  @Test
  void malformed_json_is_a_malformed_request() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("truncated", "{\"debitAccountId\": " + debit + ", \"amount\": \"1.00\"");
    bodies.put("not json", "debit=1&credit=2");
    bodies.put("empty", "");
    bodies.put("an array", "[1, 2]");
    bodies.put("trailing garbage", payment("1.00") + " {}");
    bodies.put("a duplicate property", payment("1.00").replace("}", ", \"amount\": \"99.00\"}"));
    bodies.put("a comment", payment("1.00").replace("{", "{ /* hi */ "));
    bodies.put("single quotes", payment("1.00").replace('"', '\''));
    bodies.forEach(
        (what, body) -> {
          Api.Response response = post(body);
          assertThat(response.status()).as(what).isEqualTo(400);
          assertProblem(response, 400, "MALFORMED_REQUEST");
        });
    assertNothingWritten();
  }

  @Test
  void wrong_types_and_unknown_fields_are_malformed_requests() {
    List<String> bodies =
        List.of(
            // an amount must be a string, so that it is exact
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": 12.5}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": 12}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": true}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": [\"1.00\"]}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": {\"value\": \"1\"}}",
            // ids are numbers, not strings nor fractions
            "{\"debitAccountId\": \"%d\", \"creditAccountId\": %d, \"amount\": \"1.00\"}",
            "{\"debitAccountId\": %d.5, \"creditAccountId\": %d, \"amount\": \"1.00\"}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": \"1.00\", \"memo\": 5}",
            // unknown fields are not silently dropped
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": \"1.00\", \"fee\": \"0\"}",
            "{\"debitAccountId\": %d, \"creditAccountId\": %d, \"amount\": \"1.00\", \"code\": \"ISSUANCE\"}");
    for (String template : bodies) {
      String body = template.formatted(debit, credit);
      assertProblem(post(body), 400, "MALFORMED_REQUEST");
    }
    assertNothingWritten();
  }

  @Test
  void missing_or_oversized_fields_fail_validation() {
    assertProblem(
        post("{\"creditAccountId\": " + credit + ", \"amount\": \"1.00\"}"),
        400,
        "VALIDATION_FAILED");
    assertProblem(
        post("{\"debitAccountId\": " + debit + ", \"amount\": \"1.00\"}"),
        400,
        "VALIDATION_FAILED");
    assertProblem(
        post(
            Api.json(
                "debitAccountId",
                debit,
                "creditAccountId",
                credit,
                "amount",
                "1.00",
                "memo",
                "x".repeat(501))),
        400,
        "VALIDATION_FAILED");
    assertProblem(
        post(
            Api.json(
                "debitAccountId",
                debit,
                "creditAccountId",
                credit,
                "amount",
                "1.00",
                "reference",
                "r".repeat(201))),
        400,
        "VALIDATION_FAILED");
    assertNothingWritten();
  }

  @Test
  void every_invalid_amount_form_is_an_invalid_amount() {
    List<String> amounts =
        List.of(
            "0",
            "0.00",
            "-1.00",
            "-0.01",
            "+1.00",
            "abc",
            "1e3",
            "1E2",
            " 12.50",
            "12.50 ",
            "12.501",
            "1,50",
            "1 000",
            "12.",
            ".5",
            "",
            "NaN",
            "Infinity",
            "0x10",
            "１２",
            "1000000000000.00",
            "99999999999999999999",
            "12.5.0",
            "1.000");
    for (String amount : amounts) {
      assertProblem(post(payment(amount)), 400, "INVALID_AMOUNT");
    }
    assertProblem(
        post("{\"debitAccountId\": " + debit + ", \"creditAccountId\": " + credit + "}"),
        400,
        "INVALID_AMOUNT");
    assertProblem(post(payment(null)), 400, "INVALID_AMOUNT");
    assertNothingWritten();
  }

  @Test
  void huge_bodies_are_refused_before_they_are_read() throws Exception {
    String huge = payment("1.00").replace("}", ", \"memo\": \"" + "x".repeat(100_000) + "\"}");
    assertProblem(post(huge), 413, "PAYLOAD_TOO_LARGE");

    // the same without a Content-Length (chunked), which must be counted as it is read
    var chunked =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/transfers"))
            .header("Authorization", "Bearer " + callers.token(payer))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "chunked-huge")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
    assertNothingWritten();
  }

  @Test
  void a_small_chunked_body_is_read_as_usual() throws Exception {
    // in a network of its own, since it does post
    Network elsewhere = callers.newNetwork("fragments");
    String member = callers.newUser("morceaux", Role.MEMBER, elsewhere, "1.00");
    String shop = callers.newUser("comptoir-b", Role.MERCHANT, elsewhere, null);
    String body =
        Api.json(
            "debitAccountId",
            callers
                .account(elsewhere, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
                .id()
                .value(),
            "creditAccountId",
            callers
                .account(elsewhere, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION)
                .id()
                .value(),
            "amount",
            "0.40");
    var chunked =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/transfers"))
            .header("Authorization", "Bearer " + callers.token(member))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "chunked-small")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains("\"amount\":\"0.40\"");
  }

  @Test
  void other_media_types_are_refused() {
    Api.Response response =
        callers
            .as(payer)
            .post("/api/v1/transfers", payment("1.00"))
            .header("Content-Type", "text/plain")
            .header("Idempotency-Key", "text-plain")
            .send();
    assertThat(response.status()).isIn(400, 415);
    assertThat(response.code()).isNotNull();
    assertNothingWritten();
  }

  private String payment(String amount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("debitAccountId", debit);
    body.put("creditAccountId", credit);
    body.put("amount", amount);
    return Api.JSON.writeValueAsString(body);
  }
}
