package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Hostile input in the pages' forms and links: free text with a control character is refused before
 * anything reads it (400, the error page saying what to do, nothing created), and dates outside the
 * supported years are a message on the page, never a 500.
 */
@SolApplicationTest
class PageInputIT {
  private final int port;
  private final Callers callers;

  @Autowired
  PageInputIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_control_character_in_a_form_field_is_refused_and_creates_nothing() {
    PageSession alice = PageSession.logIn(port, callers, "alice", false);
    int tokensBefore = tokens();
    HttpResponse<String> refused =
        alice.submit(
            "/account/tokens", "/account/tokens", "name", "caisse\u0001", "scopes", "read");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(refused.body()).contains("Un champ contient un caractère invisible ou de contrôle");
    assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(tokens()).isEqualTo(tokensBefore);

    // the login form too, before any password is checked
    HttpResponse<String> login =
        new PageSession(port, callers)
            .post("/login", "username=ali%00ce&password=x&_csrf=whatever");
    assertThat(login.statusCode()).isEqualTo(400);
  }

  @Test
  void dates_outside_the_supported_years_are_a_message_on_the_page() {
    PageSession coordinator = PageSession.logIn(port, callers, "coord1", true);
    for (String date : new String[] {"1850-01", "%2B10000-01", "0000-01-01"}) {
      HttpResponse<String> page = coordinator.get("/coordinator?period=month&date=" + date);
      assertThat(page.statusCode()).as(date).isEqualTo(200);
      assertThat(page.body()).contains("sort des années 1900 à 9999");
    }
    HttpResponse<String> fonte =
        coordinator.get("/coordinator/fonte?strand=COOPERATION&period=0001-01-01..0002-01-01");
    assertThat(fonte.statusCode()).isIn(200);
    assertThat(fonte.body()).doesNotContain("Une erreur est survenue de notre côté");
  }

  private int tokens() {
    return callers.as("alice").get("/api/v1/auth/tokens").send().json().size();
  }
}
