package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.qr.QrScanner;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * README's "Start a real network", in real browsers and through the pages only: an administrator
 * made as {@code --create-admin} makes one (an Argon2id hash and a TOTP secret, nothing else)
 * creates a network and appoints its first coordinator; the coordinator opens their activation
 * link, chooses a password, gets their second factor's secret and logs in with a code computed from
 * it; they enrol a merchant (and write its directory listing), a member and an exchange office; the
 * merchant activates and enrols a cashier; each activates; the office sells SOL to the member; the
 * cashier's till shows a payment request's QR code, which the member photographs from their pay
 * page and pays; the till turns to "Payé" by itself, and every balance is right.
 *
 * <p>Two browsers: the desk (the administrator's, the coordinator's, the shop's and the office's
 * computer, one person after another) and the phone (where each person opens their own link, and
 * the member pays). The application is the one other tests share: the network starts empty, as on a
 * new installation, and nobody in it comes from the demo.
 */
@SolApplicationTest
class RealNetworkBrowserIT {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private static Browser desk;
  private static Browser phone;
  private static Callers callers;

  @BeforeAll
  static void startBrowsers(@Autowired ApplicationContext context, @LocalServerPort int port) {
    callers = Callers.of(port, context);
    desk = Browser.start(port, callers);
    phone = Browser.start(port, callers);
  }

  @AfterAll
  static void closeBrowsers() {
    for (Browser browser : new Browser[] {desk, phone}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  /** What the page that answers an enrolment shows once: the code and the link to open. */
  private record Activation(String username, String code, String link) {}

  @Test
  void from_an_empty_network_to_a_member_paying_a_cashiers_till() throws IOException {
    int n = SEQUENCE.incrementAndGet();
    // what `java -jar sol.jar --create-admin=NAME` makes: an administrator with a TOTP secret
    String admin = callers.newUser("admin-parcours", Role.ADMINISTRATOR, null, null);

    // 1. the administrator creates the network
    desk.logIn(admin);
    assertThat(desk.path()).isEqualTo("/admin/networks");
    String code = "parcours-" + n;
    type("code", code);
    type("name", "SOL du Parcours");
    type("currencyName", "SOL Parcours");
    type("euroRate", "1.00");
    type("purchaseBonus", "5");
    type("reconversionFee", "5");
    type("timeZone", "Europe/Paris");
    desk.submit("#network-form button[type=submit]");
    assertThat(desk.path()).isEqualTo("/admin/networks/" + code);
    assertThat(desk.text("#network-done")).isNotBlank();
    assertThat(desk.text("h1")).isEqualTo("SOL du Parcours (" + code + ")");
    desk.screenshots("real-network", "admin-network");

    // 2. ... and appoints its first coordinator: the code and its link are shown once
    String coordinator = "claire-" + n;
    type("username", coordinator);
    type("displayName", "Claire Coordination");
    desk.submit("#appoint-form button[type=submit]");
    Activation claire = issued(coordinator);
    desk.screenshots("real-network", "coordinator-activation");
    desk.logOut();

    // 3. the coordinator opens the link, chooses a password and gets their second factor
    String secret = activate(claire, "la clé des champs pour Claire, enfin");
    assertThat(secret).as("a coordinator's TOTP secret, shown on the page").isNotNull();
    phone.screenshots("real-network", "coordinator-activated");
    desk.logIn(coordinator); // with a TOTP code computed from the secret the page showed
    assertThat(desk.path()).startsWith("/coordinator");

    // 4. the coordinator enrols a merchant, writes its listing, then a member and an exchange
    // office
    Activation merchant =
        enrol("boulange-" + n, "Boulangerie du Parcours", Role.MERCHANT.name(), Role.MEMBER.name());
    desk.open("/coordinator/directory");
    desk.submit("[data-merchant='" + merchant.username() + "'] a");
    type("tradingName", "Au Pain du Parcours");
    type("description", "Pain au levain, farines locales.");
    type("address", "3 rue des Halles");
    type("town", "Brest");
    type("openingHours", "Du mardi au samedi, 7 h – 19 h");
    type("phone", "02 98 00 00 00");
    type("website", "https://pain.example");
    desk.submit("main form.stack button[type=submit]");
    assertThat(desk.text("p.message")).isNotBlank();
    desk.open("/coordinator/directory");
    assertThat(desk.text("[data-merchant='" + merchant.username() + "']"))
        .contains("Au Pain du Parcours");
    Activation member = enrol("marie-" + n, "Marie Membre", Role.MEMBER.name(), null);
    Activation office =
        enrol(
            "comptoir-" + n,
            "Comptoir du Parcours",
            Role.EXCHANGE_AGENT.name(),
            Role.MEMBER.name());
    desk.logOut();

    // 5. the merchant activates, logs in and enrols a cashier from their own page
    assertThat(activate(merchant, "le levain du matin sent bon la croûte")).isNull();
    desk.logIn(merchant.username());
    assertThat(desk.path()).isEqualTo("/till");
    desk.follow("Caissiers");
    type("username", "camille-" + n);
    type("displayName", "Camille Caisse");
    desk.submit("#cashier-form button[type=submit]");
    Activation cashier = issued("camille-" + n);
    desk.logOut();

    // 6. each activates their own access
    assertThat(activate(cashier, "une caisse bien tenue tous les jours")).isNull();
    assertThat(activate(member, "mes courses au marché du samedi matin")).isNull();
    assertThat(activate(office, "le comptoir ouvre à neuf heures pile")).isNull();

    // 7. the exchange office sells 20,00 € of SOL to the member: 21,00 SOL with the 5 % bonus
    desk.logIn(office.username());
    assertThat(desk.path()).isEqualTo("/office");
    type("buyer", member.username());
    type("euros", "20,00");
    desk.submit("form[action$='/office/sales'] button");
    assertThat(desk.text("[data-sale=total]")).isEqualTo("21,00 SOL");
    assertThat(desk.text("[data-strand=EURO] .balance")).isEqualTo("20,00 €");
    desk.screenshots("real-network", "office-sale");
    desk.logOut();

    // 8. the cashier's till shows a payment request
    desk.logIn(cashier.username());
    assertThat(desk.path()).isEqualTo("/till");
    type("amount", "12,50");
    type("reference", "Deux pains");
    desk.submit("main form button[type=submit]");
    desk.waitUntil(d -> desk.path().startsWith("/till/requests/"));
    assertThat(desk.find("[data-live-status]").getAttribute("data-status")).isEqualTo("OPEN");
    WebElement qr = desk.find("img.qr");
    desk.waitUntil(d -> qrLoaded(qr));
    desk.screenshots("real-network", "till-request");

    // 9. the member sees their SOL, photographs the till's code from their pay page, and pays
    phone.logIn(member.username());
    assertThat(phone.path()).isEqualTo("/member");
    assertThat(phone.text("[data-strand=COOPERATION] .balance")).isEqualTo("21,00 SOL");
    String link = desk.find("[data-payment-request]").getAttribute("data-link");
    Path photo = photograph(qr);
    assertThat(QrScanner.scan(ImageIO.read(photo.toFile())))
        .as("the photo of the till's screen holds its code")
        .contains(link);
    phone.follow("Payer");
    phone.field("photo").sendKeys(photo.toAbsolutePath().toString());
    phone.submit("form[enctype='multipart/form-data'] button[type=submit]");
    assertThat(phone.path()).as(() -> phone.text("main")).startsWith("/p/");
    assertThat(phone.text("[data-merchant]")).isEqualTo("Boulangerie du Parcours");
    assertThat(phone.text("[data-amount]")).isEqualTo("12,50");
    phone.screenshots("real-network", "member-confirm");
    phone.submit("[data-confirm]");
    assertThat(phone.path()).startsWith("/member/paid/");

    // 10. the till turns to "Payé" by itself; the balances are right
    desk.waitUntil(d -> "PAID".equals(desk.find("[data-live-status]").getAttribute("data-status")));
    assertThat(desk.text("[data-live-status]")).isEqualTo("Payé");
    desk.screenshots("real-network", "till-paid");
    desk.logOut();
    phone.open("/member");
    assertThat(phone.text("[data-strand=COOPERATION] .balance")).isEqualTo("8,50 SOL");
    phone.logOut();
    desk.logIn(merchant.username());
    desk.follow("Ventes");
    assertThat(desk.text("main")).contains("Solde disponible : 12,50 SOL");
    assertThat(desk.text("table.history tbody tr:first-child"))
        .contains("Marie Membre")
        .contains("+12,50");
    desk.screenshots("real-network", "merchant-sales");
    desk.logOut();
  }

  /** Clears the field, then types {@code value} into it. */
  private static void type(String id, String value) {
    WebElement field = desk.field(id);
    field.clear();
    field.sendKeys(value);
  }

  /**
   * The coordinator's enrolment form: {@code username} with {@code role} (the form ticks {@code
   * uncheck} by default: untick it), then the code the next page shows once.
   */
  private static Activation enrol(
      String username, String displayName, String role, String uncheck) {
    desk.open("/coordinator/people");
    type("username", username);
    type("displayName", displayName);
    if (uncheck != null && desk.field("role-" + uncheck).isSelected()) {
      desk.field("role-" + uncheck).click();
    }
    if (!desk.field("role-" + role).isSelected()) {
      desk.field("role-" + role).click();
    }
    desk.submit("#enrol-form button[type=submit]");
    return issued(username);
  }

  /** The activation the desk's page shows, once, for {@code username}. */
  private static Activation issued(String username) {
    assertThat(desk.text("[data-username]")).isEqualTo(username);
    assertThat(desk.find("#print-letter").isDisplayed()).isTrue();
    return new Activation(
        username,
        desk.text("[data-activation-code]"),
        desk.find("[data-activation-link]").getAttribute("href"));
  }

  /**
   * The person opens their link on the phone, chooses {@code password}; returns the second factor's
   * secret the page shows (spaces removed), or null when their roles need none.
   */
  private static String activate(Activation activation, String password) {
    phone.open(activation.link());
    assertThat(phone.path()).startsWith("/activ");
    assertThat(phone.field("code").getAttribute("value")).isEqualTo(activation.code());
    phone.field("password").sendKeys(password);
    phone.field("confirmation").sendKeys(password);
    phone.submit("main form button[type=submit]");
    assertThat(phone.text("#activated")).contains(activation.username());
    String secret =
        phone.driver().findElements(By.cssSelector("[data-totp-secret]")).stream()
            .findFirst()
            .map(e -> e.getText().replace(" ", ""))
            .orElse(null);
    callers.remember(activation.username(), password, secret);
    return secret;
  }

  /**
   * A photo of the till's QR code as a phone takes it: the code on screen, with the screen's white
   * around it. Kept as {@code target/screenshots/real-network-till-photo.png}.
   */
  private static Path photograph(WebElement qr) throws IOException {
    // the till is the shop's laptop (screenshots() leaves the window at a phone's size)
    desk.driver().manage().window().setSize(Browser.DESKTOP);
    desk.waitUntil(d -> qr.getSize().getWidth() > 200);
    desk.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", qr);
    BufferedImage shot =
        ImageIO.read(new ByteArrayInputStream(qr.getScreenshotAs(OutputType.BYTES)));
    int border = 40;
    BufferedImage photo =
        new BufferedImage(
            shot.getWidth() + 2 * border,
            shot.getHeight() + 2 * border,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    g.drawImage(shot, border, border, null);
    g.dispose();
    Path file = Path.of("target", "screenshots", "real-network-till-photo.png");
    Files.createDirectories(file.getParent());
    ImageIO.write(photo, "png", file.toFile());
    return file;
  }

  private static boolean qrLoaded(WebElement image) {
    return Boolean.TRUE.equals(
        desk.driver()
            .executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
  }
}
