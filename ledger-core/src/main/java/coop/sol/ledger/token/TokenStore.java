package coop.sol.ledger.token;

import static coop.sol.ledger.jooq.Tables.API_TOKEN;
import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.db.CommitNotice;
import coop.sol.ledger.jooq.tables.records.ApiTokenRecord;
import coop.sol.ledger.user.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The {@code api_token} table. */
public final class TokenStore {
  private final DSLContext sql;

  public TokenStore(DataSource dataSource) {
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
    var rows =
        sql.select(
                API_TOKEN.TOKEN_ID, API_TOKEN.SCOPES, API_TOKEN.LAST_USED_AT, API_TOKEN.EXPIRES_AT)
            .select(APP_USER.fields())
            .select(USER_ROLE.ROLE, USER_ROLE.NETWORK_ID, USER_ROLE.MERCHANT_REF)
            .from(API_TOKEN)
            .join(APP_USER)
            .on(APP_USER.USER_ID.eq(API_TOKEN.USER_ID))
            .leftJoin(USER_ROLE)
            .on(USER_ROLE.USER_ID.eq(APP_USER.USER_ID))
            .where(API_TOKEN.TOKEN_HASH.eq(hash))
            .and(API_TOKEN.REVOKED_AT.isNull())
            .and(API_TOKEN.EXPIRES_AT.gt(utc(now)))
            .and(APP_USER.ENABLED)
            .orderBy(USER_ROLE.USER_ROLE_ID)
            .fetch();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    var first = rows.get(0);
    OffsetDateTime lastUsed = first.get(API_TOKEN.LAST_USED_AT);
    return Optional.of(
        new TokenGrant(
            first.get(API_TOKEN.TOKEN_ID),
            Arrays.asList(first.get(API_TOKEN.SCOPES)),
            lastUsed == null ? null : lastUsed.toInstant(),
            first.get(API_TOKEN.EXPIRES_AT).toInstant(),
            UserStore.user(first.into(APP_USER), rows)));
  }

  /**
   * Records the token's use at {@code now} unless a use within {@code precision} before it is
   * recorded already (so that using a token is not a write each time).
   */
  public void touch(long tokenId, Instant now, Duration precision) {
    OffsetDateTime since = utc(now.minus(precision));
    sql.update(API_TOKEN)
        .set(API_TOKEN.LAST_USED_AT, utc(now))
        .where(API_TOKEN.TOKEN_ID.eq(tokenId))
        .and(API_TOKEN.LAST_USED_AT.isNull().or(API_TOKEN.LAST_USED_AT.lt(since)))
        .execute();
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
