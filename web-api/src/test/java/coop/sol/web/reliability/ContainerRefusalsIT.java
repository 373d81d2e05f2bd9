package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the servlet container refuses before the application sees them, sent as raw bytes over a
 * socket: each is answered with an RFC 9457 problem (a stable code, no HTML, no server name) and
 * the security headers every other answer carries — not Tomcat's HTML error page.
 */
@ReliabilityApplicationTest
class ContainerRefusalsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;

  @Autowired
  ContainerRefusalsIT(@LocalServerPort int port) {
    this.port = port;
  }

  /** Request heads (request line and headers), by what is wrong with them. */
  private static Map<String, byte[]> refusedByTheContainer() {
    Map<String, byte[]> heads = new LinkedHashMap<>();
    heads.put(
        "a header over 8 KB", ascii("GET /api/v1/me HTTP/1.1\r\nX-Big: " + "a".repeat(9_000)));
    heads.put("an encoded slash after ..", ascii("GET /api/v1/..%2fme HTTP/1.1"));
    heads.put("an encoded NUL in the path", ascii("GET /api/v1/%00me HTTP/1.1"));
    heads.put("a backslash in the path", ascii("GET /api/v1\\me HTTP/1.1"));
    heads.put("an encoded backslash", ascii("GET /api/v1/..%5cme HTTP/1.1"));
    heads.put("a control character in a header", ascii("GET /api/v1/me HTTP/1.1\r\nX-A: a\u0001b"));
    heads.put("DEL in a header", ascii("GET /api/v1/me HTTP/1.1\r\nX-A: a\u007fb"));
    // Tomcat lets the bytes 0x80-0xFF through; Spring Security's firewall refuses the C1 controls
    // among them when the header is read
    heads.put(
        "a C1 control character in a bearer token",
        ascii("GET /api/v1/me HTTP/1.1\r\nAuthorization: Bearer sol_pat_a\u0085b"));
    // Spring's forwarded-headers filter cannot read it (ForwardedHeadersOrProblem)
    heads.put(
        "an X-Forwarded-Host that is no host",
        ascii("GET /api/v1/me HTTP/1.1\r\nX-Forwarded-Host: ::::"));
    heads.put("a garbage request line", ascii("GARBAGE"));
    heads.put("a request line without a version", ascii("GET /api/v1/me HTTQ/1.1"));
    heads.put("a space in the path", ascii("GET /api/v1/m e HTTP/1.1"));
    heads.put("a page, refused the same", ascii("GET /member/%00 HTTP/1.1\r\nAccept: text/html"));
    return heads;
  }

  @Test
  void every_refusal_is_a_problem_with_the_security_headers() throws IOException {
    for (var refused : refusedByTheContainer().entrySet()) {
      RawHttp.Answer answer =
          RawHttp.send(
              InetAddress.getLoopbackAddress(), port, refused.getValue(), new byte[0], 10_000);
      String what = refused.getKey() + ": " + answer;
      assertThat(answer.status()).as(what).isBetween(400, 499);
      assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
      assertThat(answer.header("Content-Security-Policy"))
          .as(what)
          .contains("default-src 'self'", "frame-ancestors 'none'");
      assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
      assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
      JsonNode problem = JSON.readTree(answer.body());
      assertThat(problem.get("status").asInt()).as(what).isEqualTo(answer.status());
      assertThat(problem.get("code").asString()).as(what).isEqualTo("BAD_REQUEST");
      assertThat(answer.body()).as(what).doesNotContain("<html", "Tomcat", "Exception");
    }
  }

  @Test
  void latin_letters_and_tabs_in_a_header_pass_the_firewall() throws IOException {
    RawHttp.Answer answer =
        RawHttp.send(
            InetAddress.getLoopbackAddress(),
            port,
            ascii("GET /api/v1/me HTTP/1.1\r\nAuthorization: Bearer sol_pat_caf\u00e9\tcr\u00e8me"),
            new byte[0],
            10_000);
    // read, let through, and refused as a token nobody holds
    assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
    assertThat(JSON.readTree(answer.body()).get("code").asString()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void an_accept_header_nobody_can_read_still_gets_a_problem() throws IOException {
    RawHttp.Answer answer =
        RawHttp.send(
            InetAddress.getLoopbackAddress(),
            port,
            ascii(
                "POST /api/v1/auth/tokens HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Accept: garbage"),
            "{}".getBytes(StandardCharsets.UTF_8),
            10_000);
    // Spring MVC's refusal, written as a problem although the client accepts nothing it knows
    assertThat(answer.status()).as(answer.toString()).isEqualTo(406);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(JSON.readTree(answer.body()).get("code").asString()).isEqualTo("NOT_ACCEPTABLE");
  }

  private static byte[] ascii(String head) {
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
