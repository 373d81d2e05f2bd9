package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The payment journeys in real browsers: a member's phone (alice) and the bakery's till (its
 * cashier, caisse), side by side on the shared demo network; and the merchant's own pages.
 */
@SolApplicationTest
class PaymentBrowserIT {
  private static Browser phone;
  private static Browser till;
  private static Browser owner;
  private static Callers callers;
  private static int port;

  @BeforeAll
  static void startBrowsers(@Autowired ApplicationContext context, @LocalServerPort int port) {
    PaymentBrowserIT.port = port;
    callers = Callers.of(port, context);
    phone = Browser.start(port, callers).logIn("alice");
    till = Browser.start(port, callers).logIn("caisse");
    owner = Browser.start(port, callers).logIn("boulangerie");
  }

  @AfterAll
  static void closeBrowsers() {
    for (Browser browser : new Browser[] {phone, till, owner}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  @Test
  void a_member_pays_the_tills_qr_code_and_both_see_it() {
    phone.open("/member").screenshots("qr-payment", "member-balances");
    phone.open("/member/pay").screenshots("qr-payment", "member-pay");

    // the cashier types an amount: a large QR code, waiting
    till.open("/till").screenshots("qr-payment", "till-amount");
    till.field("amount").sendKeys("3,20");
    till.field("reference").sendKeys("Ticket 42");
    till.submit("main form button[type=submit]");
    till.waitUntil(d -> till.path().startsWith("/till/requests/"));
    assertThat(till.text("[data-amount]")).isEqualTo("3,20");
    assertThat(till.find("[data-live-status]").getAttribute("data-status")).isEqualTo("OPEN");
    assertThat(till.find("[data-expiry]").isDisplayed()).isTrue();
    assertThat(till.find("img.qr").getAttribute("naturalWidth")).isNotEqualTo("0");
    till.screenshots("qr-payment", "till-qr");
    String link = till.find("[data-payment-request]").getAttribute("data-link");
    assertThat(link).contains("/p/");

    // the member opens the code's link: what, to whom, from which account; then pays
    phone.open(link);
    assertThat(phone.text("[data-merchant]")).isEqualTo("La Mie Câline");
    assertThat(phone.text("[data-amount]")).isEqualTo("3,20");
    assertThat(phone.text("[data-strand]")).isEqualTo("SOL Coopération");
    phone.screenshots("qr-payment", "member-confirm");
    phone.submit("[data-confirm]");
    phone.waitUntil(d -> phone.path().startsWith("/member/paid/"));
    assertThat(phone.text("main .till-status")).contains("3,20").contains("La Mie Câline");
    phone.screenshots("qr-payment", "member-paid");

    // the till turns to "paid" by itself
    till.waitUntil(d -> "PAID".equals(till.find("[data-live-status]").getAttribute("data-status")));
    assertThat(till.text("[data-live-status]")).isEqualTo("Payé");
    assertThat(till.find("body").getAttribute("class")).contains("till-paid");
    // once paid, the code's expiry is no longer shown
    assertThat(till.find("[data-expiry]").isDisplayed()).isFalse();
    till.screenshots("qr-payment", "till-paid");

    // both histories show it
    phone.open("/member/history");
    assertThat(phone.text("table.history tbody tr:first-child"))
        .contains("La Mie Câline")
        .contains("−3,20")
        .contains("Ticket 42");
    phone.screenshots("qr-payment", "member-history");
    owner.open("/till/history");
    assertThat(owner.text("table.history tbody tr:first-child"))
        .contains("Alice Martin")
        .contains("+3,20");
    owner.screenshots("qr-payment", "merchant-history");
  }

  @Test
  void a_cashier_charges_a_members_pay_token_from_a_photo() throws Exception {
    phone.open("/member/pay-token");
    phone.field("cap").sendKeys("5");
    phone.screenshots("pay-token", "member-form");
    phone.submit("main form button[type=submit]");
    phone.waitUntil(d -> phone.path().matches("/member/pay-token/[0-9a-f]{24}"));
    String tokenId = phone.find("[data-pay-token]").getAttribute("data-token-id");
    assertThat(phone.find("[data-live-status]").getAttribute("data-status")).isEqualTo("OPEN");
    phone.screenshots("pay-token", "member-token");

    // the till photographs the code the phone shows (here: the same image, downloaded)
    Path photo = Files.createTempFile("pay-token-", ".png");
    try {
      Files.write(photo, tokenImage(tokenId));
      till.open("/till/charge");
      till.screenshots("pay-token", "till-charge");
      till.field("photo").sendKeys(photo.toAbsolutePath().toString());
      till.field("amount").sendKeys("4,50");
      till.submit("main form.stack button[type=submit]");
      till.waitUntil(d -> till.path().startsWith("/till/charged/"));
    } finally {
      Files.deleteIfExists(photo);
    }
    assertThat(till.text("main .till-status")).contains("4,50").contains("Alice Martin");
    till.screenshots("pay-token", "till-charged");

    // the customer changes their mind about part of it: the field holds what is left of the sale;
    // the cashier refunds 1,00 (no limit set: refused, saying so), then the merchant sets a limit
    // and the cashier refunds, once confirmed
    assertThat(till.field("refund-amount").getAttribute("value")).isEqualTo("4,50");
    till.field("refund-amount").clear();
    till.field("refund-amount").sendKeys("1,00");
    till.submit("form.stack button[type=submit]");
    assertThat(till.text("#error-summary"))
        .contains("Votre commerçant ne vous a fixé aucune limite de remboursement");
    owner.open("/till/cashiers");
    String limitField = owner.find("[data-cashier=caisse] input[name=limit]").getAttribute("id");
    owner.field(limitField).clear();
    owner.field(limitField).sendKeys("2,00");
    owner.submit("[data-cashier=caisse] form button[type=submit]");
    assertThat(owner.text("p.message")).isEqualTo("Limite enregistrée.");
    till.field("refund-amount").clear();
    till.field("refund-amount").sendKeys("3,00");
    till.submit("form[data-refund-form] button[type=submit]");
    assertThat(till.text("#error-summary"))
        .contains("Ce remboursement dépasse votre limite de caissier : 2,00 SOL au plus.");
    till.field("refund-amount").clear();
    till.field("refund-amount").sendKeys("1,00");
    till.submit("form[data-refund-form] button[type=submit]");
    assertThat(till.text("[data-refund-confirm] .till-status"))
        .isEqualTo("Rembourser 1,00 SOL à Alice Martin ?");
    till.screenshots("pay-token", "till-refund-confirm");
    till.submit("form[data-refund-confirm] button[type=submit]");
    assertThat(till.text("p.message")).isEqualTo("Remboursement effectué.");
    assertThat(till.field("refund-amount").getAttribute("value")).isEqualTo("3,50");
    till.screenshots("pay-token", "till-refunded");

    // the phone sees its token used
    phone.waitUntil(
        d -> "USED".equals(phone.find("[data-live-status]").getAttribute("data-status")));
    assertThat(phone.text("[data-live-status]")).isEqualTo("Encaissé");
    phone.screenshots("pay-token", "member-token-used");

    // a second charge of the same token is refused, in plain words, next to the field
    String payload = phone.find("[data-pay-token]").getAttribute("data-payload");
    till.open("/till/charge?code=" + payload);
    till.field("amount").sendKeys("1");
    till.submit("main form.stack button[type=submit]");
    assertThat(till.text("#error-summary")).contains("Ce jeton de paiement a déjà servi.");
    assertThat(till.field("code").getAttribute("aria-invalid")).isEqualTo("true");
    till.screenshots("pay-token", "till-token-already-used");
  }

  @Test
  void the_merchants_own_pages() {
    owner.open("/till/cashiers");
    assertThat(owner.text("[data-cashier=caisse] h2")).contains("Camille");
    owner.screenshots("merchant", "cashiers");
    owner.open("/till/reconversion");
    owner.field("amount").sendKeys("10");
    owner.submit("main form.stack button[type=submit]");
    owner.waitUntil(d -> !owner.driver().findElements(By.cssSelector("[data-quote]")).isEmpty());
    owner.screenshots("merchant", "reconversion-quote");
    owner.open("/till/counter-code");
    assertThat(owner.find("img.qr").getAttribute("naturalWidth")).isNotEqualTo("0");
    owner.screenshots("merchant", "counter-code");
    owner.open("/account/tokens");
    owner.field("name").sendKeys("Caisse 2");
    owner.submit("main form.stack button[type=submit]");
    assertThat(owner.text("[data-created-token]")).startsWith("sol_");
    owner.screenshots("account", "tokens");
    owner.open("/account/security").screenshots("account", "security");
  }

  @Test
  void a_member_pays_the_counter_code_with_the_phones_camera() throws Exception {
    long bakery =
        callers
            .account(callers.demo(), OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION)
            .id()
            .value();
    Path video =
        CameraVideo.of(image("/api/v1/merchants/" + bakery + "/static-code/qr.png", "boulangerie"));
    try (Browser camera = Browser.withCamera(port, callers, video).logIn("bruno")) {
      camera.open("/member/pay");
      camera.find("[data-scanner-start]").click();
      // frames go to the server until one holds a code: then the code's page opens
      camera.waitUntil(d -> camera.path().startsWith("/p/"));
      assertThat(camera.text("[data-merchant]")).isEqualTo("La Mie Câline");
      camera.field("amount").sendKeys("1,50");
      camera.screenshots("camera", "member-counter-code");
      camera.submit("[data-confirm]");
      camera.waitUntil(d -> camera.path().startsWith("/member/paid/"));
      assertThat(camera.text("main .till-status")).contains("1,50").contains("La Mie Câline");
    } finally {
      Files.deleteIfExists(video);
    }
  }

  /** The token's QR code as the API draws it, read with the member's own access token. */
  private static byte[] tokenImage(String tokenId) throws IOException, InterruptedException {
    return image("/api/v1/pay-tokens/" + tokenId + "/qr.png", "alice");
  }

  /** An image of the API, read with {@code username}'s access token. */
  private static byte[] image(String path, String username)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> image =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + callers.token(username))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    return image.body();
  }
}
