package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a coordinator decides about a person reaches the browser sessions the person already has
 * open, over HTTP with the session's cookie: freezing, closing or changing the roles of a person
 * ends their sessions at their next request (the credentials version in the database, which every
 * instance reads, moved on), and their next login carries their new roles.
 */
@SolApplicationTest
class OpenSessionsIT {
  private final int port;
  private final Callers callers;
  private final ApplicationContext context;

  @Autowired
  OpenSessionsIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  @Test
  void freezing_a_person_ends_their_open_session() {
    Network network = callers.newNetwork("gel");
    String coordinator = callers.newUser("coordgel", Role.COORDINATOR, network, null);
    String member = callers.newUser("gelee", Role.MEMBER, network, "5.00");
    PageSession session = PageSession.logIn(port, callers, member, false);
    assertThat(session.get("/account/profile").statusCode()).isEqualTo(200);

    Api.Response frozen = person(coordinator, network, member, "freeze");
    assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);

    assertSentToLogin(session.get("/account/profile"));
  }

  @Test
  void closing_a_person_ends_their_open_session() {
    Network network = callers.newNetwork("fin");
    String coordinator = callers.newUser("coordfin", Role.COORDINATOR, network, null);
    String member = callers.newUser("partie", Role.MEMBER, network, null);
    PageSession session = PageSession.logIn(port, callers, member, false);
    assertThat(session.get("/account/profile").statusCode()).isEqualTo(200);

    Api.Response closed = person(coordinator, network, member, "close");
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

    assertSentToLogin(session.get("/account/profile"));
  }

  @Test
  void a_change_of_roles_takes_effect_in_the_open_session() {
    Network network = callers.newNetwork("roles");
    String coordinator = callers.newUser("coordroles", Role.COORDINATOR, network, null);
    String member = callers.newUser("promue", Role.MEMBER, network, null);
    PageSession before = PageSession.logIn(port, callers, member, false);
    assertThat(before.get("/till").statusCode()).isEqualTo(403);

    long id = context.getBean(Users.class).find(member).orElseThrow().id();
    Api.Response changed =
        callers
            .as(coordinator)
            .put(
                "/api/v1/people/" + id + "/roles",
                Api.json("network", network.code(), "roles", List.of("MEMBER", "MERCHANT")))
            .send();
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

    // the session that held the old roles is over; a new login holds the new ones
    assertSentToLogin(before.get("/till"));
    PageSession after = PageSession.logIn(port, callers, member, false);
    assertThat(after.get("/till").statusCode()).isEqualTo(200);
  }

  private Api.Response person(String coordinator, Network network, String person, String what) {
    return callers
        .as(coordinator)
        .post(
            "/api/v1/networks/" + network.id().value() + "/people/" + person + "/" + what,
            Api.json("reason", "Décision du bureau"))
        .send();
  }

  private static void assertSentToLogin(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }
}
