package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.merchant.qr.QrScanner;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Members paying members (issue 17): a network setting the ledger applies at every door. Off, a
 * payment from a member to a member is refused (403 MEMBER_PAYMENTS_NOT_ALLOWED) through the API,
 * by account or by username, and through the pages, which also hide their links; members still pay
 * merchants (a transfer, a pay token at the till). On, a member pays another by username through
 * the API and the page (display name shown before paying, a receipt after), and a member's receive
 * QR code, decoded by ZXing and by the pages' decoder, leads to the form prefilled. The setting is
 * the network's coordinators' (API and settings page), audited.
 */
@SolApplicationTest
class MemberPaymentsIT {
  private static final Pattern PAID = Pattern.compile("/member/paid/([0-9]+)");

  private final int port;
  private final Callers callers;
  private Network network;
  private String alice;
  private String bruno;
  private String shop;
  private String cashier;
  private String coordinator;
  private long alices;
  private long brunos;
  private long shops;

  @Autowired
  MemberPaymentsIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
  }

  private final Operations operations;

  @BeforeEach
  void twoMembersAShopAndACoordinator() {
    network = callers.newNetwork("entre-membres");
    operations.settings().setUp(network.id());
    alice = callers.newUser("alice", Role.MEMBER, network, "50.00");
    bruno = callers.newUser("bruno", Role.MEMBER, network, null);
    shop = callers.newUser("boutique", Role.MERCHANT, network, null);
    cashier = callers.newCashier("caisse", network, shop);
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    alices = callers.account(network, OwnerKind.MEMBER, alice, StrandKind.COOPERATION).id().value();
    brunos = callers.account(network, OwnerKind.MEMBER, bruno, StrandKind.COOPERATION).id().value();
    shops = callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
  }

  @AfterEach
  void theJournalVerifies() {
    assertThat(callers.ledger().verifier().verify(network.id()).valid()).isTrue();
  }

  @Test
  void members_pay_members_by_default_through_the_api_by_account_or_by_username() {
    String setting = "/api/v1/networks/" + network.id().value() + "/settings/member-payments";
    JsonNode read = callers.as(alice).get(setting).send().json();
    assertThat(read.get("allowed").asBoolean()).isTrue();

    Api.Response byId =
        transfer(
            alice,
            Api.json("debitAccountId", alices, "creditAccountId", brunos, "amount", "1.00"),
            "id");
    assertThat(byId.status()).as(byId.toString()).isEqualTo(201);
    Api.Response byName =
        transfer(
            alice,
            Api.json(
                "debitAccountId",
                alices,
                "toUsername",
                bruno.toUpperCase(),
                "amount",
                "2.00",
                "memo",
                "Merci"),
            "name");
    assertThat(byName.status()).as(byName.toString()).isEqualTo(201);
    assertThat(byName.json().get("creditAccountId").asLong()).isEqualTo(brunos);
    assertThat(balance(bruno)).isEqualTo("3.00");

    // a username no member of this network has, or both ways of naming the payee
    Api.Response nobody =
        transfer(
            alice,
            Api.json("debitAccountId", alices, "toUsername", shop, "amount", "1.00"),
            "shop");
    assertThat(nobody.code()).isEqualTo("CREDIT_ACCOUNT_NOT_FOUND");
    Api.Response both =
        transfer(
            alice,
            Api.json(
                "debitAccountId",
                alices,
                "creditAccountId",
                brunos,
                "toUsername",
                bruno,
                "amount",
                "1.00"),
            "both");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.code()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void a_network_that_forbids_it_refuses_members_paying_members_at_every_door_but_not_merchants() {
    String setting = "/api/v1/networks/" + network.id().value() + "/settings/member-payments";
    // only the network's coordinators change it
    assertThat(callers.as(alice).put(setting, Api.json("allowed", false)).send().status())
        .isEqualTo(403);
    Api.Response off = callers.as(coordinator).put(setting, Api.json("allowed", false)).send();
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(off.json().get("allowed").asBoolean()).isFalse();
    assertThat(off.json().get("changedBy").asString()).isEqualTo(coordinator);
    JsonNode asMember = callers.as(bruno).get(setting).send().json();
    assertThat(asMember.get("allowed").asBoolean()).isFalse();
    assertThat(asMember.get("changedBy").isNull()).isTrue();

    refused(
        transfer(
            alice,
            Api.json("debitAccountId", alices, "creditAccountId", brunos, "amount", "1.00"),
            "t1"));
    refused(
        transfer(
            alice,
            Api.json("debitAccountId", alices, "toUsername", bruno, "amount", "1.00"),
            "t2"));

    PageSession page = PageSession.logIn(port, callers, alice, false);
    assertThat(page.get("/member").body()).doesNotContain("data-pay-member", "data-receive");
    HttpResponse<String> form = page.get("/member/pay-member?to=" + bruno);
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).contains("les membres ne se paient pas entre eux").doesNotContain("??");
    assertThat(page.get("/member/receive").statusCode()).isEqualTo(403);
    HttpResponse<String> posted =
        page.submit(
            "/member/pay",
            "/member/pay-member",
            "to",
            bruno,
            "debitAccount",
            Long.toString(alices),
            "amount",
            "1,00",
            "key",
            "p1");
    assertThat(posted.statusCode()).isEqualTo(403);
    assertThat(balance(bruno)).isEqualTo("0.00");

    // members still pay merchants: a transfer, and a pay token charged at the till
    assertThat(
            transfer(
                    alice,
                    Api.json("debitAccountId", alices, "creditAccountId", shops, "amount", "1.00"),
                    "shop")
                .status())
        .isEqualTo(201);
    Api.Response token =
        callers
            .as(alice)
            .post("/api/v1/pay-tokens", Api.json("memberAccountId", alices, "cap", "5.00"))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    Api.Response charged =
        callers
            .as(cashier)
            .post(
                "/api/v1/pay-tokens/redeem",
                Api.json(
                    "code",
                    token.json().get("code").asString(),
                    "merchantAccountId",
                    shops,
                    "amount",
                    "2.00"))
            .header("Idempotency-Key", "k1")
            .send();
    assertThat(charged.status()).as(charged.toString()).isEqualTo(201);
    assertThat(balance(alice)).isEqualTo("47.00");

    // allowed again: at once, on the next payment
    assertThat(callers.as(coordinator).put(setting, Api.json("allowed", true)).send().status())
        .isEqualTo(200);
    assertThat(
            transfer(
                    alice,
                    Api.json("debitAccountId", alices, "toUsername", bruno, "amount", "1.00"),
                    "t3")
                .status())
        .isEqualTo(201);

    JsonNode audit = callers.as(coordinator).get("/api/v1/audit").send().json().get("items");
    long changes = 0;
    for (JsonNode entry : audit) {
      if (entry.get("action").asString().equals("NETWORK_SETTINGS_CHANGED")
          && entry.get("target").asString().equals("member payments")) {
        changes++;
      }
    }
    assertThat(changes).isEqualTo(2);
  }

  @Test
  void a_member_pays_another_from_the_page_found_by_name_or_by_their_receive_code()
      throws IOException {
    PageSession page = PageSession.logIn(port, callers, alice, false);
    String home = page.get("/member").body();
    assertThat(home).contains("data-pay-member", "data-receive");

    // found by (part of) their name: their display name to confirm, then the paid page
    HttpResponse<String> found =
        page.get("/member/pay-member?network=" + network.code() + "&q=" + bruno.substring(0, 7));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("data-payee").contains(bruno).doesNotContain("??");
    String key = field(found.body(), "key");
    HttpResponse<String> paid =
        page.submit(
            "/member/pay-member?to=" + bruno,
            "/member/pay-member",
            "network",
            network.code(),
            "to",
            bruno,
            "debitAccount",
            Long.toString(alices),
            "amount",
            "3,50",
            "note",
            "Pour le pain",
            "key",
            key);
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(302);
    String location = paid.headers().firstValue("Location").orElseThrow();
    Matcher id = PAID.matcher(location);
    assertThat(id.find()).as(location).isTrue();
    HttpResponse<String> receipt = page.get("/member/paid/" + id.group(1));
    assertThat(receipt.body()).contains("data-receipt-link", "Bénéficiaire").doesNotContain("??");
    // the same form sent again pays nothing more
    page.submit(
        "/member/pay-member?to=" + bruno,
        "/member/pay-member",
        "network",
        network.code(),
        "to",
        bruno,
        "debitAccount",
        Long.toString(alices),
        "amount",
        "3,50",
        "note",
        "Pour le pain",
        "key",
        key);
    assertThat(balance(bruno)).isEqualTo("3.50");

    // Bruno's receive code asks 2.00: ZXing reads the link, which opens the form prefilled
    PageSession brunoPage = PageSession.logIn(port, callers, bruno, false);
    HttpResponse<String> receive = brunoPage.get("/member/receive?amount=2,00");
    assertThat(receive.statusCode()).isEqualTo(200);
    assertThat(receive.body()).contains("data-receive-code").doesNotContain("??");
    HttpResponse<byte[]> png =
        brunoPage.getBytes("/member/receive.png?network=" + network.code() + "&amount=2,00");
    assertThat(png.statusCode()).isEqualTo(200);
    List<String> texts = QrScanner.scan(ImageIO.read(new ByteArrayInputStream(png.body())));
    assertThat(texts).hasSize(1);
    String expected =
        "/member/pay-member?network=" + network.code() + "&to=" + bruno + "&amount=2.00";
    assertThat(texts.get(0)).endsWith(expected);
    HttpResponse<String> prefilled =
        page.get(texts.get(0).substring(texts.get(0).indexOf("/member/")));
    assertThat(prefilled.body()).contains("data-payee", "value=\"2,00\"");

    // the pages' decoder (camera frames, photos) sends the payer to the same form
    HttpResponse<String> decoded = decode(page, png.body());
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    JsonNode answer = Api.JSON.readTree(decoded.body());
    assertThat(answer.get("kind").asString()).isEqualTo("MEMBER");
    assertThat(answer.get("link").asString()).isEqualTo(expected);

    // in English too, without a missing message
    HttpResponse<String> english =
        page.speaking("en").get("/member/pay-member?network=" + network.code() + "&to=" + bruno);
    assertThat(english.body()).contains("Pay a member").doesNotContain("??");
    assertThat(page.get("/member/pay-member?q=nobody-here").body()).contains("No member");
  }

  @Test
  void the_coordinator_switches_it_on_the_settings_page() {
    PageSession page = PageSession.logIn(port, callers, coordinator, true);
    HttpResponse<String> settings = page.get("/coordinator/settings");
    assertThat(checkbox(settings.body())).contains("checked");
    HttpResponse<String> off =
        page.submit("/coordinator/settings", "/coordinator/settings/member-payments");
    assertThat(off.statusCode()).isEqualTo(302);
    assertThat(operations.memberPayments().allowed(network.id())).isFalse();
    assertThat(checkbox(page.get("/coordinator/settings").body())).doesNotContain("checked");
    refused(
        transfer(
            alice,
            Api.json("debitAccountId", alices, "creditAccountId", brunos, "amount", "1.00"),
            "t1"));
    page.submit(
        "/coordinator/settings", "/coordinator/settings/member-payments", "allowed", "true");
    assertThat(operations.memberPayments().allowed(network.id())).isTrue();
  }

  private Api.Response transfer(String who, String body, String key) {
    return callers.as(who).post("/api/v1/transfers", body).header("Idempotency-Key", key).send();
  }

  private static void refused(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(403);
    assertThat(response.code()).isEqualTo("MEMBER_PAYMENTS_NOT_ALLOWED");
  }

  private String balance(String member) {
    return Decimals.format(
        callers
            .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
            .balance()
            .posted(),
        network.scale(StrandKind.COOPERATION));
  }

  /** The settings page's checkbox "members may pay each other". */
  private static String checkbox(String html) {
    Matcher m = Pattern.compile("<input[^>]*id=\"memberPaymentsAllowed\"[^>]*>").matcher(html);
    assertThat(m.find()).as(html).isTrue();
    return m.group();
  }

  private static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("field %s", name).isTrue();
    return m.group(1);
  }

  /** POST /qr/decode with the image, as the camera scanner sends a frame. */
  private HttpResponse<String> decode(PageSession page, byte[] png) {
    String boundary = "----frame";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + PageSession.csrf(page.get("/member/pay").body())
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"frame.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(png);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return page.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/qr/decode"))
            .header("Accept", "application/json")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }
}
