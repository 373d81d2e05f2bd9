package coop.sol.web.payment;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.Verification;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * Payment requests over HTTP, in a network of their own: signed codes that verify with the
 * published keys and survive a trip through a PNG, paid once whoever tries and however many at
 * once, expiry and cancellation, the till's live status, and a refused payment that leaves the
 * request payable.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentRequestIT {
  private final Callers callers;
  private final int port;
  private final MovableClock clock;
  private Shop shop;

  @Autowired
  PaymentRequestIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.clock = clock;
    this.callers = Callers.of(port, context);
    this.port = port;
  }

  @AfterEach
  void timeAsItWas() {
    clock.reset();
  }

  @BeforeAll
  void aShopAndFourMembers() {
    shop = Shop.in(callers).withMembers(4, "1000.00");
  }

  @Test
  void a_request_is_a_signed_code_that_verifies_offline_and_reads_back_from_its_png()
      throws IOException {
    JsonNode request = shop.request(shop.cashier, "12.50", null);
    assertThat(request.get("status").asString()).isEqualTo("OPEN");
    assertThat(request.get("amount").asString()).isEqualTo("12.50");
    assertThat(request.get("merchantAccountId").asLong()).isEqualTo(shop.merchantAccount);
    assertThat(request.get("networkId").asLong()).isEqualTo(shop.network.id().value());
    String code = request.get("code").asString();
    assertThat(request.get("link").asString()).isEqualTo("http://localhost:" + port + "/p/" + code);
    Instant expiresAt = Instant.parse(request.get("expiresAt").asString());
    assertThat(expiresAt).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));

    TrustedKeys keys = publishedKeys();
    Verification verification =
        PaymentCodes.verify(
            request.get("link").asString(), keys, shop.network.id().value(), Instant.now());
    assertThat(verification).isInstanceOf(Verification.Verified.class);
    var signed = (PaymentRequestCode) ((Verification.Verified) verification).code();
    assertThat(signed.amount()).isEqualTo(1250);
    assertThat(signed.merchantAccountId()).isEqualTo(shop.merchantAccount);
    assertThat(signed.reference()).isEqualTo("Ticket 42");
    assertThat(signed.nonce().toString()).isEqualTo(request.get("id").asString());

    String id = request.get("id").asString();
    var png =
        Raw.bytes(port, callers.token(shop.cashier), "/api/v1/payment-requests/" + id + "/qr.png");
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertThat(QrScanner.scan(image)).containsExactly(request.get("link").asString());

    Api.Response svg =
        shop.as(shop.cashier).get("/api/v1/payment-requests/" + id + "/qr.svg").send();
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(svg.body()).contains("<svg", "12.50 SOL");
  }

  @Test
  void a_request_is_paid_once_its_payer_s_retry_gets_the_same_payment_and_others_a_409() {
    String id = shop.request("7.00").get("id").asString();
    long[] before = balances();

    Api.Response first = shop.pay(shop.member(0), shop.memberAccount(0), id, "k1");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    long transfer = first.json().get("id").asLong();
    assertThat(first.json().get("amount").asString()).isEqualTo("7.00");
    assertThat(first.json().get("reference").asString()).isEqualTo("Ticket 42");

    Api.Response retry = shop.pay(shop.member(0), shop.memberAccount(0), id, "k1");
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().get("id").asLong()).isEqualTo(transfer);

    Api.Response other = shop.pay(shop.member(1), shop.memberAccount(1), id, "k1");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.code()).isEqualTo("PAYMENT_REQUEST_ALREADY_PAID");
    Api.Response sameMemberOtherKey = shop.pay(shop.member(0), shop.memberAccount(0), id, "k2");
    assertThat(sameMemberOtherKey.status()).isEqualTo(409);
    assertThat(sameMemberOtherKey.code()).isEqualTo("PAYMENT_REQUEST_ALREADY_PAID");

    JsonNode paid = shop.as(shop.cashier).get("/api/v1/payment-requests/" + id).send().json();
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("paidTransferId").asLong()).isEqualTo(transfer);
    assertThat(changes(before)).containsExactly(7_00, -7_00, 0, 0, 0);
  }

  @Test
  void twenty_concurrent_payers_post_once() throws Exception {
    String id = shop.request("3.00").get("id").asString();
    long[] before = balances();
    var pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Response>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int member = i % 4;
      // each member's five threads are one payment retried: the same key
      Callable<Api.Response> pay =
          () -> {
            start.await();
            return shop.pay(shop.member(member), shop.memberAccount(member), id, "k-" + member);
          };
      futures.add(pool.submit(pay));
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
    assertThat(statuses.get(201)).as("%s", statuses).isEqualTo(1);
    assertThat(statuses.keySet()).as("%s", responses).isSubsetOf(200, 201, 409);
    Transfer posted =
        callers
            .ledger()
            .transfers()
            .findByKey(shop.network.id(), new IdempotencyKey("pr-" + id))
            .orElseThrow();
    // every success is the one transfer, for one payer
    assertThat(responses)
        .filteredOn(r -> r.status() < 300)
        .allSatisfy(r -> assertThat(r.json().get("id").asLong()).isEqualTo(posted.id().value()))
        .allSatisfy(
            r ->
                assertThat(r.json().get("debitAccountId").asLong())
                    .isEqualTo(posted.debit().value()));
    assertThat(responses)
        .filteredOn(r -> r.status() == 409)
        .allSatisfy(r -> assertThat(r.code()).isEqualTo("PAYMENT_REQUEST_ALREADY_PAID"));
    long[] changes = changes(before);
    assertThat(changes[0]).as("the shop is paid once").isEqualTo(3_00);
    assertThat(Arrays.stream(changes).skip(1).filter(c -> c != 0))
        .as("one member paid, once")
        .containsExactly(-3_00L);
  }

  @Test
  void expired_and_cancelled_requests_are_refused_and_a_cancellation_is_audited() throws Exception {
    String expiring = shop.request(shop.cashier, "1.00", 1).get("id").asString();
    long[] before = balances();
    String cancelled = shop.request("2.00").get("id").asString();
    String paid = shop.request("3.00").get("id").asString();
    assertThat(shop.pay(shop.member(0), shop.memberAccount(0), paid, "p").status()).isEqualTo(201);

    Api.Response cancel =
        shop.as(shop.cashier)
            .post("/api/v1/payment-requests/" + cancelled + "/cancel", null)
            .send();
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
    assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(
            shop.as(shop.merchant)
                .post("/api/v1/payment-requests/" + cancelled + "/cancel", null)
                .send()
                .status())
        .as("cancelling again answers the cancelled request")
        .isEqualTo(200);
    Api.Response payCancelled = shop.pay(shop.member(0), shop.memberAccount(0), cancelled, "c");
    assertThat(payCancelled.status()).isEqualTo(410);
    assertThat(payCancelled.code()).isEqualTo("PAYMENT_REQUEST_CANCELLED");
    Api.Response cancelPaid =
        shop.as(shop.cashier).post("/api/v1/payment-requests/" + paid + "/cancel", null).send();
    assertThat(cancelPaid.status()).isEqualTo(409);
    assertThat(cancelPaid.code()).isEqualTo("PAYMENT_REQUEST_ALREADY_PAID");
    Api.Response memberCancels =
        shop.as(shop.member(0)).post("/api/v1/payment-requests/" + paid + "/cancel", null).send();
    assertThat(memberCancels.status()).isEqualTo(403);

    clock.advance(Duration.ofSeconds(2)); // past the one-second request's expiry
    Api.Response payExpired = shop.pay(shop.member(0), shop.memberAccount(0), expiring, "e");
    assertThat(payExpired.status()).isEqualTo(410);
    assertThat(payExpired.code()).isEqualTo("PAYMENT_REQUEST_EXPIRED");
    assertThat(
            shop.as(shop.cashier)
                .get("/api/v1/payment-requests/" + expiring)
                .send()
                .json()
                .get("status")
                .asString())
        .isEqualTo("EXPIRED");
    assertThat(changes(before)).containsExactly(3_00, -3_00, 0, 0, 0);

    String coordinator =
        callers.newUser("coord", coop.sol.web.user.Role.COORDINATOR, shop.network, null);
    JsonNode audit = callers.as(coordinator).get("/api/v1/audit").send().json();
    List<String> actions = new ArrayList<>();
    for (JsonNode entry : audit.get("items")) {
      actions.add(entry.get("action").asString() + " " + entry.get("target").asString());
    }
    assertThat(actions).contains("PAYMENT_REQUEST_CANCELLED payment request " + cancelled);
  }

  @Test
  void a_refused_payment_leaves_the_request_payable() {
    String id = shop.request("5000.00").get("id").asString();
    Api.Response poor = shop.pay(shop.member(2), shop.memberAccount(2), id, "p");
    assertThat(poor.status()).isEqualTo(422);
    assertThat(poor.code()).isEqualTo("INSUFFICIENT_FUNDS");
    callers.fund(
        shop.network,
        callers
            .ledger()
            .accounts()
            .find(shop.network.id(), new AccountId(shop.memberAccount(1)))
            .orElseThrow(),
        "5000.00");
    assertThat(shop.pay(shop.member(1), shop.memberAccount(1), id, "r").status()).isEqualTo(201);
  }

  @Test
  void the_till_sees_the_payment_live() throws Exception {
    String id = shop.request("4.00").get("id").asString();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    var response =
        Raw.lines(port, callers.token(shop.cashier), "/api/v1/payment-requests/" + id + "/events");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Thread reader =
        new Thread(
            () -> {
              try (Stream<String> lines = response.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(events::add);
              }
              events.add("(end)");
            });
    reader.start();
    assertThat(status(events.poll(10, TimeUnit.SECONDS))).isEqualTo("OPEN");

    assertThat(shop.pay(shop.member(0), shop.memberAccount(0), id, "live").status()).isEqualTo(201);
    String paid = events.poll(10, TimeUnit.SECONDS);
    // a "payment in progress" event may come first
    while (paid != null && status(paid).equals("OPEN")) {
      paid = events.poll(10, TimeUnit.SECONDS);
    }
    assertThat(status(paid)).isEqualTo("PAID");
    assertThat(events.poll(10, TimeUnit.SECONDS)).as("the stream ends").isEqualTo("(end)");
    reader.join(5_000);
  }

  @Test
  void outside_its_network_a_request_does_not_exist() {
    String id = shop.request("1.00").get("id").asString();
    Shop elsewhere = Shop.in(callers).withMembers(1, "10.00");
    Api.Response get =
        elsewhere.as(elsewhere.member(0)).get("/api/v1/payment-requests/" + id).send();
    assertThat(get.status()).isEqualTo(404);
    Api.Response pay = elsewhere.pay(elsewhere.member(0), elsewhere.memberAccount(0), id, "x");
    assertThat(pay.status()).isEqualTo(404);
    Api.Response cancel =
        elsewhere
            .as(elsewhere.cashier)
            .post("/api/v1/payment-requests/" + id + "/cancel", null)
            .send();
    assertThat(cancel.status()).isEqualTo(404);
    Api.Response otherTill =
        elsewhere
            .as(elsewhere.cashier)
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", shop.merchantAccount, "amount", "1.00"))
            .send();
    assertThat(otherTill.status()).isEqualTo(422);
    assertThat(otherTill.code()).isEqualTo("MERCHANT_ACCOUNT_NOT_FOUND");
  }

  /** The shop's balance, then each member's, in minor units. */
  private long[] balances() {
    long[] balances = new long[1 + shop.memberAccounts.size()];
    balances[0] = shop.balance(shop.merchantAccount);
    for (int i = 0; i < shop.memberAccounts.size(); i++) {
      balances[i + 1] = shop.balance(shop.memberAccount(i));
    }
    return balances;
  }

  private long[] changes(long[] before) {
    long[] after = balances();
    for (int i = 0; i < after.length; i++) {
      after[i] -= before[i];
    }
    return after;
  }

  private TrustedKeys publishedKeys() {
    JsonNode published =
        callers
            .api()
            .anonymous()
            .get("/api/v1/networks/" + shop.network.id().value() + "/keys")
            .send()
            .json();
    List<NetworkKey> keys = new ArrayList<>();
    for (JsonNode key : published.get("keys")) {
      keys.add(NetworkKey.fromBase64Url(key.get("publicKey").asString()));
    }
    return TrustedKeys.of(keys);
  }

  private static String status(String dataLine) {
    if (dataLine == null) {
      return "(nothing)";
    }
    if (!dataLine.startsWith("data:")) {
      return dataLine;
    }
    return Api.JSON.readTree(dataLine.substring(5)).get("status").asString();
  }
}
