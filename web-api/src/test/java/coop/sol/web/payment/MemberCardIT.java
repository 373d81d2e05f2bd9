package coop.sol.web.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Member cards over HTTP: issued by a coordinator with the holder's PIN, printed, read and charged
 * at a till (the same receipt as any payment, the same idempotency), blocked by three wrong PINs,
 * replaced (the old version refused at once), seen by their holder, counted for coordinators.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberCardIT {
  static final String PIN = "4821";

  private final Callers callers;
  private final int port;
  private final MovableClock clock;
  private Shop shop;
  private String coordinator;

  @Autowired
  MemberCardIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.clock = clock;
    this.callers = Callers.of(port, context);
    this.port = port;
  }

  @BeforeAll
  void aShopAMemberAndACoordinator() {
    shop = Shop.in(callers).withMembers(2, "100.00");
    coordinator = callers.newUser("coord", Role.COORDINATOR, shop.network, null);
  }

  private JsonNode issue(int member) {
    Api.Response issued =
        shop.as(coordinator)
            .post(
                "/api/v1/cards",
                Api.json(
                    "holderAccountId",
                    shop.memberAccount(member),
                    "holderName",
                    "Jeanne Martin",
                    "pin",
                    PIN))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json();
  }

  private Api.Response charge(JsonNode card, String amount, String pin, String key) {
    return shop.as(shop.cashier)
        .post(
            "/api/v1/cards/charge",
            Api.json(
                "merchantAccountId",
                shop.merchantAccount,
                "card",
                card.get("code").asString(),
                "amount",
                amount,
                "pin",
                pin))
        .header("Idempotency-Key", key)
        .send();
  }

  @Test
  void issued_read_and_charged_at_the_till_with_the_receipt_of_any_payment() throws IOException {
    JsonNode card = issue(0);
    assertThat(card.get("state").asString()).isEqualTo("ACTIVE");
    assertThat(card.get("number").asString()).matches("[0-9]{4} [0-9]{4} [0-9]{4}");
    assertThat(card.get("dailyCap").asString()).isEqualTo("100.00");
    assertThat(card.toString()).doesNotContain(PIN);

    // the till reads the card by its number as well as by its code: the holder's first name
    Api.Response read =
        shop.as(shop.cashier)
            .post(
                "/api/v1/cards/read",
                Api.json(
                    "merchantAccountId",
                    shop.merchantAccount,
                    "cardNumber",
                    card.get("number").asString()))
            .send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().get("holderFirstName").asString()).isEqualTo("Jeanne");

    long before = shop.balance(shop.memberAccount(0));
    Api.Response paid = charge(card, "12.50", PIN, "card-sale-1");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.json().get("code").asString()).isEqualTo("PAYMENT");
    assertThat(paid.json().get("debitAccountId").asLong()).isEqualTo(shop.memberAccount(0));
    assertThat(paid.json().get("amount").asString()).isEqualTo("12.50");
    Api.Response again = charge(card, "12.50", PIN, "card-sale-1");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id").asLong()).isEqualTo(paid.json().get("id").asLong());
    assertThat(shop.balance(shop.memberAccount(0))).isEqualTo(before - 1250);

    // the holder sees the card, what it spent today and the payment made with it
    JsonNode mine = shop.as(shop.member(0)).get("/api/v1/cards").send().json();
    assertThat(mine.get(0).get("spentToday").asString()).isEqualTo("12.50");
    JsonNode payments =
        shop.as(shop.member(0))
            .get("/api/v1/cards/" + card.get("id").asLong() + "/payments")
            .send()
            .json();
    assertThat(payments.get(0).get("transferId").asLong())
        .isEqualTo(paid.json().get("id").asLong());
    // ...and nobody else does
    assertThat(
            shop.as(shop.member(1)).get("/api/v1/cards/" + card.get("id").asLong()).send().status())
        .isEqualTo(404);

    // the printed card: ID-1, its QR code the card's code
    for (boolean large : new boolean[] {false, true}) {
      var pdf =
          Raw.bytes(
              port,
              callers.token(shop.member(0)),
              "/api/v1/cards/" + card.get("id").asLong() + "/card.pdf?largePrint=" + large);
      assertThat(pdf.statusCode()).isEqualTo(200);
      var reader = new PdfReader(pdf.body());
      assertThat(reader.getNumberOfPages()).isEqualTo(large ? 2 : 1);
      assertThat(reader.getPageSize(1).getWidth())
          .isCloseTo(242.65f, org.assertj.core.data.Offset.offset(0.1f));
      assertThat(reader.getPageSize(1).getHeight())
          .isCloseTo(153.07f, org.assertj.core.data.Offset.offset(0.1f));
      reader.close();
    }
  }

  @Test
  void three_wrong_pins_block_the_card_until_its_holder_unblocks_it() {
    JsonNode card = issue(1);
    assertThat(charge(card, "1.00", "0000", "w1").code()).isEqualTo("CARD_WRONG_PIN");
    assertThat(charge(card, "1.00", "0001", "w2").code()).isEqualTo("CARD_WRONG_PIN");
    Api.Response third = charge(card, "1.00", "0002", "w3");
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.code()).isEqualTo("CARD_BLOCKED");
    assertThat(charge(card, "1.00", PIN, "w4").code()).isEqualTo("CARD_BLOCKED");
    long id = card.get("id").asLong();
    JsonNode seen = shop.as(shop.member(1)).get("/api/v1/cards/" + id).send().json();
    assertThat(seen.get("state").asString()).isEqualTo("BLOCKED");
    assertThat(seen.get("blockedReason").asString()).isEqualTo("WRONG_PINS");
    assertThat(
            shop.as(shop.member(1)).post("/api/v1/cards/" + id + "/unblock", null).send().status())
        .isEqualTo(200);
    assertThat(charge(card, "1.00", PIN, "w5").status()).isEqualTo(201);
    assertThat(charge(card, "1.00", "12", "w6").code()).isEqualTo("CARD_PIN_INVALID");
  }

  @Test
  void a_replaced_card_is_refused_at_once_and_the_revocation_list_says_so() {
    JsonNode old = issue(0);
    long id = old.get("id").asLong();
    Api.Response replaced =
        shop.as(coordinator).post("/api/v1/cards/" + id + "/replace", null).send();
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
    JsonNode next = replaced.json();
    assertThat(next.get("version").asInt()).isEqualTo(2);
    assertThat(next.get("code").asString()).isNotEqualTo(old.get("code").asString());

    Api.Response refused = charge(old, "1.00", PIN, "r1");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("CARD_REPLACED");
    assertThat(charge(next, "1.00", PIN, "r2").status()).isEqualTo(201);

    JsonNode list =
        shop.as(shop.cashier)
            .get("/api/v1/cards/revocations?merchantAccountId=" + shop.merchantAccount)
            .send()
            .json();
    assertThat(list.get("offlineCap").asString()).isEqualTo("10.00");
    boolean found = false;
    for (JsonNode c : list.get("cards")) {
      if (c.get("cardId").asLong() == id) {
        assertThat(c.get("version").asInt()).isEqualTo(2);
        found = true;
      }
    }
    assertThat(found).isTrue();

    JsonNode counts =
        shop.as(coordinator)
            .get("/api/v1/reports/cards?from=2000-01-01&to=2099-12-31")
            .send()
            .json();
    assertThat(counts.get(0).get("replaced").asLong()).isPositive();
    assertThat(counts.get(0).get("issued").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void an_offline_charge_above_the_offline_cap_is_refused() {
    JsonNode card = issue(1);
    Api.Response over =
        shop.as(shop.cashier)
            .post(
                "/api/v1/cards/charge",
                Api.json(
                    "merchantAccountId",
                    shop.merchantAccount,
                    "card",
                    card.get("code").asString(),
                    "amount",
                    "10.01",
                    "pin",
                    PIN,
                    "offlineAt",
                    clock.instant().minusSeconds(60).toString()))
            .header("Idempotency-Key", "offline-1")
            .send();
    assertThat(over.code()).as(over.toString()).isEqualTo("CARD_OFFLINE_CAP_EXCEEDED");
  }
}
