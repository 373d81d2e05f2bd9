package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.problem.DatabaseFailures;
import coop.sol.web.user.Role;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * No request waits forever: a payment whose ledger answer is late gets 503 LEDGER_TIMEOUT (and its
 * retry with the same key the one transfer), every database session has a statement and an
 * idle-in-transaction timeout, and a client that stops sending is disconnected. This application
 * runs with a 2 s ledger answer timeout and a 2 s connection timeout.
 */
@ReliabilityApplicationTest
class TimeoutsIT {
  private final int port;
  private final Callers callers;
  private final DataSource dataSource;

  @Autowired
  TimeoutsIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.dataSource = context.getBean(DataSource.class);
  }

  @Test
  void a_late_ledger_answer_is_a_503_and_the_retry_with_the_same_key_pays_once() throws Exception {
    Network network = callers.newNetwork("lent");
    String member = callers.newUser("patiente", Role.MEMBER, network, "10.00");
    String shop = callers.newUser("guichet", Role.MERCHANT, network, null);
    long debit =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long credit =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    String payment = Api.json("debitAccountId", debit, "creditAccountId", credit, "amount", "3.00");
    Api api = callers.as(member);

    Api.Response late;
    // another session holds the shop's account row: the ledger's writer waits for it
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement st = blocker.createStatement()) {
        st.executeQuery("SELECT 1 FROM account WHERE account_id = " + credit + " FOR UPDATE")
            .close();
      }
      long started = System.nanoTime();
      late = api.post("/api/v1/transfers", payment).header("Idempotency-Key", "lent-1").send();
      long waited = (System.nanoTime() - started) / 1_000_000;
      assertThat(late.status()).as("%s", late).isEqualTo(503);
      assertThat(late.code()).isEqualTo("LEDGER_TIMEOUT");
      assertThat(late.header("Retry-After")).isEqualTo("1");
      assertThat(waited)
          .as("ms waited: at least the answer timeout")
          .isGreaterThanOrEqualTo(1_500L);
      blocker.rollback();
    }
    Api.Response retry =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    api.post("/api/v1/transfers", payment)
                        .header("Idempotency-Key", "lent-1")
                        .send(),
                answer -> answer.status() != 503);
    // the first request did post, after its client had stopped waiting: the retry is its replay
    assertThat(retry.status()).as("%s", retry).isEqualTo(200);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
                .balance()
                .posted())
        .as("debited once")
        .isEqualTo(700);
    var report = callers.ledger().verifier().verify(network.id());
    assertThat(report.valid()).isTrue();
    assertThat(report.rows().get(StrandKind.COOPERATION))
        .as("funding and one payment")
        .isEqualTo(2);
  }

  @Test
  void every_session_has_a_statement_and_an_idle_transaction_timeout_even_after_a_reset()
      throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      assertThat(show(st, "statement_timeout")).isEqualTo("30s");
      assertThat(show(st, "idle_in_transaction_session_timeout")).isEqualTo("1min");
      // the ledger's writer sets its own and gives its connection back with DISCARD ALL
      st.execute("SET statement_timeout = 0");
      st.execute("DISCARD ALL");
      assertThat(show(st, "statement_timeout")).isEqualTo("30s");

      st.execute("SET statement_timeout = '50ms'");
      SQLException cancelled = null;
      try {
        st.executeQuery("SELECT pg_sleep(2)").close();
      } catch (SQLException e) {
        cancelled = e;
      }
      st.execute("RESET statement_timeout");
      assertThat(cancelled != null).as("the statement was cancelled").isTrue();
      assertThat(cancelled.getSQLState()).isEqualTo("57014");
      assertThat(DatabaseFailures.isUnavailability(new RuntimeException(cancelled)))
          .as("a cancelled statement is answered 503, not 500")
          .isTrue();
    }
  }

  private static String show(Statement st, String setting) throws SQLException {
    try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void a_client_that_stops_sending_is_disconnected() throws Exception {
    for (String partial :
        new String[] {
          // headers never finished
          "GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n",
          // a body announced and never sent
          "POST /api/v1/auth/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: 200\r\n\r\n{\"username\":"
        }) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        out.write(partial.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long started = System.nanoTime();
        InputStream in = socket.getInputStream();
        byte[] answer = new byte[4096];
        int read;
        StringBuilder text = new StringBuilder();
        try {
          while ((read = in.read(answer)) != -1) {
            text.append(new String(answer, 0, read, StandardCharsets.ISO_8859_1));
          }
        } catch (SocketTimeoutException e) {
          throw new AssertionError("still connected after 15 s: " + partial, e);
        } catch (java.io.IOException reset) {
          // closed by a reset: disconnected all the same
        }
        long waited = (System.nanoTime() - started) / 1_000_000;
        assertThat(waited).as("ms until disconnected: %s", partial).isLessThan(10_000);
        assertThat(text.toString()).as(partial).doesNotStartWith("HTTP/1.1 5");
      }
    }
  }
}
