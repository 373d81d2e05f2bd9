package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A browser's session: the login form (with the TOTP code for coordinators), then API calls from
 * the session, whose unsafe requests need the CSRF token (the XSRF-TOKEN cookie's value sent back
 * as X-XSRF-TOKEN).
 */
@SolApplicationTest
class FormLoginIT {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final Callers callers;
  private final int port;

  @Autowired
  FormLoginIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.port = port;
  }

  /** A browser: cookies kept, redirects not followed. */
  private final class Browser {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    /** The hidden CSRF field of the login page. */
    String loginPageCsrf() {
      HttpResponse<String> page = send(request("/login").GET());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("name=\"totp\"");
      Matcher field = CSRF_FIELD.matcher(page.body());
      assertThat(field.find()).as(page.body()).isTrue();
      return field.group(1);
    }

    HttpResponse<String> logIn(String username, String password, String totp, String csrf) {
      StringBuilder form = new StringBuilder();
      form.append("username=")
          .append(encode(username))
          .append("&password=")
          .append(encode(password));
      if (totp != null) {
        form.append("&totp=").append(totp);
      }
      if (csrf != null) {
        form.append("&_csrf=").append(encode(csrf));
      }
      return send(
          request("/login")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void a_session_calls_the_api_and_its_unsafe_requests_need_the_csrf_token() {
    Network network = callers.newNetwork("navigateur");
    String member = callers.newUser("surfeuse", Role.MEMBER, network, "10.00");
    String shop = callers.newUser("vitrine", Role.MERCHANT, network, null);
    Browser browser = new Browser();

    assertThat(browser.logIn(member, callers.password(member), null, null).statusCode())
        .as("a login without the form's CSRF token")
        .isEqualTo(403);
    HttpResponse<String> login =
        browser.logIn(member, callers.password(member), null, browser.loginPageCsrf());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/");

    HttpResponse<String> me = browser.send(browser.request("/api/v1/me").GET());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"method\":\"PASSWORD\"");

    String payment =
        Api.json(
            "debitAccountId",
            callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value(),
            "creditAccountId",
            callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value(),
            "amount",
            "2.00");
    HttpResponse<String> forged =
        browser.send(
            browser
                .request("/api/v1/transfers")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "page-1")
                .POST(HttpRequest.BodyPublishers.ofString(payment)));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF_REJECTED");
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(1000);

    String csrf = browser.cookie("XSRF-TOKEN");
    assertThat(csrf).isNotNull();
    HttpResponse<String> fromThePage =
        browser.send(
            browser
                .request("/api/v1/transfers")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "page-1")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(payment)));
    assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(201);
  }

  @Test
  void a_coordinator_logs_in_through_the_form_with_a_totp_code_only() {
    Network network = callers.newNetwork("formulaire");
    String coordinator = callers.newUser("coordinatrice", Role.COORDINATOR, network, null);
    Browser browser = new Browser();

    HttpResponse<String> withoutCode =
        browser.logIn(coordinator, callers.password(coordinator), null, browser.loginPageCsrf());
    assertThat(withoutCode.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(browser.send(browser.request("/api/v1/me").GET()).statusCode()).isEqualTo(401);

    HttpResponse<String> withCode =
        browser.logIn(
            coordinator,
            callers.password(coordinator),
            callers.nextTotp(coordinator),
            browser.loginPageCsrf());
    assertThat(withCode.headers().firstValue("Location").orElseThrow()).endsWith("/");
    HttpResponse<String> audit = browser.send(browser.request("/api/v1/audit").GET());
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).contains("LOGIN_SUCCEEDED", "\"door\":\"form\"");
  }
}
