package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.util.HtmlUtils;

/**
 * The administrator's installation health page without a replica (the tests' usual application): it
 * says every read is the primary's, in French and in English; nobody else sees it. With a replica,
 * {@code database.ReplicaIT} checks what it shows of it.
 */
@SolApplicationTest
class InstallationPageIT {
  private final int port;
  private final Callers callers;

  @Autowired
  InstallationPageIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  @Test
  void the_administrator_sees_that_there_is_no_replica_in_both_languages() {
    PageSession admin = PageSession.logIn(port, callers, "admin", true);

    HttpResponse<String> french = admin.get("/admin/installation?lang=fr");
    HttpResponse<String> english = admin.get("/admin/installation?lang=en");

    assertThat(french.statusCode()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(french.body()))
        .contains("Santé de l'installation", "Aucun réplica configuré")
        .doesNotContain("??");
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(HtmlUtils.htmlUnescape(english.body()))
        .contains("Installation health", "No replica configured")
        .doesNotContain("??");
  }

  @Test
  void a_member_is_refused() {
    PageSession member = PageSession.logIn(port, callers, "alice", false);
    assertThat(member.get("/admin/installation").statusCode()).isEqualTo(403);
  }
}
