package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} through {@code chromedriver}) on the test
 * application, for the browser tests of the pages ({@code *BrowserIT}). Each test class starts the
 * browsers it needs once (a member's phone and a till, say) and closes them at the end.
 *
 * <p>Without Chromium and its driver the tests are skipped, so that {@code ./mvnw verify} passes on
 * a machine with only a JDK, except on CI ({@code CI=true}), where they must run: {@code .ci/run}
 * installs both.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension DESKTOP = new Dimension(1366, 900);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final String baseUrl;
  private final Callers callers;
  private final Path profile;
  private final ChromeDriver driver;

  private Browser(String baseUrl, Callers callers, List<String> extraArguments) {
    this.baseUrl = baseUrl;
    this.callers = callers;
    try {
      this.profile = Files.createTempDirectory("sol-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + PHONE.getWidth() + "," + PHONE.getHeight());
    options.addArguments(extraArguments);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
  }

  /**
   * A new browser on the application at {@code port}; skips the test when Chromium is missing,
   * unless on CI.
   */
  static Browser start(int port, Callers callers) {
    return start(port, callers, List.of());
  }

  /**
   * A browser whose camera films {@code video} (a Y4M file, looped), granted without asking: for
   * the camera scanner.
   */
  static Browser withCamera(int port, Callers callers, Path video) {
    return start(
        port,
        callers,
        List.of(
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--use-file-for-fake-video-capture=" + video.toAbsolutePath()));
  }

  private static Browser start(int port, Callers callers, List<String> extraArguments) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: see .ci/run");
    }
    Assumptions.assumeTrue(present, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": skipped");
    return new Browser("http://localhost:" + port, callers, extraArguments);
  }

  ChromeDriver driver() {
    return driver;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Opens a path of the application. */
  Browser open(String path) {
    driver.get(path.startsWith("http") ? path : baseUrl + path);
    return this;
  }

  /** Logs in through the login form as a demo user (with a TOTP code if their role needs one). */
  Browser logIn(String username) {
    open("/login");
    return fillLogin(username);
  }

  /** Fills and sends the login form the browser is on (after following a link, say). */
  Browser fillLogin(String username) {
    field("username").sendKeys(username);
    field("password").sendKeys(callers.password(username));
    if (isTotpUser(username)) {
      field("totp").sendKeys(callers.nextTotp(username));
    }
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitUntil(d -> !d.getCurrentUrl().contains("/login"));
    return this;
  }

  Browser logOut() {
    driver.findElement(By.cssSelector("form.logout button")).click();
    waitUntil(d -> d.getCurrentUrl().contains("/login"));
    return this;
  }

  private static boolean isTotpUser(String username) {
    return username.startsWith("coord") || username.equals("admin");
  }

  WebElement field(String id) {
    return driver.findElement(By.id(id));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  String text(String css) {
    return find(css).getText();
  }

  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
  }

  <T> T waitUntil(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  /**
   * Saves the page as it is at phone and desktop widths: {@code
   * target/screenshots/<journey>-<page>-phone.png} and {@code ...-desktop.png}, then goes back to
   * the phone width.
   */
  void screenshots(String journey, String page) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (var width : new Object[][] {{PHONE, "phone"}, {DESKTOP, "desktop"}}) {
        driver.manage().window().setSize((Dimension) width[0]);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = SCREENSHOTS.resolve(journey + "-" + page + "-" + width[1] + ".png");
        Files.write(file, png);
        assertThat(png.length).isGreaterThan(1000);
      }
      driver.manage().window().setSize(PHONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
