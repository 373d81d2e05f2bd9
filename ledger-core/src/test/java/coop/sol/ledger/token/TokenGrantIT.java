package coop.sol.ledger.token;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.user.StoredRole;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a token stands for, read in one statement before the API's requests: its owner with every
 * role (a network's, an administrator's with none), its scopes and dates; nothing once it is
 * expired or revoked or its owner disabled. And when its use is recorded, without waiting for the
 * disk.
 */
class TokenGrantIT {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static LedgerFixture fixture;
  private static TokenStore store;

  @BeforeAll
  static void start() {
    fixture = LedgerFixture.create();
    store = new TokenStore(fixture.dataSource);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void a_token_stands_for_its_enabled_owner_with_every_role() throws Exception {
    long user = user("jeton-roles");
    sql(
        "INSERT INTO user_role (user_id, network_id, role, merchant_ref) VALUES (?, ?, 'CASHIER',"
            + " 'boulangerie')",
        user,
        fixture.network.id().value());
    sql("INSERT INTO user_role (user_id, role) VALUES (?, 'ADMINISTRATOR')", user);
    byte[] hash = token(user, "jeton-roles", NOW.plusSeconds(3600));

    TokenGrant grant = store.grant(hash, NOW).orElseThrow();

    assertThat(grant.scopes()).containsExactly("read", "pay");
    assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(grant.lastUsedAt()).isNull();
    assertThat(grant.user().id()).isEqualTo(user);
    assertThat(grant.user().username()).isEqualTo("jeton-roles");
    assertThat(grant.user().enabled()).isTrue();
    assertThat(grant.user().roles())
        .containsExactly(
            new StoredRole("CASHIER", fixture.network.id().value(), "boulangerie"),
            new StoredRole("ADMINISTRATOR", null, null));
  }

  @Test
  void a_user_without_roles_has_none_and_nothing_is_granted_once_expired_revoked_or_disabled()
      throws Exception {
    long user = user("jeton-sans-role");
    byte[] hash = token(user, "jeton-sans-role", NOW.plusSeconds(60));
    assertThat(store.grant(hash, NOW).orElseThrow().user().roles()).isEmpty();
    assertThat(store.grant(hash, NOW.plusSeconds(60))).isEmpty();
    assertThat(store.grant(new byte[32], NOW)).isEmpty();

    sql("UPDATE app_user SET enabled = false WHERE user_id = ?", user);
    assertThat(store.grant(hash, NOW)).isEmpty();
    sql("UPDATE app_user SET enabled = true WHERE user_id = ?", user);
    sql("UPDATE api_token SET revoked_at = now() WHERE token_hash = ?", hash);
    assertThat(store.grant(hash, NOW)).isEmpty();
  }

  @Test
  void a_use_is_recorded_unless_one_within_the_precision_is() throws Exception {
    long user = user("jeton-usage");
    byte[] hash = token(user, "jeton-usage", NOW.plusSeconds(3600));
    long id = store.grant(hash, NOW).orElseThrow().tokenId();

    store.touch(id, NOW, Duration.ofMinutes(1));
    assertThat(store.grant(hash, NOW).orElseThrow().lastUsedAt()).isEqualTo(NOW);
    store.touch(id, NOW.plusSeconds(30), Duration.ofMinutes(1));
    assertThat(store.grant(hash, NOW).orElseThrow().lastUsedAt()).isEqualTo(NOW);
    store.touch(id, NOW.plusSeconds(61), Duration.ofMinutes(1));
    assertThat(store.grant(hash, NOW).orElseThrow().lastUsedAt()).isEqualTo(NOW.plusSeconds(61));
  }

  @Test
  void recording_uses_does_not_wait_for_the_disk_and_leaves_the_connection_committing_durably()
      throws Exception {
    long user = user("jeton-asynchrone");
    byte[] hash = token(user, "jeton-asynchrone", NOW.plusSeconds(3600));
    try (Connection c = fixture.dataSource.getConnection()) {
      var onOneConnection = new TokenStore(unclosable(c));
      long id = onOneConnection.grant(hash, NOW).orElseThrow().tokenId();
      int uses = 100;

      // the control, on the same connection (a backend's statistics reach the others' view once
      // a second, its own at once): a commit that waits flushes the WAL itself, once per use
      long before = walSyncs(c);
      try (PreparedStatement durable =
          c.prepareStatement("UPDATE api_token SET last_used_at = ? WHERE token_id = ?")) {
        for (int i = 1; i <= uses; i++) {
          durable.setObject(1, NOW.atOffset(ZoneOffset.UTC));
          durable.setLong(2, id);
          durable.executeUpdate();
        }
      }
      long waiting = walSyncs(c) - before;

      before = walSyncs(c);
      for (int i = 1; i <= uses; i++) {
        onOneConnection.touch(id, NOW.plusSeconds(61L * i), Duration.ofMinutes(1));
      }
      long touching = walSyncs(c) - before;

      assertThat(onOneConnection.grant(hash, NOW).orElseThrow().lastUsedAt())
          .isEqualTo(NOW.plusSeconds(61L * uses));
      // these leave the flushing to the WAL writer, a few times a second
      assertThat(waiting).isGreaterThanOrEqualTo(uses / 2);
      assertThat(touching).isLessThan(uses / 4);
      try (var s = c.createStatement();
          ResultSet setting = s.executeQuery("SHOW synchronous_commit")) {
        setting.next();
        assertThat(setting.getString(1)).isEqualTo("on");
      }
    }
  }

  /**
   * How many times PostgreSQL has flushed its WAL, as {@code c}'s backend sees it: its own flushes
   * at once, the other processes' (the WAL writer's) when they report them.
   */
  private static long walSyncs(Connection c) throws Exception {
    try (var s = c.createStatement()) {
      s.execute("SELECT pg_stat_force_next_flush()");
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet row = s.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** A data source that gives {@code c} every time and leaves it open. */
  private static DataSource unclosable(Connection c) {
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(c, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return kept;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static long user(String username) throws Exception {
    try (Connection c = fixture.dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO app_user (username, display_name, password_hash)"
                    + " VALUES (?, 'Jeton', repeat('x', 40)) RETURNING user_id")) {
      insert.setString(1, username);
      try (ResultSet row = insert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static byte[] token(long user, String name, Instant expires) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    store.create(
        user,
        name,
        hash,
        "sol_pat_abcd",
        List.of("read", "pay"),
        NOW.minusSeconds(10),
        expires,
        id ->
            new AuditEntry(
                "AUTH_TOKEN_CREATED", Set.of(), true, null, "test", "", "127.0.0.1", "{}"));
    return hash;
  }

  private static void sql(String statement, Object... values) throws Exception {
    try (Connection c = fixture.dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }
}
