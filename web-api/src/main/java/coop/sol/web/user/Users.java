package coop.sol.web.user;

import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.jooq.tables.records.AppUserRecord;
import coop.sol.ledger.network.NetworkId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** Stores and finds users and their roles ({@code app_user}, {@code user_role}). */
@Service
public class Users {
  private final DSLContext sql;

  public Users(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * Creates a user with their roles, all or nothing.
   *
   * @return the new user's id
   * @throws org.springframework.dao.DuplicateKeyException if the username is taken
   */
  public long create(NewUser user) {
    return sql.transactionResult(
        tx -> {
          long id =
              tx.dsl()
                  .insertInto(APP_USER)
                  .set(APP_USER.USERNAME, user.username())
                  .set(APP_USER.DISPLAY_NAME, user.displayName())
                  .set(APP_USER.PASSWORD_HASH, user.passwordHash())
                  .set(APP_USER.TOTP_SECRET, user.totpSecret())
                  .returning(APP_USER.USER_ID)
                  .fetchOne(APP_USER.USER_ID);
          for (RoleGrant grant : user.roles()) {
            tx.dsl()
                .insertInto(USER_ROLE)
                .set(USER_ROLE.USER_ID, id)
                .set(USER_ROLE.NETWORK_ID, grant.network() == null ? null : grant.network().value())
                .set(USER_ROLE.ROLE, grant.role().name())
                .set(USER_ROLE.MERCHANT_REF, grant.merchantRef())
                .execute();
          }
          return id;
        });
  }

  public Optional<AppUser> find(String username) {
    return sql.selectFrom(APP_USER)
        .where(APP_USER.USERNAME.eq(username))
        .fetchOptional()
        .map(this::toUser);
  }

  public Optional<AppUser> find(long userId) {
    return sql.selectFrom(APP_USER)
        .where(APP_USER.USER_ID.eq(userId))
        .fetchOptional()
        .map(this::toUser);
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

  public boolean exists(String username) {
    return sql.fetchExists(APP_USER, APP_USER.USERNAME.eq(username));
  }

  /** Whether the installation has anyone who can administer it. */
  public boolean anyAdministrator() {
    return sql.fetchExists(
        sql.selectOne()
            .from(USER_ROLE)
            .join(APP_USER)
            .on(APP_USER.USER_ID.eq(USER_ROLE.USER_ID))
            .where(USER_ROLE.ROLE.eq(Role.ADMINISTRATOR.name()))
            .and(APP_USER.ENABLED));
  }

  private AppUser toUser(AppUserRecord user) {
    List<RoleGrant> roles =
        sql.selectFrom(USER_ROLE)
            .where(USER_ROLE.USER_ID.eq(user.getUserId()))
            .orderBy(USER_ROLE.USER_ROLE_ID)
            .fetch(
                r ->
                    new RoleGrant(
                        Role.valueOf(r.getRole()),
                        r.getNetworkId() == null ? null : new NetworkId(r.getNetworkId()),
                        r.getMerchantRef()));
    return new AppUser(
        user.getUserId(),
        user.getUsername(),
        user.getDisplayName(),
        user.getPasswordHash(),
        Optional.ofNullable(user.getTotpSecret()),
        user.getEnabled(),
        roles);
  }
}
