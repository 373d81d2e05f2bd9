package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.qr.QrScanner;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The till's screen in a real browser (the bakery's cashier, caisse, on the shared demo network):
 * the payment QR whole in the window at the sizes tills and phones have, what the screen says once
 * paid.
 */
@SolApplicationTest
class TillBrowserIT {
  /** Phones, tablets upright and lying, laptops: the windows a till runs in. */
  static final List<Dimension> TILL_WINDOWS =
      List.of(
          new Dimension(360, 640),
          new Dimension(390, 844),
          new Dimension(768, 1024),
          new Dimension(1024, 768),
          new Dimension(1280, 800),
          new Dimension(1366, 900));

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static Browser till;

  @BeforeAll
  static void startBrowsers(@Autowired ApplicationContext context, @LocalServerPort int port) {
    till = Browser.start(port, Callers.of(port, context)).logIn("caisse");
  }

  @AfterAll
  static void closeBrowsers() {
    if (till != null) {
      till.close();
    }
  }

  @Test
  void the_payment_qr_is_whole_in_the_window_at_every_till_size() throws IOException {
    till.open("/till");
    till.field("amount").sendKeys("7,30");
    till.field("reference").sendKeys("Table 12");
    till.submit("main form button[type=submit]");
    till.waitUntil(d -> till.path().startsWith("/till/requests/"));
    String code = till.find("[data-payment-request]").getAttribute("data-payload");
    // the QR holds the code's link (/p/<code>), which any phone's camera opens
    String link = till.find("[data-payment-request]").getAttribute("data-link");
    assertThat(code).isNotBlank();
    assertThat(link).endsWith("/p/" + code);
    Files.createDirectories(SCREENSHOTS);
    try {
      for (Dimension size : TILL_WINDOWS) {
        viewport(size);
        till.open(till.path());
        till.waitUntil(d -> !"0".equals(till.find("img.qr").getAttribute("naturalWidth")));
        byte[] png = till.driver().getScreenshotAs(OutputType.BYTES);
        Files.write(
            SCREENSHOTS.resolve("till-qr-" + size.getWidth() + "x" + size.getHeight() + ".png"),
            png);
        // what a customer's camera sees: the window as it is, unscrolled
        assertThat(QrScanner.scan(ImageIO.read(new ByteArrayInputStream(png))))
            .as("QR decoded from the screenshot at %s", size)
            .containsExactly(link);
        @SuppressWarnings("unchecked")
        Map<String, Object> box =
            (Map<String, Object>)
                till.driver()
                    .executeScript(
                        "const r = document.querySelector('img.qr').getBoundingClientRect();"
                            + " return {top: r.top, left: r.left, bottom: r.bottom,"
                            + " right: r.right, width: innerWidth, height: innerHeight,"
                            + " scrollY: scrollY};");
        assertThat(number(box, "scrollY")).as("scrolled at %s", size).isZero();
        assertThat(number(box, "top")).as("QR top at %s", size).isGreaterThanOrEqualTo(0);
        assertThat(number(box, "left")).as("QR left at %s", size).isGreaterThanOrEqualTo(0);
        assertThat(number(box, "bottom"))
            .as("QR bottom at %s", size)
            .isLessThanOrEqualTo(number(box, "height"));
        assertThat(number(box, "right"))
            .as("QR right at %s", size)
            .isLessThanOrEqualTo(number(box, "width"));
      }
    } finally {
      till.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      till.driver().manage().window().setSize(Browser.PHONE);
    }
  }

  /**
   * Makes the page's window (the viewport, without any browser bar) exactly {@code size}, as the
   * device would have it.
   */
  private static void viewport(Dimension size) {
    till.driver().manage().window().setSize(size);
    till.driver()
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of(
                "width",
                size.getWidth(),
                "height",
                size.getHeight(),
                "deviceScaleFactor",
                1,
                "mobile",
                size.getWidth() < 800));
  }

  private static double number(Map<String, Object> box, String key) {
    return ((Number) box.get(key)).doubleValue();
  }
}
