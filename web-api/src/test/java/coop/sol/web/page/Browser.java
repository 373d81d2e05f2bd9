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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

  /**
   * How long a test waits for the state it asserts: an element, a URL, the next page. Generous,
   * since a test must hold on a loaded machine; a test that passes waits no longer than it must.
   */
  private static final Duration WAIT = Duration.ofSeconds(30);

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
        // a French person's browser: the pages follow Accept-Language when nobody chose otherwise
        "--lang=fr-FR",
        "--accept-lang=fr-FR,fr",
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

  /** Opens a path of the application (the driver returns once the page has loaded). */
  Browser open(String path) {
    driver.get(path.startsWith("http") ? path : baseUrl + path);
    return this;
  }

  /**
   * Logs in through the login form as a user {@link Callers} knows (a demo user, one it made, or
   * one who activated their access and was remembered), with a TOTP code when they have a second
   * factor.
   */
  Browser logIn(String username) {
    open("/login");
    return fillLogin(username);
  }

  /** Fills and sends the login form the browser is on (after following a link, say). */
  Browser fillLogin(String username) {
    field("username").sendKeys(username);
    field("password").sendKeys(callers.password(username));
    if (callers.hasTotp(username)) {
      field("totp").sendKeys(callers.nextTotp(username));
    }
    submit("main form button[type=submit]");
    waitUntil(d -> !d.getCurrentUrl().contains("/login"));
    return this;
  }

  Browser logOut() {
    submit("form.logout button");
    waitUntil(d -> d.getCurrentUrl().contains("/login"));
    return this;
  }

  /**
   * Clicks what sends a form (or follows a link) and waits for the next page: the current one gone,
   * the next one loaded. What the test then finds is on the page the click led to, however slow the
   * machine.
   */
  Browser submit(String css) {
    return toNextPage(find(css)::click);
  }

  /** Submits the form itself, as the Enter key does, and waits for the next page. */
  Browser submitForm(String css) {
    return toNextPage(find(css)::submit);
  }

  /** Follows the link with this text and waits for the next page. */
  Browser follow(String linkText) {
    return toNextPage(waitUntil(d -> d.findElement(By.linkText(linkText)))::click);
  }

  private Browser toNextPage(Runnable action) {
    WebElement current = driver.findElement(By.tagName("html"));
    action.run();
    waitUntil(gone(current));
    return this;
  }

  /**
   * Whether the element has left the document: stale, as WebDriver says, or "does not belong to the
   * document", as Chromium's inspector says of a node it dropped with its page.
   */
  private static ExpectedCondition<Boolean> gone(WebElement element) {
    return d -> {
      try {
        element.isEnabled();
        return false;
      } catch (StaleElementReferenceException stale) {
        return true;
      } catch (org.openqa.selenium.WebDriverException dropped) {
        String message = dropped.getMessage();
        if (message != null && message.contains("does not belong to the document")) {
          return true;
        }
        throw dropped;
      }
    };
  }

  /** The element with this id, once the page has it. */
  WebElement field(String id) {
    return waitUntil(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  /** The first element that matches, once the page has one. */
  WebElement find(String css) {
    return waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  String text(String css) {
    return find(css).getText();
  }

  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
  }

  /**
   * Waits until {@code condition} holds, then until the document has loaded (a URL changes when the
   * next page starts to arrive, before all of it is there).
   */
  <T> T waitUntil(ExpectedCondition<T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    // a script that redraws what the condition reads (the live status) makes it stale for a moment
    wait.ignoring(StaleElementReferenceException.class);
    T result = wait.until(condition);
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    return result;
  }

  /**
   * Whether the page, opened at 360 px wide (the narrowest phone the pages are made for), fits
   * without scrolling sideways; the window is back at the phone width after.
   */
  boolean fitsAt360(String path) {
    driver.manage().window().setSize(new Dimension(360, 640));
    try {
      open(path);
      return Boolean.TRUE.equals(
          driver.executeScript(
              "return document.documentElement.scrollWidth <= window.innerWidth;"));
    } finally {
      driver.manage().window().setSize(PHONE);
    }
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
