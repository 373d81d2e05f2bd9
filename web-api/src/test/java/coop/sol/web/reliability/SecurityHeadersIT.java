package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every kind of response carries the security headers once each — pages, API answers, problems
 * written by filters before Spring Security (413), by Spring Security (401) and by the container's
 * error dispatch (404) — and HSTS exactly when the request came over TLS, here as a reverse proxy
 * reports it with {@code X-Forwarded-Proto: https}. The pages the application serves comply with
 * the strict policy: no inline style or script.
 */
@ReliabilityApplicationTest
class SecurityHeadersIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final int port;
  private final Callers callers;

  @Autowired
  SecurityHeadersIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  /** One request of each kind, by what it shows. */
  private Map<String, HttpRequest.Builder> requests() {
    String token = callers.token("alice");
    Map<String, HttpRequest.Builder> requests = new LinkedHashMap<>();
    requests.put("API answer", request("/api/v1/me").header("Authorization", "Bearer " + token));
    requests.put("401 problem", request("/api/v1/me"));
    requests.put(
        "404 problem (error dispatch)",
        request("/nothing/here").header("Authorization", "Bearer " + token));
    requests.put(
        "413 problem (before Spring Security)",
        request("/api/v1/transfers")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000))));
    requests.put("login page", request("/login").header("Accept", "text/html"));
    requests.put("login stylesheet", request("/login.css"));
    requests.put("health", request("/actuator/health"));
    requests.put("OpenAPI", request("/v3/api-docs"));
    requests.put("Swagger UI", request("/swagger-ui/index.html"));
    return requests;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void every_response_carries_the_security_headers_once_and_no_hsts_over_plain_http()
      throws Exception {
    for (var entry : requests().entrySet()) {
      HttpResponse<String> response = send(entry.getValue());
      String what = entry.getKey() + " (" + response.statusCode() + ")";
      assertThat(response.statusCode()).as(what).isLessThan(500);
      assertThat(response.headers().allValues("Content-Security-Policy")).as(what).hasSize(1);
      String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .as(what)
          .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "*");
      assertThat(response.headers().allValues("X-Content-Type-Options"))
          .as(what)
          .containsExactly("nosniff");
      assertThat(response.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
      assertThat(response.headers().allValues("Referrer-Policy"))
          .as(what)
          .containsExactly("no-referrer");
      assertThat(response.headers().allValues("Strict-Transport-Security")).as(what).isEmpty();
    }
  }

  @Test
  void behind_a_tls_proxy_every_response_carries_hsts() throws Exception {
    for (var entry : requests().entrySet()) {
      HttpResponse<String> response = send(entry.getValue().header("X-Forwarded-Proto", "https"));
      assertThat(response.headers().allValues("Strict-Transport-Security"))
          .as(entry.getKey() + " (" + response.statusCode() + ")")
          .containsExactly("max-age=31536000 ; includeSubDomains");
    }
  }

  @Test
  void the_pages_need_no_inline_style_or_script() throws Exception {
    for (String path : List.of("/login", "/swagger-ui/index.html")) {
      HttpResponse<String> page = send(request(path).header("Accept", "text/html"));
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.body().toLowerCase())
          .as(path)
          .doesNotContain("<style", " style=", "javascript:", " onclick=", " onload=")
          .doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    }
    HttpResponse<String> stylesheet = send(request("/css/sol.css"));
    assertThat(stylesheet.statusCode()).isEqualTo(200);
    assertThat(stylesheet.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/css");
  }

  @Test
  void stylesheets_are_cacheable_by_content_hashed_urls_and_set_no_cookie() throws Exception {
    HttpResponse<String> login = send(request("/login").header("Accept", "text/html"));
    var link =
        java.util.regex.Pattern.compile("href=\"(/css/sol-[0-9a-f]{32}\\.css)\"")
            .matcher(login.body());
    assertThat(link.find()).as("a content-hashed link to sol.css in %s", login.body()).isTrue();
    HttpResponse<String> stylesheet = send(request(link.group(1)));
    assertThat(stylesheet.statusCode()).isEqualTo(200);
    assertThat(stylesheet.headers().firstValue("Cache-Control").orElseThrow())
        .contains("max-age=86400");
    assertThat(stylesheet.headers().allValues("Set-Cookie")).isEmpty();
    // the headers every answer carries still come with it
    assertThat(stylesheet.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(stylesheet.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    // served ahead of the controllers (StaticAssetsFirst): an asset that does not exist is a 404,
    // a path outside the assets is still the controllers'
    HttpResponse<String> missing = send(request("/css/nothing-here.css"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).doesNotContain("Exception");
    assertThat(send(request("/login").header("Accept", "text/html")).statusCode()).isEqualTo(200);
  }
}
