package coop.sol.ledger.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.db.CommitNotice;
import coop.sol.ledger.testing.LedgerFixture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A token's revocation tells the listeners in its own transaction: the notice arrives when the
 * revocation commits, and never when it rolls back, so no process can die between a revocation and
 * its notice. Listened to on a connection of its own, as the instances listen.
 */
class TokenRevocationNoticeIT {
  private static final String CHANNEL = "sol_tokens_test";
  private static LedgerFixture fixture;
  private static TokenStore store;
  private static Connection listener;
  private static long userId;

  @BeforeAll
  static void start() throws Exception {
    fixture = LedgerFixture.create();
    store = new TokenStore(fixture.dataSource);
    listener = fixture.dataSource.getConnection();
    listener.setAutoCommit(true);
    try (Statement s = listener.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    }
    try (Connection c = fixture.dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO app_user (username, display_name, password_hash)"
                    + " VALUES ('jeton-notice', 'Jeton', repeat('x', 40)) RETURNING user_id");
        ResultSet row = insert.executeQuery()) {
      row.next();
      userId = row.getLong(1);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
    fixture.close();
  }

  private static long token(String name) throws Exception {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    return store.create(
        userId,
        name,
        MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)),
        "sol_pat_abcd",
        List.of("read"),
        now,
        now.plusSeconds(3600),
        id -> audit());
  }

  private static AuditEntry audit() {
    return new AuditEntry(
        "AUTH_TOKEN_REVOKED", Set.of(), true, null, "test", "", "127.0.0.1", "{}");
  }

  /**
   * The notices received up to now: a marker is notified (committed) after everything the test did,
   * and notices arrive in commit order, so whatever was told before it is in the list. No waiting
   * for time.
   */
  private static List<String> noticesSoFar() throws Exception {
    String marker = "marker-" + System.nanoTime();
    try (Connection c = fixture.dataSource.getConnection();
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, CHANNEL);
      notify.setString(2, marker);
      notify.execute();
    }
    List<String> payloads = new ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(1_000);
      for (PGNotification n : received == null ? new PGNotification[0] : received) {
        if (n.getParameter().equals(marker)) {
          return payloads;
        }
        payloads.add(n.getName() + " " + n.getParameter());
      }
    }
    throw new AssertionError("the marker notice never came");
  }

  @Test
  void the_notice_is_delivered_with_the_commit_of_the_revocation() throws Exception {
    long id = token("commis");
    noticesSoFar();

    boolean revoked =
        store.revoke(
            userId,
            id,
            Instant.parse("2026-12-02T10:01:00Z"),
            name -> audit(),
            new CommitNotice(CHANNEL, "token:" + id));

    assertThat(revoked).isTrue();
    // delivered by the commit itself: nothing was sent after it
    assertThat(noticesSoFar()).containsExactly(CHANNEL + " token:" + id);
  }

  @Test
  void a_revocation_that_rolls_back_tells_nobody() throws Exception {
    long id = token("annule");
    noticesSoFar();

    assertThatThrownBy(
            () ->
                store.revoke(
                    userId,
                    id,
                    Instant.parse("2026-12-02T10:01:00Z"),
                    name -> {
                      // the notice is already sent in the transaction when this fails
                      throw new IllegalStateException("the audit entry fails");
                    },
                    new CommitNotice(CHANNEL, "token:" + id)))
        .hasMessage("the audit entry fails");

    assertThat(noticesSoFar()).isEmpty();
    assertThat(store.active(userId, Instant.parse("2026-12-02T10:02:00Z")))
        .extracting(StoredToken::id)
        .contains(id);
  }

  @Test
  void revoking_a_token_that_is_not_active_tells_nobody() throws Exception {
    long id = token("deja");
    CommitNotice notice = new CommitNotice(CHANNEL, "token:" + id);
    Instant at = Instant.parse("2026-12-02T10:01:00Z");
    assertThat(store.revoke(userId, id, at, name -> audit(), notice)).isTrue();
    noticesSoFar();

    assertThat(store.revoke(userId, id, at, name -> audit(), notice)).isFalse();
    assertThat(noticesSoFar()).isEmpty();
  }
}
