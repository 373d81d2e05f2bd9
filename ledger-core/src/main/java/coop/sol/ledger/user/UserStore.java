package coop.sol.ledger.user;

import static coop.sol.ledger.jooq.Tables.API_TOKEN;
import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.jooq.tables.records.AppUserRecord;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Stores and finds users and their roles ({@code app_user}, {@code user_role}). */
public final class UserStore {
  /** PostgreSQL's unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DSLContext sql;

  public UserStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /**
   * Creates a user with their roles, all or nothing.
   *
   * @param totpSecret base32, or null
   * @return the new user's id; empty if the username is taken
   */
  public Optional<Long> create(
      String username,
      String displayName,
      String passwordHash,
      String totpSecret,
      List<StoredRole> roles) {
    try {
      return Optional.of(
          sql.transactionResult(
              tx -> {
                long id =
                    tx.dsl()
                        .insertInto(APP_USER)
                        .set(APP_USER.USERNAME, username)
                        .set(APP_USER.DISPLAY_NAME, displayName)
                        .set(APP_USER.PASSWORD_HASH, passwordHash)
                        .set(APP_USER.TOTP_SECRET, totpSecret)
                        .returning(APP_USER.USER_ID)
                        .fetchOne(APP_USER.USER_ID);
                for (StoredRole role : roles) {
                  tx.dsl()
                      .insertInto(USER_ROLE)
                      .set(USER_ROLE.USER_ID, id)
                      .set(USER_ROLE.NETWORK_ID, role.networkId())
                      .set(USER_ROLE.ROLE, role.role())
                      .set(USER_ROLE.MERCHANT_REF, role.merchantRef())
                      .execute();
                }
                return id;
              }));
    } catch (org.jooq.exception.DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        return Optional.empty(); // the username is the only unique value a new user brings
      }
      throw e;
    }
  }

  public Optional<StoredUser> find(String username) {
    return sql.selectFrom(APP_USER)
        .where(APP_USER.USERNAME.eq(username))
        .fetchOptional()
        .map(this::withRoles);
  }

  public Optional<StoredUser> find(long userId) {
    return sql.selectFrom(APP_USER)
        .where(APP_USER.USER_ID.eq(userId))
        .fetchOptional()
        .map(this::withRoles);
  }

  /**
   * Records that the user's TOTP code of {@code step} was accepted, unless a code of that step or a
   * later one was accepted before: one code, one login, even when two arrive at once.
   *
   * @return true if the step was new (the code may be accepted), false for a replay
   */
  public boolean acceptTotpStep(long userId, long step) {
    return sql.update(APP_USER)
            .set(APP_USER.TOTP_LAST_STEP, step)
            .where(APP_USER.USER_ID.eq(userId))
            .and(APP_USER.TOTP_LAST_STEP.isNull().or(APP_USER.TOTP_LAST_STEP.lt(step)))
            .execute()
        == 1;
  }

  /**
   * Sets the user's TOTP secret (base32), or removes it with null; {@code acceptedStep} is the step
   * of the code that proved the new secret, which cannot be used again (null when removing).
   */
  public void setTotpSecret(long userId, String secret, Long acceptedStep) {
    sql.update(APP_USER)
        .set(APP_USER.TOTP_SECRET, secret)
        .set(APP_USER.TOTP_LAST_STEP, acceptedStep)
        .where(APP_USER.USER_ID.eq(userId))
        .execute();
  }

  /**
   * Replaces what identifies a closed person by a pseudonym and stops every way in, in one
   * transaction: the display name becomes {@code pseudonym}, the password hash one of a secret
   * nobody knows, the second factor is removed, the user disabled (password logins and tokens
   * refuse a disabled user), their email removed and their tokens revoked at {@code now}. The
   * username stays: it keys their accounts in the ledger, whose journal is never rewritten.
   *
   * @return false if there is no such user
   */
  public boolean pseudonymize(
      long userId, String pseudonym, String unusablePasswordHash, java.time.Instant now) {
    return sql.transactionResult(
        tx -> {
          int changed =
              tx.dsl()
                  .update(APP_USER)
                  .set(APP_USER.DISPLAY_NAME, pseudonym)
                  .set(APP_USER.EMAIL, (String) null)
                  .set(APP_USER.PASSWORD_HASH, unusablePasswordHash)
                  .set(APP_USER.TOTP_SECRET, (String) null)
                  .set(APP_USER.ENABLED, false)
                  .where(APP_USER.USER_ID.eq(userId))
                  .execute();
          tx.dsl()
              .update(API_TOKEN)
              .set(API_TOKEN.REVOKED_AT, now.atOffset(java.time.ZoneOffset.UTC))
              .where(API_TOKEN.USER_ID.eq(userId))
              .and(API_TOKEN.REVOKED_AT.isNull())
              .execute();
          return changed == 1;
        });
  }

  public boolean exists(String username) {
    return sql.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
  }

  /** Whether the installation has an enabled user holding {@code role} (ADMINISTRATOR...). */
  public boolean anyEnabledWithRole(String role) {
    return sql.fetchExists(
        sql.selectOne()
            .from(USER_ROLE)
            .join(APP_USER)
            .on(APP_USER.USER_ID.eq(USER_ROLE.USER_ID))
            .where(USER_ROLE.ROLE.eq(role))
            .and(APP_USER.ENABLED));
  }

  private StoredUser withRoles(AppUserRecord user) {
    List<StoredRole> roles =
        sql.select(USER_ROLE.ROLE, USER_ROLE.NETWORK_ID, USER_ROLE.MERCHANT_REF)
            .from(USER_ROLE)
            .where(USER_ROLE.USER_ID.eq(user.getUserId()))
            .orderBy(USER_ROLE.USER_ROLE_ID)
            .fetch(UserStore::role);
    return stored(user, roles);
  }

  private static StoredUser stored(AppUserRecord user, List<StoredRole> roles) {
    return new StoredUser(
        user.getUserId(),
        user.getUsername(),
        user.getDisplayName(),
        user.getPasswordHash(),
        user.getTotpSecret(),
        user.getEnabled(),
        roles,
        user.getEmail(),
        user.getLanguage(),
        user.getCredentialsVersion());
  }

  private static StoredRole role(Record row) {
    return new StoredRole(
        row.get(USER_ROLE.ROLE), row.get(USER_ROLE.NETWORK_ID), row.get(USER_ROLE.MERCHANT_REF));
  }
}
