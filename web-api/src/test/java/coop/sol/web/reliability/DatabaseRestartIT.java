package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.database.EmbeddedServer;
import coop.sol.web.user.Role;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The embedded PostgreSQL killed under the running application (SIGKILL of its postmaster): the
 * watchdog starts it again on the same port, the pool and the ledger's writer reconnect, and the
 * application answers meanwhile with 503 problems that say when to retry — never a 500 — then pays
 * again, each payment once. The crash harness does the same at length, and kills the application
 * too (docs/reliability.md).
 */
@ReliabilityApplicationTest
class DatabaseRestartIT {
  private final Callers callers;
  private final EmbeddedServer server;

  @Autowired
  DatabaseRestartIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.server = context.getBean(EmbeddedServer.class);
  }

  @Test
  void the_application_reconnects_by_itself_when_its_database_is_killed() throws Exception {
    Network network = callers.newNetwork("panne");
    String member = callers.newUser("tenace", Role.MEMBER, network, "10.00");
    String shop = callers.newUser("epicerie", Role.MERCHANT, network, null);
    Api api = callers.as(member);
    long debit =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long credit =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    String payment = Api.json("debitAccountId", debit, "creditAccountId", credit, "amount", "1.00");
    assertThat(
            api.post("/api/v1/transfers", payment)
                .header("Idempotency-Key", "avant")
                .send()
                .status())
        .isEqualTo(201);

    long restartsBefore = server.restarts();
    ProcessHandle postmaster = server.postmaster().orElseThrow();
    postmaster.destroyForcibly();
    assertThat(postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive())
        .isFalse();

    Map<String, Integer> answers = new TreeMap<>();
    Api.Response during =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  Api.Response answer =
                      api.post("/api/v1/transfers", payment)
                          .header("Idempotency-Key", "pendant")
                          .send();
                  answers.merge(answer.status() + " " + answer.code(), 1, Integer::sum);
                  if (answer.status() == 503) {
                    assertThat(answer.header("Retry-After")).as("%s", answer).isNotNull();
                  }
                  return answer;
                },
                // a backend of the killed postmaster may still serve a request or two before it
                // notices (PostgreSQL's own behaviour): the answer that counts comes after the
                // watchdog's restart
                answer -> answer.status() != 503 && server.restarts() > restartsBefore);
    assertThat(during.status()).as("%s after %s", during, answers).isIn(200, 201);
    assertThat(answers.keySet())
        .as("no 500")
        .allMatch(a -> a.startsWith("20") || a.startsWith("503 "));
    assertThat(server.restarts()).isEqualTo(restartsBefore + 1);
    assertThat(server.postmaster().orElseThrow().pid()).isNotEqualTo(postmaster.pid());

    assertThat(
            api.post("/api/v1/transfers", payment)
                .header("Idempotency-Key", "pendant")
                .send()
                .status())
        .as("a retry is a replay")
        .isEqualTo(200);
    assertThat(api.get("/actuator/health").send().body()).contains("\"UP\"");
    var report = callers.ledger().verifier().verify(network.id());
    assertThat(report.valid()).isTrue();
    assertThat(report.rows().get(StrandKind.COOPERATION))
        .as("funding and two payments")
        .isEqualTo(3);
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(800);
    System.out.printf("Database killed and restarted: answers meanwhile %s%n", answers);
  }
}
