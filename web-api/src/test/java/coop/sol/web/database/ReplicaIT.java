package coop.sol.web.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplication;
import coop.sol.web.TestClockConfiguration;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.database.ReplicaReads.State;
import coop.sol.web.page.PageSession;
import coop.sol.web.user.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The application on a PostgreSQL primary with a streaming replica (embedded binaries, {@code
 * sol.database.replica-url}): an account's history is read on the replica (replay paused there, the
 * history stays at the old state while the balance, read on the primary, is current); beyond the
 * lag bound the history is read on the primary; with the replica stopped, reads still answer. The
 * lag is a metric and shows on the administrator's page. A read whose session on the replica ends
 * while it runs (the backend terminated, or the replica stopped) answers that one read 503 {@code
 * DATABASE_UNAVAILABLE}, and the next read is served; a promoted replica is no longer read from the
 * first read after its promotion, before any check.
 *
 * <p>A read is held on the replica by a transaction on the primary that locks the {@code transfer}
 * table: the lock is replayed there, and the history read waits for it.
 *
 * <p>The lag is measured by the test ({@link ReplicaReads#check()}, the check interval being an
 * hour) on the application's movable clock, so nothing waits for time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIT {
  /** Long enough that a loaded machine's pauses never put a current replica out of service. */
  private static final Duration MAX_LAG = Duration.ofSeconds(30);

  private StreamingReplica databases;
  private ConfigurableApplicationContext app;
  private ReplicaReads replica;
  private MovableClock clock;
  private MeterRegistry meters;
  private Callers callers;
  private Api member;
  private PageSession admin;
  private long memberAccount;
  private long shopAccount;
  private int paid;

  @BeforeAll
  void primaryReplicaAndApplication() {
    Path root = TestDataDirectory.create();
    databases = StreamingReplica.start(root.resolve("databases"));
    List<String> settings =
        List.of(
            "server.port=0",
            "sol.demo=true",
            "sol.data-dir=" + root.resolve("app"),
            "spring.datasource.url=" + databases.primary().jdbcUrl("postgres"),
            "spring.datasource.username=postgres",
            "sol.database.replica-url=" + databases.replica().jdbcUrl("postgres"),
            "sol.database.replica-max-lag=" + MAX_LAG.toSeconds() + "s",
            "sol.database.replica-check-interval=1h");
    app =
        new SpringApplicationBuilder(SolApplication.class, TestClockConfiguration.class)
            .run(settings.stream().map(p -> "--" + p).toArray(String[]::new));
    replica = app.getBean(ReplicaReads.class);
    clock = app.getBean(MovableClock.class);
    meters = app.getBean(MeterRegistry.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    callers = Callers.of(port, app);
    Network network = callers.newNetwork("replica");
    String payer = callers.newUser("membre", Role.MEMBER, network, "100.00");
    String shop = callers.newUser("boutique", Role.MERCHANT, network, null);
    // logged in first: the second factor's code may move the clock, which the lag is measured on
    admin =
        PageSession.logIn(
            port, callers, callers.newUser("admin", Role.ADMINISTRATOR, network, null), true);
    member = callers.as(payer);
    memberAccount =
        callers.account(network, OwnerKind.MEMBER, payer, StrandKind.COOPERATION).id().value();
    shopAccount =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (databases != null) {
      databases.close();
    }
  }

  @Test
  @Order(1)
  void an_accounts_history_is_read_on_the_replica_and_its_balance_on_the_primary()
      throws Exception {
    String first = pay("1.00");
    awaitReplayed();
    assertThat(replica.check().state()).isEqualTo(State.CURRENT);
    assertThat(replica.inService()).isTrue();
    assertThat(historyMemos()).contains(first);
    // the connections the ledger reads through: the replica for reads that may lag
    ReadSource reads = app.getBean(ReadSource.class);
    assertThat(inRecovery(reads.of(ReadSource.Freshness.MAY_LAG))).isTrue();
    assertThat(inRecovery(reads.of(ReadSource.Freshness.CURRENT))).isFalse();

    onReplica("SELECT pg_wal_replay_pause()");
    String second = pay("2.00");

    // the balance is current (primary), the history is the replica's, where replay stands still
    assertThat(balance()).isEqualTo("97.00");
    assertThat(historyMemos()).contains(first).doesNotContain(second);
    assertThat(meters.get("sol.database.replica.reads").tag("source", "replica").counter().count())
        .isPositive();
  }

  @Test
  @Order(2)
  void beyond_the_lag_bound_the_history_is_read_on_the_primary() throws Exception {
    // measured now: the replica has not replayed what the primary flushed by this instant
    replica.check();
    clock.advance(MAX_LAG.plusSeconds(1));
    ReplicaReads.Status lagging = replica.check();

    assertThat(lagging.state()).isEqualTo(State.LAGGING);
    assertThat(lagging.lag()).isGreaterThanOrEqualTo(MAX_LAG.plusSeconds(1));
    assertThat(replica.inService()).isFalse();
    assertThat(lagMetricMillis()).isGreaterThanOrEqualTo(MAX_LAG.plusSeconds(1).toMillis());
    assertThat(historyMemos()).hasSize(3); // the funding and both payments: the primary's
    assertThat(adminPage("fr"))
        .contains("en retard au-delà du seuil", "lus sur la base principale", "30000 ms");
    assertThat(adminPage("en")).contains("behind beyond the bound", "read on the primary database");

    onReplica("SELECT pg_wal_replay_resume()");
    awaitReplayed();
    ReplicaReads.Status caughtUp = replica.check();
    assertThat(caughtUp.state()).isEqualTo(State.CURRENT);
    assertThat(caughtUp.lag()).isEqualTo(Duration.ZERO);
    double before = replicaReads();
    assertThat(historyMemos()).hasSize(3);
    assertThat(replicaReads()).isGreaterThan(before);
    replica.check();
    assertThat(adminPage("fr"))
        .contains("à jour", "lus sur le réplica", "<dd id=\"replica-lag\">0 ms");
  }

  @Test
  @Order(3)
  void a_read_whose_replica_session_is_ended_answers_503_and_the_next_read_is_served()
      throws Exception {
    assertThat(replica.check().state()).isEqualTo(State.CURRENT);
    try (Connection lock = lockTransfersOnPrimary()) {
      CompletableFuture<Api.Response> read = historyInBackground();
      int backend = awaitHistoryReadWaitingOnReplica(read);
      onReplica("SELECT pg_terminate_backend(" + backend + ")::text");

      assertUnavailable(read.get(30, TimeUnit.SECONDS));
      lock.rollback();
    }
    flushPrimaryWal();
    // the replica still runs: the next read is served (there, once replay releases the lock)
    assertThat(historyMemos()).hasSize(3);
    assertThat(replica.check().state()).isEqualTo(State.CURRENT);
  }

  @Test
  @Order(4)
  void with_the_replica_stopped_during_a_read_that_read_answers_503_and_reads_then_answer()
      throws Exception {
    try (Connection lock = lockTransfersOnPrimary()) {
      CompletableFuture<Api.Response> read = historyInBackground();
      awaitHistoryReadWaitingOnReplica(read);
      databases.stopReplica();

      assertUnavailable(read.get(30, TimeUnit.SECONDS));
      lock.rollback();
    }
    // before any check has noticed: the replica refuses the connection, the read goes to the
    // primary
    assertThat(historyMemos()).hasSize(3);
    assertThat(replica.status().state()).isEqualTo(State.DOWN);
    assertThat(replica.check().state()).isEqualTo(State.DOWN);
    assertThat(lagMetricMillis()).isNaN();
    String third = pay("3.00");
    assertThat(historyMemos()).contains(third).hasSize(4);
    assertThat(balance()).isEqualTo("94.00");
    assertThat(adminPage("fr")).contains("injoignable", "lus sur la base principale");
  }

  @Test
  @Order(5)
  void a_promoted_replica_is_no_longer_read() throws Exception {
    databases.startReplica();
    awaitReplayed();
    // the replica's pool connects again (its attempts having failed while the replica was down)
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> replica.check().state() == State.CURRENT);
    double before = replicaReads();
    assertThat(historyMemos()).hasSize(4);
    assertThat(replicaReads()).isGreaterThan(before);

    assertThat(onReplica("SELECT pg_promote()::text")).isEqualTo("true");
    assertThat(onReplica("SELECT pg_is_in_recovery()::text")).isEqualTo("false");

    // before any check: the read's own round trip finds it promoted and reads on the primary
    before = replicaReads();
    String fourth = pay("4.00");
    assertThat(historyMemos()).contains(fourth).hasSize(5);
    assertThat(replicaReads()).isEqualTo(before);
    assertThat(replica.status().state()).isEqualTo(State.NOT_A_REPLICA);
    // the checks keep it out of service: it no longer follows the primary
    assertThat(replica.check().state()).isEqualTo(State.NOT_A_REPLICA);
    assertThat(replica.inService()).isFalse();
    assertThat(meters.get("sol.database.replica.in.service").gauge().value()).isZero();
    assertThat(lagMetricMillis()).isNaN();
    assertThat(adminPage("fr"))
        .contains("n'est pas (ou plus) un réplica", "lus sur la base principale");
    assertThat(adminPage("en")).contains("read on the primary database");
  }

  /**
   * A transaction on the primary holding the {@code transfer} table exclusively: the lock is
   * replayed on the replica, where a history read then waits for it (the primary's own reads of the
   * table wait too, so nothing else is tested meanwhile). Rolled back when closed.
   */
  private Connection lockTransfersOnPrimary() throws SQLException {
    Connection c = databases.primary().dataSource("postgres").getConnection();
    try {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE transfer IN ACCESS EXCLUSIVE MODE");
      }
      flushPrimaryWal();
      // the lock held on the replica (by its startup process) before the read starts, which
      // otherwise might finish before it
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  onReplica(
                      "SELECT pid::text FROM pg_locks WHERE relation = 'transfer'::regclass"
                          + " AND mode = 'AccessExclusiveLock' AND granted"),
              Objects::nonNull);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Has the primary flush its WAL now, so that the replica receives it: a lock or a rollback alone
   * waits in the WAL buffers until a commit flushes them, and the application is idle. A committed
   * transaction with a transaction id flushes everything before its commit record.
   */
  private void flushPrimaryWal() throws SQLException {
    onPrimary("SELECT txid_current()::text");
  }

  /**
   * The history read, sent from a thread of its own: not from the common fork-join pool, which has
   * one thread on a two-core machine, and which a task left blocked by another test of the suite
   * would keep from ever starting the read.
   */
  private CompletableFuture<Api.Response> historyInBackground() {
    CompletableFuture<Api.Response> answer = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                answer.complete(
                    member.get("/api/v1/accounts/" + memberAccount + "/transfers").send());
              } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
              }
            },
            "replica-it-read");
    thread.setDaemon(true);
    thread.start();
    return answer;
  }

  /**
   * The process id, on the replica, of the application's read waiting for the lock. Fails at once
   * if the read answers instead (it did not wait on the replica), and says on both servers what
   * runs if it never shows.
   */
  private int awaitHistoryReadWaitingOnReplica(CompletableFuture<Api.Response> read)
      throws SQLException {
    String sql =
        "SELECT pid::text FROM pg_stat_activity"
            + " WHERE application_name = 'sol-replica' AND wait_event_type = 'Lock'";
    try {
      String pid =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    if (read.isDone()) {
                      throw new AssertionError(
                          "the read answered without waiting on the replica: "
                              + read.getNow(null).status()
                              + " "
                              + read.getNow(null).body());
                    }
                    return onReplica(sql);
                  },
                  Objects::nonNull);
      return Integer.parseInt(pid);
    } catch (ConditionTimeoutException e) {
      String activity =
          "SELECT string_agg(application_name || ' ' || state || ' ' || coalesce(wait_event_type,"
              + " '-') || ' ' || left(query, 80), E'\\n') FROM pg_stat_activity WHERE state <>"
              + " 'idle' AND pid <> pg_backend_pid()";
      throw new AssertionError(
          "no read waits on the replica; replica "
              + replica.status()
              + ", in service "
              + replica.inService()
              + "\nreplica:\n"
              + onReplica(activity)
              + "\nprimary:\n"
              + onPrimary(activity),
          e);
    }
  }

  private static void assertUnavailable(Api.Response answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.code()).isEqualTo("DATABASE_UNAVAILABLE");
    assertThat(answer.header("Retry-After")).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception", "\tat ");
  }

  private String pay(String amount) {
    String memo = "replica-" + (++paid);
    Api.Response answer =
        member
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    memberAccount,
                    "creditAccountId",
                    shopAccount,
                    "amount",
                    amount,
                    "memo",
                    memo))
            .header("Idempotency-Key", memo)
            .send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return memo;
  }

  private String balance() {
    Api.Response answer = member.get("/api/v1/accounts/" + memberAccount).send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("balance").get("posted").asString();
  }

  private List<String> historyMemos() {
    Api.Response answer = member.get("/api/v1/accounts/" + memberAccount + "/transfers").send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> memos = new ArrayList<>();
    for (JsonNode item : answer.json().get("items")) {
      memos.add(item.get("transfer").get("memo").asString());
    }
    return memos;
  }

  private double lagMetricMillis() {
    return meters
        .get("sol.database.replica.lag")
        .timeGauge()
        .value(java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private double replicaReads() {
    return meters.get("sol.database.replica.reads").tag("source", "replica").counter().count();
  }

  private String adminPage(String language) {
    HttpResponse<String> page = admin.get("/admin/installation?lang=" + language);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("??");
    return org.springframework.web.util.HtmlUtils.htmlUnescape(page.body());
  }

  /** Waits until the replica has replayed everything the primary has flushed. */
  private void awaitReplayed() throws SQLException {
    String flushed = onPrimary("SELECT pg_current_wal_flush_lsn()::text");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "t"
                    .equals(
                        onReplica("SELECT pg_last_wal_replay_lsn() >= '" + flushed + "'::pg_lsn")));
  }

  private static boolean inRecovery(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private String onPrimary(String sql) throws SQLException {
    return query(databases.primary().dataSource("postgres"), sql);
  }

  private String onReplica(String sql) throws SQLException {
    return query(databases.replica().dataSource("postgres"), sql);
  }

  private static String query(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }
}
