package coop.sol.web.payment;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.merchant.qr.QrScanner;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Pay tokens over HTTP: a member's capped code, charged once by a till whoever tries and however
 * many at once; tampered, foreign, expired or wrong-kind codes refused with their reason.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayTokenIT {
  private final Callers callers;
  private final int port;
  private final MovableClock clock;
  private Shop shop;

  @Autowired
  PayTokenIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.clock = clock;
    this.callers = Callers.of(port, context);
    this.port = port;
  }

  @AfterEach
  void timeAsItWas() {
    clock.reset();
  }

  @BeforeAll
  void aShopAndAMember() {
    shop = Shop.in(callers).withMembers(1, "1000.00");
  }

  @Test
  void a_token_is_charged_once_up_to_its_cap_and_its_png_reads_back() throws IOException {
    JsonNode token = shop.token(0, "20.00", null);
    assertThat(token.get("status").asString()).isEqualTo("OPEN");
    assertThat(token.get("cap").asString()).isEqualTo("20.00");
    String id = token.get("id").asString();
    var png =
        Raw.bytes(port, callers.token(shop.member(0)), "/api/v1/pay-tokens/" + id + "/qr.png");
    assertThat(png.statusCode()).isEqualTo(200);
    List<String> scanned = QrScanner.scan(ImageIO.read(new ByteArrayInputStream(png.body())));
    assertThat(scanned).containsExactly(token.get("link").asString());
    long member = shop.balance(shop.memberAccount(0));
    long merchant = shop.balance(shop.merchantAccount);

    Api.Response overCap = shop.redeem(shop.cashier, scanned.get(0), "20.01", "t1");
    assertThat(overCap.status()).isEqualTo(422);
    assertThat(overCap.code()).isEqualTo("PAY_TOKEN_CAP_EXCEEDED");

    Api.Response charged = shop.redeem(shop.cashier, scanned.get(0), "12.50", "t1");
    assertThat(charged.status()).as(charged.toString()).isEqualTo(201);
    assertThat(charged.json().get("debitAccountId").asLong()).isEqualTo(shop.memberAccount(0));
    assertThat(charged.json().get("creditAccountId").asLong()).isEqualTo(shop.merchantAccount);
    Api.Response retry = shop.redeem(shop.cashier, scanned.get(0), "12.50", "t1");
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().get("id").asLong()).isEqualTo(charged.json().get("id").asLong());
    Api.Response again = shop.redeem(shop.merchant, scanned.get(0), "12.50", "t2");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("PAY_TOKEN_ALREADY_USED");
    Api.Response sameTillOtherKey = shop.redeem(shop.cashier, scanned.get(0), "1.00", "t3");
    assertThat(sameTillOtherKey.code()).isEqualTo("PAY_TOKEN_ALREADY_USED");

    JsonNode used = shop.as(shop.member(0)).get("/api/v1/pay-tokens/" + id).send().json();
    assertThat(used.get("status").asString()).isEqualTo("USED");
    assertThat(used.get("usedAmount").asString()).isEqualTo("12.50");
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(member - 12_50);
    assertThat(shop.balance(shop.merchantAccount)).isEqualTo(merchant + 12_50);
    // the till sees nothing of the member's token but what the code says
    assertThat(shop.as(shop.cashier).get("/api/v1/pay-tokens/" + id).send().status())
        .isEqualTo(404);
  }

  @Test
  void twenty_concurrent_charges_post_once() throws Exception {
    JsonNode token = shop.token(0, "5.00", null);
    String code = token.get("code").asString();
    long member = shop.balance(shop.memberAccount(0));
    var pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Response>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // two tills, each retrying its one charge with its own key, and others with keys of their own
      String who = i % 2 == 0 ? shop.cashier : shop.merchant;
      String key = i < 10 ? "till-" + (i % 2) : "other-" + i;
      Callable<Api.Response> charge =
          () -> {
            start.await();
            return shop.redeem(who, code, "4.00", key);
          };
      futures.add(pool.submit(charge));
    }
    start.countDown();
    List<Api.Response> responses = new ArrayList<>();
    for (var future : futures) {
      responses.add(future.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    Map<Integer, Long> statuses =
        responses.stream()
            .collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
    assertThat(statuses.get(201)).as("%s", responses).isEqualTo(1);
    assertThat(statuses.keySet()).as("%s", responses).isSubsetOf(200, 201, 409);
    Transfer posted =
        callers
            .ledger()
            .transfers()
            .findByKey(shop.network.id(), new IdempotencyKey("pt-" + token.get("id").asString()))
            .orElseThrow();
    assertThat(posted.amount()).isEqualTo(4_00);
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(member - 4_00);
    assertThat(responses)
        .filteredOn(r -> r.status() == 409)
        .allSatisfy(r -> assertThat(r.code()).isEqualTo("PAY_TOKEN_ALREADY_USED"));
    assertThat(responses)
        .filteredOn(r -> r.status() < 300)
        .allSatisfy(r -> assertThat(r.json().get("id").asLong()).isEqualTo(posted.id().value()));
  }

  @Test
  void codes_that_are_not_a_genuine_unexpired_token_of_the_network_are_refused_with_their_reason()
      throws InterruptedException {
    long member = shop.balance(shop.memberAccount(0));
    String code = shop.token(0, "5.00", null).get("code").asString();
    String expiring = shop.token(0, "5.00", 1).get("code").asString();

    char last = code.charAt(code.length() - 10);
    String tampered =
        code.substring(0, code.length() - 10)
            + (last == 'A' ? 'B' : 'A')
            + code.substring(code.length() - 9);
    assertThat(refusal(tampered)).isEqualTo("PAYMENT_CODE_BAD_SIGNATURE");
    assertThat(refusal("https://example.org/p/not-a-code")).isEqualTo("PAYMENT_CODE_NOT_OURS");
    assertThat(refusal("WIFI:S:cafe;T:WPA;P:secret;;")).isEqualTo("PAYMENT_CODE_NOT_OURS");

    String request = shop.request("1.00").get("code").asString();
    assertThat(refusal(request)).isEqualTo("PAYMENT_CODE_WRONG_KIND");

    // another network's token: its key is not one of this network's
    Shop elsewhere = Shop.in(callers).withMembers(1, "10.00");
    String foreign = elsewhere.token(0, "5.00", null).get("code").asString();
    assertThat(refusal(foreign)).isEqualTo("PAYMENT_CODE_UNKNOWN_KEY");

    // a till offline checked this one in time, and sends its charge once back online
    JsonNode checkedOffline = shop.token(0, "5.00", 1);
    Instant scannedAt = Instant.now();

    clock.advance(Duration.ofSeconds(2)); // past the one-second tokens' expiry
    assertThat(refusal(expiring)).isEqualTo("PAYMENT_CODE_EXPIRED");
    String late = checkedOffline.get("code").asString();
    assertThat(offline(late, Instant.now().minus(Duration.ofHours(25))).code())
        .isEqualTo("PAYMENT_CODE_EXPIRED");
    assertThat(offline(late, Instant.now().plus(Duration.ofMinutes(5))).status()).isEqualTo(400);
    Api.Response sentLater = offline(late, scannedAt);
    assertThat(sentLater.status()).as(sentLater.toString()).isEqualTo(201);
    member -= 1_00;
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(member);
    // the genuine one still works
    assertThat(shop.redeem(shop.cashier, code, "5.00", "genuine").status()).isEqualTo(201);
  }

  @Test
  void a_refused_charge_leaves_the_token_usable_and_only_tills_of_the_account_charge() {
    String code = shop.token(0, "5000.00", null).get("code").asString();
    Api.Response poor = shop.redeem(shop.cashier, code, "4000.00", "big");
    assertThat(poor.status()).isEqualTo(422);
    assertThat(poor.code()).isEqualTo("INSUFFICIENT_FUNDS");
    Shop elsewhere = Shop.in(callers);
    Api.Response foreignTill =
        elsewhere.redeem(elsewhere.cashier, code, elsewhere.merchantAccount, "1.00", "x");
    assertThat(foreignTill.code()).isEqualTo("PAYMENT_CODE_UNKNOWN_KEY");
    Api.Response notTheirs =
        elsewhere.redeem(elsewhere.cashier, code, shop.merchantAccount, "1.00", "x");
    assertThat(notTheirs.status()).isEqualTo(422);
    assertThat(notTheirs.code()).isEqualTo("MERCHANT_ACCOUNT_NOT_FOUND");
    Api.Response member = shop.redeem(shop.member(0), code, "1.00", "self");
    assertThat(member.status()).isEqualTo(403);
    assertThat(shop.redeem(shop.merchant, code, "1.00", "small").status()).isEqualTo(201);
  }

  private Api.Response offline(String code, Instant scannedAt) {
    return shop.as(shop.cashier)
        .post(
            "/api/v1/pay-tokens/redeem",
            Api.json(
                "code",
                code,
                "merchantAccountId",
                shop.merchantAccount,
                "amount",
                "1.00",
                "scannedAt",
                scannedAt.toString()))
        .header("Idempotency-Key", "offline-" + scannedAt)
        .send();
  }

  private String refusal(String code) {
    Api.Response response = shop.redeem(shop.cashier, code, "1.00", "refused-" + code.hashCode());
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    return response.code();
  }
}
