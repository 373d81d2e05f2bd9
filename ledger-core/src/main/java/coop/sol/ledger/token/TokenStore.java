package coop.sol.ledger.token;

import static coop.sol.ledger.jooq.Tables.API_TOKEN;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.db.CommitNotice;
import coop.sol.ledger.jooq.tables.records.ApiTokenRecord;
import coop.sol.ledger.user.StoredRole;
import coop.sol.ledger.user.StoredUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The {@code api_token} table. */
public final class TokenStore {
  /**
   * {@link #grant}'s statement: SQL text, which the driver prepares once per connection, because it
   * runs whenever a token is not in the API's cache, where jOOQ rendered it anew each time (the
   * largest share of the authentication's CPU in a profile of payments among 5,000 members).
   */
  private static final String GRANT =
      """
      SELECT t.token_id, t.scopes, t.last_used_at, t.expires_at,
             u.user_id, u.username, u.display_name, u.password_hash, u.totp_secret, u.enabled,
             u.email, u.language, u.credentials_version,
             r.role, r.network_id, r.merchant_ref
        FROM api_token t
        JOIN app_user u ON u.user_id = t.user_id
        LEFT JOIN user_role r ON r.user_id = u.user_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.enabled
       ORDER BY r.user_role_id""";

  /**
   * {@link #touch}'s statement, for the same reason. Its commit does not wait for the disk ({@code
   * synchronous_commit} off for its own transaction only: {@code set_config}'s last argument): the
   * last use is a hint to the token's owner, at minute precision, that a crash may set back by the
   * WAL writer's delay, whereas a commit that waits holds the request, a read among others, for as
   * long as the disk takes to flush, which here has reached 430 ms under load.
   */
  private static final String TOUCH =
      """
      WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
      UPDATE api_token SET last_used_at = ?
        FROM async
       WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)""";

  private final DataSource dataSource;
  private final DSLContext sql;

  public TokenStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /**
   * Stores a new token and its audit entry (made knowing the new token's id) in one transaction.
   *
   * @param hash SHA-256 of the token
   * @return the token's id
   */
  public long create(
      long userId,
      String name,
      byte[] hash,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      LongFunction<AuditEntry> audit) {
    return sql.transactionResult(
        tx -> {
          long tokenId =
              tx.dsl()
                  .insertInto(API_TOKEN)
                  .set(API_TOKEN.USER_ID, userId)
                  .set(API_TOKEN.NAME, name)
                  .set(API_TOKEN.TOKEN_HASH, hash)
                  .set(API_TOKEN.TOKEN_PREFIX, prefix)
                  .set(API_TOKEN.SCOPES, scopes.toArray(String[]::new))
                  .set(API_TOKEN.CREATED_AT, utc(createdAt))
                  .set(API_TOKEN.EXPIRES_AT, utc(expiresAt))
                  .returning(API_TOKEN.TOKEN_ID)
                  .fetchOne(API_TOKEN.TOKEN_ID);
          AuditLogStore.insert(tx.dsl(), audit.apply(tokenId));
          return tokenId;
        });
  }

  /** The user's tokens neither revoked nor expired at {@code now}, newest first. */
  public List<StoredToken> active(long userId, Instant now) {
    return sql.selectFrom(API_TOKEN)
        .where(API_TOKEN.USER_ID.eq(userId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .and(API_TOKEN.EXPIRES_AT.gt(utc(now)))
        .orderBy(API_TOKEN.TOKEN_ID.desc())
        .fetch(TokenStore::token);
  }

  /**
   * Revokes one of the user's active tokens, with its audit entry (made knowing the token's name)
   * and {@code notice} (told to every listener when the revocation commits, never otherwise) in the
   * same transaction.
   *
   * @return false if the user has no such active token (and nothing is told)
   */
  public boolean revoke(
      long userId,
      long tokenId,
      Instant now,
      Function<String, AuditEntry> audit,
      CommitNotice notice) {
    return sql.transactionResult(
        tx -> {
          var revoked =
              tx.dsl()
                  .update(API_TOKEN)
                  .set(API_TOKEN.REVOKED_AT, utc(now))
                  .where(API_TOKEN.TOKEN_ID.eq(tokenId))
                  .and(API_TOKEN.USER_ID.eq(userId))
                  .and(API_TOKEN.REVOKED_AT.isNull())
                  .returning(API_TOKEN.NAME)
                  .fetchOptional();
          if (revoked.isPresent()) {
            tx.dsl().fetch("SELECT pg_notify(?, ?)", notice.channel(), notice.payload());
            AuditLogStore.insert(tx.dsl(), audit.apply(revoked.get().getName()));
          }
          return revoked.isPresent();
        });
  }

  /**
   * The token with this hash if it is valid at {@code now} (not revoked, not expired, its owner
   * enabled), with its owner and their roles: one round trip, as this runs before every API request
   * a cache misses.
   */
  public Optional<TokenGrant> grant(byte[] hash, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(GRANT)) {
      select.setBytes(1, hash);
      select.setObject(2, utc(now));
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long tokenId = r.getLong(1);
        List<String> scopes = Arrays.asList((String[]) r.getArray(2).getArray());
        OffsetDateTime lastUsed = r.getObject(3, OffsetDateTime.class);
        Instant expires = r.getObject(4, OffsetDateTime.class).toInstant();
        long userId = r.getLong(5);
        String username = r.getString(6);
        String displayName = r.getString(7);
        String passwordHash = r.getString(8);
        String totpSecret = r.getString(9);
        boolean enabled = r.getBoolean(10);
        String email = r.getString(11);
        String language = r.getString(12);
        long credentialsVersion = r.getLong(13);
        var roles = new ArrayList<StoredRole>();
        do {
          String role = r.getString(14);
          if (role != null) {
            long network = r.getLong(15);
            Long networkId = r.wasNull() ? null : network;
            roles.add(new StoredRole(role, networkId, r.getString(16)));
          }
        } while (r.next());
        return Optional.of(
            new TokenGrant(
                tokenId,
                scopes,
                lastUsed == null ? null : lastUsed.toInstant(),
                expires,
                new StoredUser(
                    userId,
                    username,
                    displayName,
                    passwordHash,
                    totpSecret,
                    enabled,
                    roles,
                    email,
                    language,
                    credentialsVersion)));
      }
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + GRANT + "]; " + e.getMessage(), e);
    }
  }

  /**
   * Records the token's use at {@code now} unless a use within {@code precision} before it is
   * recorded already (so that using a token is not a write each time). The statement commits on its
   * own (the pool's connections are in autocommit; no caller's transaction shares it), so {@link
   * #TOUCH}'s asynchronous commit covers this write and nothing else.
   */
  public void touch(long tokenId, Instant now, Duration precision) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update = c.prepareStatement(TOUCH)) {
      update.setObject(1, utc(now));
      update.setLong(2, tokenId);
      update.setObject(3, utc(now.minus(precision)));
      update.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + TOUCH + "]; " + e.getMessage(), e);
    }
  }

  private static StoredToken token(ApiTokenRecord r) {
    return new StoredToken(
        r.getTokenId(),
        r.getName(),
        r.getTokenPrefix(),
        Arrays.asList(r.getScopes()),
        r.getCreatedAt().toInstant(),
        r.getExpiresAt().toInstant(),
        r.getLastUsedAt() == null ? null : r.getLastUsedAt().toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
