package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every page of every role of the demo network, and the anonymous visitor's, on a phone 360 px
 * wide, in French and in English (chosen as people do, with the language link's {@code ?lang=}): no
 * missing-message marker ({@code ??key_fr??}) in the text, the title or the markup; nothing wider
 * than the window (no sideways scrolling); no serious or critical accessibility violation that
 * axe-core finds (once per route); and no error page behind a link.
 *
 * <p>The pages are found by crawling: from the role's home page (and a few pages that no link
 * reaches, such as those a form leads to), every same-origin link, breadth first. A path with an id
 * in it is visited once per route (the application's own request mappings say which part is an id),
 * query parameters that only page through a list are ignored, and downloads, the API and logging
 * out are not followed. A page added to the navigation is swept without changing this test.
 * axe-core runs once per route, in the first language the sweep shows it.
 *
 * <p>A failure lists every page at fault, role by role (rule ids and the elements axe-core points
 * at), with a screenshot of each in {@code target/screenshots/every-page-*.png}.
 */
@SolApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryPageBrowserIT {
  /** The narrowest phone the pages are made for. */
  private static final Dimension NARROW_PHONE = new Dimension(360, 640);

  /** Query parameters that only page through a list: one page of it is enough. */
  private static final Set<String> PAGING = Set.of("page", "size", "before", "after", "lang");

  /** Links not followed: files, the API and what is not a page. */
  private static final Pattern NOT_A_PAGE =
      Pattern.compile(
          "^/(api|actuator|v3|swagger-ui|css|js|logout)(/.*)?$|\\.(pdf|csv|png|svg|json|txt|zip)$");

  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

  /**
   * Roles whose pages are read on a phone: a table there must not hide its amounts to the right
   * (the staff's wide tables scroll sideways in a region the keyboard reaches).
   */
  private static final Set<String> ON_PHONES = Set.of("visitor", "member", "merchant", "cashier");

  /** {@code -Dsweep.screenshots=true}: a screenshot of every page, not only of those at fault. */
  private static final boolean ALL_SCREENSHOTS = Boolean.getBoolean("sweep.screenshots");

  private static Browser browser;
  private static Callers callers;
  private static List<RequestMappingInfo> pages;

  /** The link of the payment request the merchant's till shows, which the member then opens. */
  private static String paymentLink;

  /** Whether someone is logged in on the browser. */
  private static boolean loggedIn;

  private static long started;

  /** The routes checked in English. */
  private static final Set<String> SEEN_IN_ENGLISH = new HashSet<>();

  /**
   * The routes axe-core has checked ("/cards/{id}"), in the first language the sweep showed them:
   * its rules are about structure, roles, names and contrast, which the two languages share (both
   * are rendered from one template); the text of each language is checked on every page apart. Once
   * per route keeps the sweep's time within the suite's budget (axe-core was 60 % of it).
   */
  private static final Set<String> AXED = new HashSet<>();

  /**
   * axe-core reports only what fails, not the details of every element that passed (which would
   * cross from the browser to the test for nothing).
   */
  private static final AxeRunOptions VIOLATIONS_ONLY = new AxeRunOptions();

  static {
    VIOLATIONS_ONLY.setResultTypes(List.of("violations"));
  }

  /** axe-core itself, as the Selenium integration ships it. */
  private static final String AXE_SOURCE = axeSource();

  /** Where the time goes (reported at the end): loading pages, reading them, axe-core. */
  private static long loadNanos;

  private static long readNanos;
  private static long injectNanos;
  private static long axeNanos;

  @BeforeAll
  static void startBrowser(@Autowired ApplicationContext context, @LocalServerPort int port) {
    started = System.nanoTime();
    callers = Callers.of(port, context);
    pages =
        context
            .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
            .getHandlerMethods()
            .keySet()
            .stream()
            .filter(EveryPageBrowserIT::isHtmlGet)
            .toList();
    browser = Browser.start(port, callers);
    browser.driver().manage().window().setSize(NARROW_PHONE);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    System.out.printf(
        "EveryPageBrowserIT: %d s in all; loading pages %d s, reading them %d s, axe-core %d s"
            + " (injecting it %d s)%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        Duration.ofNanos(loadNanos).toSeconds(),
        Duration.ofNanos(readNanos).toSeconds(),
        Duration.ofNanos(axeNanos + injectNanos).toSeconds(),
        Duration.ofNanos(injectNanos).toSeconds());
  }

  private static String axeSource() {
    try (var in = AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code path}, counting the time it takes. */
  private static void load(String path) {
    long began = System.nanoTime();
    browser.open(path);
    loadNanos += System.nanoTime() - began;
  }

  @Test
  @Order(1)
  void the_visitors_pages() {
    browser.open("/login?lang=fr");
    sweep(
        "visitor",
        List.of("/login", "/forgot-password", "/activer", "/annuaire", "/transparence/demo"),
        3);
  }

  @Test
  @Order(2)
  void the_merchants_pages() {
    logIn("boulangerie");
    // the page a payment request leads to (its link is the code the member opens next)
    browser.open("/till");
    browser.field("amount").sendKeys("1,00");
    browser.submit("main form button[type=submit]");
    browser.waitUntil(d -> browser.path().startsWith("/till/requests/"));
    paymentLink = browser.find("[data-payment-request]").getAttribute("data-link");
    List<String> start = new ArrayList<>(List.of("/till", browser.path()));
    // a sale's pages, which the till shows after a charge and a refund form
    transferIn("/till/history", true)
        .ifPresent(sale -> start.addAll(List.of("/till/charged/" + sale, "/till/refunds/" + sale)));
    sweep("merchant", start, 12);
  }

  @Test
  @Order(3)
  void the_cashiers_pages() {
    logIn("caisse");
    sweep("cashier", List.of("/till"), 6);
  }

  @Test
  @Order(4)
  void the_members_pages() {
    logIn("alice");
    List<String> start = new ArrayList<>(List.of("/member"));
    if (paymentLink != null) {
      start.add(normalise(paymentLink)); // confirming a payment: shown, not confirmed
    }
    // a payment made, as the page after paying shows it
    transferIn("/member/history", false).ifPresent(paid -> start.add("/member/paid/" + paid));
    // a pay token, as the form that makes one leads to it
    browser.open("/member/pay-token");
    browser.field("cap").sendKeys("5");
    browser.submit("main form button[type=submit]");
    browser.waitUntil(d -> browser.path().matches("/member/pay-token/[0-9a-f]{24}"));
    start.add(browser.path());
    sweep("member", start, 8);
  }

  @Test
  @Order(5)
  void the_exchange_offices_pages() {
    logIn("comptoir");
    sweep("exchange office", List.of("/office"), 4);
  }

  @Test
  @Order(6)
  void the_associations_pages() {
    logIn("asso");
    sweep("association", List.of("/association"), 3);
  }

  @Test
  @Order(7)
  void the_funders_pages() {
    logIn("mairie");
    sweep("funder", List.of("/funder"), 3);
  }

  @Test
  @Order(8)
  void the_coordinators_pages() {
    logIn("coord1");
    sweep("coordinator", List.of("/coordinator"), 12);
  }

  @Test
  @Order(9)
  void the_administrators_pages() {
    logIn("admin");
    sweep("administrator", List.of("/admin/networks"), 4);
  }

  /**
   * The number of the latest transfer of the history at {@code path} that credits ({@code credit})
   * or debits the account shown, if it has one.
   */
  private static Optional<String> transferIn(String path, boolean credit) {
    browser.open(path);
    Object id =
        browser
            .driver()
            .executeScript(
                "const cell = document.querySelector("
                    + "'tr[data-transfer-id] td.amount"
                    + (credit ? ".credit" : ":not(.credit)")
                    + "');"
                    + "return cell ? cell.closest('tr').dataset.transferId : null;");
    return Optional.ofNullable(id).map(String::valueOf);
  }

  /** Logs out whoever was logged in, and logs {@code username} in, in French. */
  private static void logIn(String username) {
    if (loggedIn) {
      browser.logOut();
    }
    browser.open("/login?lang=fr");
    browser.fillLogin(username);
    loggedIn = true;
  }

  /**
   * Crawls from {@code start} in French, then visits the same pages in English (but those an
   * earlier role's sweep saw in English: a missing message shows in both languages, and the layout
   * around them was checked on this role's own pages); fails listing every page at fault, or when
   * fewer than {@code floor} pages were found (a login that failed, say).
   */
  private static void sweep(String role, List<String> start, int floor) {
    long began = System.nanoTime();
    List<String> faults = new ArrayList<>();
    List<String> visited = crawl(role, start, faults);
    browser.open(visited.get(0) + (visited.get(0).contains("?") ? "&" : "?") + "lang=en");
    browser.waitUntil(d -> "en".equals(browser.find("html").getAttribute("lang")));
    int english = 0;
    for (String path : visited) {
      if (SEEN_IN_ENGLISH.add(route(path))) {
        load(path);
        check(role, "en", path, start.contains(path), faults);
        english++;
      }
    }
    System.out.printf(
        "EveryPageBrowserIT: %s, %d pages in French, %d in English, in %d s: %s%n",
        role,
        visited.size(),
        english,
        Duration.ofNanos(System.nanoTime() - began).toSeconds(),
        visited);
    assertThat(visited)
        .as("pages the %s reaches (a failed login finds few)", role)
        .hasSizeGreaterThanOrEqualTo(floor);
    assertThat(faults)
        .as(
            "pages of the %s at fault (360 px wide; screenshots in target/screenshots/every-page-*)",
            role)
        .withFailMessage(
            () ->
                faults.size()
                    + " faults on the "
                    + role
                    + "'s pages:\n  "
                    + String.join("\n  ", faults))
        .isEmpty();
  }

  /** The pages reachable from {@code start}, one per route, each checked in French on the way. */
  private static List<String> crawl(String role, List<String> start, List<String> faults) {
    Deque<String> queue = new ArrayDeque<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> visited = new ArrayList<>();
    for (String path : start) {
      String normal = normalise(path);
      if (normal != null && seen.add(route(normal))) {
        queue.add(normal);
      }
    }
    while (!queue.isEmpty()) {
      String path = queue.poll();
      load(path);
      String landed = normalise(browser.driver().getCurrentUrl());
      if (landed != null && !landed.equals(path) && !seen.add(route(landed))) {
        continue; // redirected to a page already visited (the login page, say)
      }
      visited.add(landed == null ? path : landed);
      check(role, "fr", path, start.contains(path), faults);
      for (String href : links()) {
        String normal = normalise(href);
        if (normal != null && seen.add(route(normal))) {
          queue.add(normal);
        }
      }
    }
    return visited;
  }

  @SuppressWarnings("unchecked")
  private static List<String> links() {
    return (List<String>)
        browser
            .driver()
            .executeScript(
                "return Array.from(document.querySelectorAll('a[href]'))"
                    + ".filter(a => !a.hasAttribute('download')).map(a => a.href);");
  }

  /**
   * The path and query of a same-origin page link, without its fragment and paging parameters; null
   * for another site, a download, the API or logging out.
   */
  private static String normalise(String href) {
    URI uri = URI.create(href.startsWith("http") ? href : browser.baseUrl() + href);
    if (!(browser.baseUrl() + "/").startsWith(uri.getScheme() + "://" + uri.getAuthority() + "/")
        || NOT_A_PAGE.matcher(uri.getPath()).find()) {
      return null;
    }
    String query =
        uri.getRawQuery() == null
            ? ""
            : Stream.of(uri.getRawQuery().split("&"))
                .filter(p -> !PAGING.contains(p.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
    return uri.getRawPath() + (query.isEmpty() ? "" : "?" + query);
  }

  /**
   * What makes two links the same page: the route that answers the path ({@code /cards/{id}}), or
   * the path itself when no route has a variable, and the names of the query's parameters.
   */
  private static String route(String pathAndQuery) {
    String[] parts = pathAndQuery.split("\\?", 2);
    PathContainer path = PathContainer.parsePath(parts[0]);
    String route =
        pages.stream()
            .flatMap(info -> info.getPathPatternsCondition().getPatterns().stream())
            .filter(pattern -> pattern.matches(path))
            .min(PathPattern.SPECIFICITY_COMPARATOR)
            .map(PathPattern::getPatternString)
            .orElse(parts[0]);
    Set<String> names = new TreeSet<>();
    if (parts.length > 1) {
      for (String parameter : parts[1].split("&")) {
        names.add(parameter.split("=", 2)[0]);
      }
    }
    return names.isEmpty() ? route : route + "?" + String.join("&", names);
  }

  /** A GET route that may answer with a page (not only JSON, PDF, CSV or images). */
  private static boolean isHtmlGet(RequestMappingInfo info) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    if (info.getPathPatternsCondition() == null
        || !(methods.isEmpty() || methods.contains(RequestMethod.GET))) {
      return false;
    }
    Set<MediaType> produces = info.getProducesCondition().getProducibleMediaTypes();
    return produces.isEmpty() || produces.stream().anyMatch(MediaType.TEXT_HTML::isCompatibleWith);
  }

  /**
   * What one script reads of the page: its language, whether its title or text holds {@code ??},
   * the missing-message markers in its markup, the error page's words if it is one, and how wide
   * the document is against the window.
   */
  private static final String READ_PAGE =
      """
      const html = document.documentElement.outerHTML;
      const markers = [...new Set(html.match(/\\?\\?[^?\\s<>"]*\\?\\?/g) || [])];
      const error = document.querySelector('[data-error-status]');
      return {
        lang: document.documentElement.lang,
        title: document.title,
        marked: document.title.includes('??') || document.body.innerText.includes('??'),
        markers: markers,
        error: error ? error.innerText : null,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        amountsOffScreen: [...document.querySelectorAll('td.amount')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5).length
      };
      """;

  /**
   * Checks the page the browser shows; adds what is wrong with it to {@code faults}. axe-core runs
   * once per route (a page several roles reach, or in both languages, is the same template). An
   * error page is a fault unless {@code startPage} (a page the test names, not one a link leads to:
   * the transparency page of a network that does not publish it, say).
   */
  @SuppressWarnings("unchecked")
  private static void check(
      String role, String language, String path, boolean startPage, List<String> faults) {
    long began = System.nanoTime();
    List<String> wrong = new ArrayList<>();
    Map<String, Object> page = (Map<String, Object>) browser.driver().executeScript(READ_PAGE);
    if (!language.equals(page.get("lang"))) {
      wrong.add("in language '" + page.get("lang") + "', not '" + language + "'");
    }
    if (Boolean.TRUE.equals(page.get("marked"))) {
      wrong.add("'??' in the title or text (title: '" + page.get("title") + "')");
    }
    List<String> markers = (List<String>) page.get("markers");
    if (!markers.isEmpty()) {
      wrong.add("missing messages " + markers);
    }
    if (page.get("error") != null && !startPage) {
      wrong.add("error page behind a link: " + page.get("error"));
    }
    long scrollWidth = ((Number) page.get("scrollWidth")).longValue();
    long innerWidth = ((Number) page.get("innerWidth")).longValue();
    if (scrollWidth > innerWidth) {
      wrong.add(
          "scrolls sideways: "
              + scrollWidth
              + " px wide in a "
              + innerWidth
              + " px window; sticking out: "
              + widest());
    }
    long amountsOffScreen = ((Number) page.get("amountsOffScreen")).longValue();
    if (ON_PHONES.contains(role) && amountsOffScreen > 0) {
      wrong.add(amountsOffScreen + " amounts off the screen, to the right of a table that scrolls");
    }
    readNanos += System.nanoTime() - began;
    if (AXED.add(route(path))) {
      began = System.nanoTime();
      browser.driver().executeScript(AXE_SOURCE);
      long injected = System.nanoTime();
      injectNanos += injected - began;
      AxeBuilder axe = new AxeBuilder().disableIframeTesting().withOptions(VIOLATIONS_ONLY);
      axe.setInjectAxe(driver -> {}); // injected above, once
      for (Rule rule : axe.analyze(browser.driver()).getViolations()) {
        if (FAILING_IMPACTS.contains(rule.getImpact())) {
          wrong.add(
              "axe "
                  + rule.getImpact()
                  + " "
                  + rule.getId()
                  + " ("
                  + rule.getHelp()
                  + ") at "
                  + rule.getNodes().stream()
                      .limit(5)
                      .map(CheckedNode::getTarget)
                      .map(String::valueOf)
                      .collect(Collectors.joining(", "))
                  + (rule.getNodes().size() > 5
                      ? " and " + (rule.getNodes().size() - 5) + " more"
                      : ""));
        }
      }
      axeNanos += System.nanoTime() - injected;
    }
    if (!wrong.isEmpty() || ALL_SCREENSHOTS) {
      String shot = screenshot(role, language, path);
      for (String fault : wrong) {
        faults.add(language + " " + path + ": " + fault + " [" + shot + "]");
      }
    }
  }

  /**
   * The elements that stick out past the window's right edge, outermost first (at most 3), and the
   * innermost ones whose right edge is the page's (what makes it wider).
   */
  private static String widest() {
    return String.valueOf(
        browser
            .driver()
            .executeScript(
                """
                const w = window.innerWidth;
                const edge = document.documentElement.scrollWidth;
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (e.className && typeof e.className === 'string'
                     ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + ' ' + Math.round(e.getBoundingClientRect().right + window.scrollX) + 'px';
                const all = [...document.body.querySelectorAll('*')];
                const out = [];
                for (const e of all) {
                  if (e.getBoundingClientRect().right > w + 0.5 && !out.some(o => o.contains(e))) {
                    out.push(e);
                  }
                }
                const atEdge = all.filter(e =>
                    Math.abs(e.getBoundingClientRect().right + window.scrollX - edge) < 1.5)
                  .filter((e, i, es) => !es.some(o => o !== e && e.contains(o)));
                return out.slice(0, 3).map(name).join(', ')
                  + (atEdge.length ? '; at the page\'s right edge: '
                     + atEdge.slice(0, 3).map(name).join(', ') : '');
                """));
  }

  /**
   * Saves the whole page as it is, beyond the window's height and width (what sticks out shows):
   * {@code target/screenshots/every-page-<role>-<language>-<path>.png}.
   */
  private static String screenshot(String role, String language, String path) {
    String name =
        "every-page-"
            + (role + "-" + language + path).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "")
            + ".png";
    try {
      Path file = Path.of("target", "screenshots", name);
      Files.createDirectories(file.getParent());
      @SuppressWarnings("unchecked")
      Map<String, Object> size =
          (Map<String, Object>)
              browser
                  .driver()
                  .executeScript(
                      "return {width: document.documentElement.scrollWidth,"
                          + " height: document.documentElement.scrollHeight};");
      Map<String, Object> shot =
          browser
              .driver()
              .executeCdpCommand(
                  "Page.captureScreenshot",
                  Map.of(
                      "format",
                      "png",
                      "captureBeyondViewport",
                      true,
                      "clip",
                      Map.of(
                          "x",
                          0,
                          "y",
                          0,
                          "width",
                          size.get("width"),
                          "height",
                          size.get("height"),
                          "scale",
                          1)));
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
