package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import coop.sol.web.user.Totp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

/**
 * Every page for every role, without a browser: 200 for its roles, a 403 page for the others, the
 * login form for nobody; and no page carries inline script or style, which the
 * Content-Security-Policy would block.
 */
@SolApplicationTest
class PageAccessIT {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern INLINE =
      Pattern.compile(
          "<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

  private static final List<String> MEMBER_PAGES =
      List.of(
          "/member",
          "/member/history",
          "/member/pay",
          "/member/pay-token",
          "/member/cards",
          "/member/pay-member",
          "/member/receive");
  private static final List<String> TILL_PAGES =
      List.of("/till", "/till/charge", "/till/counter-code", "/till/day");
  private static final List<String> MERCHANT_ONLY_PAGES =
      List.of("/till/history", "/till/cashiers", "/till/reconversion", "/till/profile");
  private static final List<String> EVERYONE_PAGES =
      List.of("/account/profile", "/account/tokens", "/account/security", "/account/notices");

  private final int port;
  private final Callers callers;
  private final java.time.Clock clock;

  @Autowired
  PageAccessIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.clock = context.getBean(java.time.Clock.class);
  }

  /** A browser without JavaScript: cookies kept, redirects not followed, HTML asked for. */
  private final class Client {
    private final HttpClient http =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    HttpResponse<String> get(String path) {
      return send(request(path).GET());
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Accept", "text/html,application/xhtml+xml");
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    String csrf(HttpResponse<String> page) {
      Matcher field = CSRF_FIELD.matcher(page.body());
      assertThat(field.find()).as(page.body()).isTrue();
      return field.group(1);
    }

    HttpResponse<String> post(String path, String csrf, Map<String, String> fields) {
      StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf));
      fields.forEach((k, v) -> form.append('&').append(k).append('=').append(encode(v)));
      return send(
          request(path)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    Client logIn(String username) {
      String csrf = csrf(get("/login"));
      HttpResponse<String> login =
          post(
              "/login",
              csrf,
              username.startsWith("coord")
                  ? Map.of(
                      "username",
                      username,
                      "password",
                      callers.password(username),
                      "totp",
                      callers.nextTotp(username))
                  : Map.of("username", username, "password", callers.password(username)));
      assertThat(login.statusCode()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");
      return this;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertPage(HttpResponse<String> page, String path) {
    assertThat(page.statusCode()).as(path).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow())
        .as(path)
        .startsWith("text/html");
    assertThat(page.body()).as(path).contains("<html lang=\"fr\"");
    assertThat(INLINE.matcher(page.body()).find())
        .as("inline script or style in %s", path)
        .isFalse();
    assertThat(page.body()).as(path).doesNotContain("??");
  }

  private static void assertRefused(HttpResponse<String> page, String path) {
    assertThat(page.statusCode()).as(path).isEqualTo(403);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow())
        .as(path)
        .startsWith("text/html");
    assertThat(text(page)).as(path).contains("Cette page n'est pas accessible avec votre compte.");
    assertThat(INLINE.matcher(page.body()).find()).isFalse();
  }

  @Test
  void members_open_their_pages_and_no_till() {
    Client alice = new Client().logIn("alice");
    assertThat(alice.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/member");
    for (String path : concat(MEMBER_PAGES, EVERYONE_PAGES)) {
      assertPage(alice.get(path), path);
    }
    for (String path : concat(TILL_PAGES, MERCHANT_ONLY_PAGES)) {
      assertRefused(alice.get(path), path);
    }
  }

  @Test
  void merchants_open_the_till_and_their_own_pages() {
    Client shop = new Client().logIn("boulangerie");
    assertThat(shop.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/till");
    for (String path : concat(concat(TILL_PAGES, MERCHANT_ONLY_PAGES), EVERYONE_PAGES)) {
      assertPage(shop.get(path), path);
    }
    for (String path : MEMBER_PAGES) {
      assertRefused(shop.get(path), path);
    }
  }

  @Test
  void cashiers_work_the_till_but_neither_read_the_accounts_history_nor_hire_nor_reconvert() {
    Client cashier = new Client().logIn("caisse");
    assertThat(cashier.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/till");
    for (String path : concat(TILL_PAGES, EVERYONE_PAGES)) {
      assertPage(cashier.get(path), path);
    }
    for (String path : concat(MERCHANT_ONLY_PAGES, MEMBER_PAGES)) {
      assertRefused(cashier.get(path), path);
    }
  }

  @Test
  void nobody_logged_in_is_sent_to_the_login_form_which_has_no_inline_code() {
    Client anonymous = new Client();
    for (String path :
        concat(concat(concat(MEMBER_PAGES, TILL_PAGES), MERCHANT_ONLY_PAGES), EVERYONE_PAGES)) {
      HttpResponse<String> page = anonymous.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(302);
      assertThat(page.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
    }
    assertThat(anonymous.get("/p/AAAA").headers().firstValue("Location").orElseThrow())
        .endsWith("/login");
    assertPage(anonymous.get("/login"), "/login");
    assertThat(anonymous.get("/css/sol.css").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/js/live-status.js").statusCode()).isEqualTo(200);
  }

  @Test
  void errors_are_pages_in_the_users_language_and_the_api_keeps_its_problems() {
    Client alice = new Client().logIn("alice");
    HttpResponse<String> missing = alice.get("/member/pay-token/0123456789abcdef01234567");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(text(missing)).contains("Cette page n'existe pas, ou plus.");
    HttpResponse<String> english = alice.get("/member/pay-token/0123456789abcdef01234567?lang=en");
    assertThat(text(english))
        .contains("<html lang=\"en\"")
        .contains("This page does not exist, or no longer does.")
        .doesNotContain("Exception");
    alice.get("/member?lang=fr");
    // an unknown page: refused like any page not in the table
    assertThat(alice.get("/nowhere").statusCode()).isEqualTo(403);
    // the API still answers problems, even to a browser's session
    HttpResponse<String> api =
        alice.send(
            alice
                .request("/api/v1/pay-tokens/0123456789abcdef01234567")
                .setHeader("Accept", "application/json")
                .GET());
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    // a form sent without its CSRF token: a page saying to reload
    HttpResponse<String> stale =
        alice.send(
            alice
                .request("/member/pay-token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("account=1&cap=5")));
    assertThat(stale.statusCode()).isEqualTo(403);
    assertThat(text(stale)).contains("Ce formulaire a expiré.");
  }

  @Test
  void a_member_turns_the_second_factor_on_and_off() {
    String member = callers.newUser("erin", Role.MEMBER, callers.demo(), null);
    Client client = new Client().logIn(member);
    HttpResponse<String> security = client.get("/account/security");
    assertThat(security.body()).contains("data-second-factor=\"off\"");

    HttpResponse<String> enrol =
        client.post("/account/security/totp/start", client.csrf(security), Map.of());
    assertThat(enrol.statusCode()).isEqualTo(200);
    assertPage(enrol, "/account/security/totp/start");
    Matcher shown = Pattern.compile("data-totp-secret>([A-Z2-7 ]+)<").matcher(enrol.body());
    assertThat(shown.find()).isTrue();
    String secret = shown.group(1).replace(" ", "");
    HttpResponse<String> qr = client.get("/account/security/totp/qr.svg");
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");

    // a wrong code keeps it off; the app's code turns it on
    HttpResponse<String> wrong =
        client.post("/account/security/totp/confirm", client.csrf(enrol), Map.of("code", "000000"));
    assertThat(text(wrong)).contains("Ce code ne correspond pas");
    HttpResponse<String> confirmed =
        client.post(
            "/account/security/totp/confirm",
            client.csrf(wrong),
            Map.of("code", Totp.code(secret, clock.instant())));
    assertThat(confirmed.statusCode()).isEqualTo(302);
    assertThat(client.get("/account/security").body()).contains("data-second-factor=\"on\"");

    // from now on the password alone is refused
    Client again = new Client();
    HttpResponse<String> passwordOnly =
        again.post(
            "/login",
            again.csrf(again.get("/login")),
            Map.of("username", member, "password", callers.password(member)));
    assertThat(passwordOnly.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?error");

    // turning it off takes a code too (the next step's: the one used above cannot serve twice)
    HttpResponse<String> page = client.get("/account/security");
    HttpResponse<String> off =
        client.post(
            "/account/security/totp/disable",
            client.csrf(page),
            Map.of("code", Totp.code(secret, Totp.step(clock.instant()) + 1)));
    assertThat(off.statusCode()).isEqualTo(302);
    assertThat(client.get("/account/security").body()).contains("data-second-factor=\"off\"");
    new Client().logIn(member);
  }

  @Test
  void a_coordinator_lands_on_a_page_of_their_own() {
    Client coordinator = new Client().logIn("coord1");
    String home = coordinator.get("/").headers().firstValue("Location").orElseThrow();
    String path = URI.create(home).getPath();
    assertPage(coordinator.get(path), path);
  }

  /** The page's text with HTML's character references resolved ({@code &#39;} to an apostrophe). */
  private static String text(HttpResponse<String> page) {
    return HtmlUtils.htmlUnescape(page.body());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
