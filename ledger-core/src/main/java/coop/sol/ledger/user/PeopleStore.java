package coop.sol.ledger.user;

import static coop.sol.ledger.jooq.Tables.ACTIVATION;
import static coop.sol.ledger.jooq.Tables.API_TOKEN;
import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.ROLE_PROPOSAL;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.directory.DirectoryStore;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.SettingsStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Enrolling people and their access: people created without a password and with a one-time
 * activation code ({@code activation}), the code's use, password changes that end every other
 * session and token ({@code app_user.credentials_version}, {@code api_token.revoked_at}), roles
 * changed network by network, and coordinators' appointments under dual control ({@code
 * role_proposal}). Every change is written with its audit entries in one transaction.
 */
public final class PeopleStore {
  /** PostgreSQL's unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  public static final String COORDINATOR = "COORDINATOR";

  /** {@code activation.purpose}: issued at enrolment or by a coordinator's reset. */
  private static final String ACCESS = "ACCESS";

  /** {@code activation.purpose}: a "forgot password" link asked for by the person. */
  private static final String RESET = "RESET";

  private final DSLContext sql;
  private final UserStore users;

  public PeopleStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
    this.users = new UserStore(dataSource);
  }

  /**
   * A person to create.
   *
   * @param email or null
   * @param language "fr", "en", or null for their network's
   * @param roles granted at once
   * @param proposedCoordinatorIn networks where they are proposed as coordinator, waiting for a
   *     second coordinator's approval
   */
  public record NewPerson(
      String username,
      String displayName,
      String email,
      String language,
      List<StoredRole> roles,
      List<Long> proposedCoordinatorIn,
      Listing listing) {
    public NewPerson {
      roles = List.copyOf(roles);
      proposedCoordinatorIn = List.copyOf(proposedCoordinatorIn);
    }

    public NewPerson(
        String username,
        String displayName,
        String email,
        String language,
        List<StoredRole> roles,
        List<Long> proposedCoordinatorIn) {
      this(username, displayName, email, language, roles, proposedCoordinatorIn, null);
    }
  }

  /**
   * A merchant's listing in the network's directory, written with their enrolment.
   *
   * @param categories codes of the network's catalogue (checked by the caller); empty for none
   */
  public record Listing(MerchantProfile profile, Set<String> categories, Actor by) {
    public Listing {
      categories = Set.copyOf(categories);
    }
  }

  /**
   * Creates the person (no password), their roles, proposals and first activation, a merchant's
   * listing in the directory and category (if given), and the audit entry made knowing their id,
   * all or nothing.
   *
   * @return the new person's id; empty if the username is taken
   */
  public Optional<Long> create(
      NewPerson person, NewActivation activation, Long proposedBy, LongFunction<AuditEntry> audit) {
    try {
      return Optional.of(
          sql.transactionResult(
              tx -> {
                DSLContext t = tx.dsl();
                long id =
                    t.insertInto(APP_USER)
                        .set(APP_USER.USERNAME, person.username())
                        .set(APP_USER.DISPLAY_NAME, person.displayName())
                        .set(APP_USER.EMAIL, person.email())
                        .set(APP_USER.LANGUAGE, person.language())
                        .returning(APP_USER.USER_ID)
                        .fetchOne(APP_USER.USER_ID);
                for (StoredRole role : person.roles()) {
                  grant(t, id, role);
                }
                for (Long network : person.proposedCoordinatorIn()) {
                  propose(t, network, id, proposedBy, activation.issuedAt());
                }
                insertActivation(t, id, activation);
                Listing listing = person.listing();
                if (listing != null) {
                  DirectoryStore.write(
                      t, listing.profile(), activation.issuedAt(), listing.by().id());
                  if (!listing.categories().isEmpty()) {
                    SettingsStore.insertMerchantCategories(
                        t,
                        listing.profile().network(),
                        listing.profile().merchantRef(),
                        listing.categories(),
                        activation.issuedAt(),
                        listing.by());
                  }
                }
                AuditLogStore.insert(t, audit.apply(id));
                return id;
              }));
    } catch (org.jooq.exception.DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Resets a person's access: a new activation replaces any unused one, their password and TOTP
   * secret are removed, their credentials version moves on (every session ends) and every token of
   * theirs is revoked; with the audit entry, all or nothing.
   */
  public void reissue(long userId, NewActivation activation, AuditEntry audit) {
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          OffsetDateTime now = utc(activation.issuedAt());
          supersede(t, userId, now);
          t.update(APP_USER)
              .set(APP_USER.PASSWORD_HASH, (String) null)
              .set(APP_USER.TOTP_SECRET, (String) null)
              .set(APP_USER.TOTP_LAST_STEP, (Long) null)
              .set(APP_USER.CREDENTIALS_VERSION, APP_USER.CREDENTIALS_VERSION.plus(1))
              .where(APP_USER.USER_ID.eq(userId))
              .execute();
          revokeTokens(t, userId, OptionalLong.empty(), now);
          insertActivation(t, userId, activation);
          AuditLogStore.insert(t, audit);
        });
  }

  /** The activation of this code, if it is neither used, replaced nor expired at {@code now}. */
  public Optional<UsableActivation> usable(byte[] codeHash, Instant now) {
    return sql.select(
            ACTIVATION.ACTIVATION_ID, ACTIVATION.USER_ID, ACTIVATION.EXPIRES_AT, ACTIVATION.PURPOSE)
        .from(ACTIVATION)
        .where(ACTIVATION.CODE_HASH.eq(codeHash))
        .and(ACTIVATION.USED_AT.isNull())
        .and(ACTIVATION.SUPERSEDED_AT.isNull())
        .and(ACTIVATION.EXPIRES_AT.gt(utc(now)))
        .fetchOptional()
        .flatMap(
            r ->
                users
                    .find(r.value2())
                    .map(
                        user ->
                            new UsableActivation(
                                r.value1(),
                                r.value3().toInstant(),
                                user,
                                RESET.equals(r.value4()))));
  }

  /**
   * Issues a "forgot password" link ({@code activation.purpose = 'RESET'}) to an enabled person,
   * changing nothing else of their access: their password, second factor, sessions, tokens and any
   * code issued by a coordinator keep working until the link is used. At most one such link is live
   * (a new one replaces the previous unused one), and none is issued if one was issued less than
   * {@code quietFor} ago: counted in the database, under the person's row lock, so two requests at
   * once on two instances issue one link.
   *
   * @return whether the link was issued (false: unknown or disabled person, or too soon)
   */
  public boolean issueReset(
      long userId, NewActivation activation, Duration quietFor, AuditEntry audit) {
    return sql.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          OffsetDateTime now = utc(activation.issuedAt());
          var person =
              t.select(APP_USER.USER_ID)
                  .from(APP_USER)
                  .where(APP_USER.USER_ID.eq(userId))
                  .and(APP_USER.ENABLED)
                  .forUpdate()
                  .fetchOptional();
          if (person.isEmpty()) {
            return false;
          }
          boolean recent =
              t.fetchExists(
                  ACTIVATION,
                  ACTIVATION
                      .USER_ID
                      .eq(userId)
                      .and(ACTIVATION.PURPOSE.eq(RESET))
                      .and(ACTIVATION.ISSUED_AT.gt(utc(activation.issuedAt().minus(quietFor)))));
          if (recent) {
            return false;
          }
          t.update(ACTIVATION)
              .set(ACTIVATION.SUPERSEDED_AT, now)
              .where(ACTIVATION.USER_ID.eq(userId))
              .and(ACTIVATION.PURPOSE.eq(RESET))
              .and(ACTIVATION.USED_AT.isNull())
              .and(ACTIVATION.SUPERSEDED_AT.isNull())
              .execute();
          insertActivation(t, userId, activation, RESET);
          AuditLogStore.insert(t, audit);
          return true;
        });
  }

  /**
   * Uses an activation: sets the person's password (and TOTP secret, or none; a reset link with a
   * null secret keeps the one they have), moves their credentials version on (every session of
   * theirs ends), revokes their tokens, replaces their other unused codes and links, and writes the
   * audit entry, provided the activation is still usable; one use only, however many arrive at
   * once.
   *
   * @return false if the activation was used, replaced or expired meanwhile
   */
  public boolean activate(
      UsableActivation activation,
      String passwordHash,
      String totpSecret,
      Instant now,
      AuditEntry audit) {
    return sql.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          int used =
              t.update(ACTIVATION)
                  .set(ACTIVATION.USED_AT, utc(now))
                  .where(ACTIVATION.ACTIVATION_ID.eq(activation.activationId()))
                  .and(ACTIVATION.USED_AT.isNull())
                  .and(ACTIVATION.SUPERSEDED_AT.isNull())
                  .and(ACTIVATION.EXPIRES_AT.gt(utc(now)))
                  .execute();
          if (used != 1) {
            return false;
          }
          long userId = activation.user().id();
          var update =
              t.update(APP_USER)
                  .set(APP_USER.PASSWORD_HASH, passwordHash)
                  .set(APP_USER.CREDENTIALS_VERSION, APP_USER.CREDENTIALS_VERSION.plus(1));
          if (!activation.reset() || totpSecret != null) {
            // a reset link keeps the second factor the person has (null: keep it)
            update =
                update
                    .set(APP_USER.TOTP_SECRET, totpSecret)
                    .set(APP_USER.TOTP_LAST_STEP, (Long) null);
          }
          update.where(APP_USER.USER_ID.eq(userId)).execute();
          // whichever code was used, the person's other unused codes and links stop working
          supersede(t, userId, utc(now));
          revokeTokens(t, userId, OptionalLong.empty(), utc(now));
          AuditLogStore.insert(t, audit);
          return true;
        });
  }

  /**
   * Changes a person's password, provided it is still {@code expectedHash} (two changes at once:
   * one wins), ends their other sessions (the credentials version moves on) and revokes their
   * tokens but {@code keptToken}; with the audit entry.
   *
   * @return the new credentials version; empty if the password had changed meanwhile
   */
  public OptionalLong changePassword(
      long userId,
      String expectedHash,
      String newHash,
      OptionalLong keptToken,
      Instant now,
      AuditEntry audit) {
    return sql.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          var version =
              t.update(APP_USER)
                  .set(APP_USER.PASSWORD_HASH, newHash)
                  .set(APP_USER.CREDENTIALS_VERSION, APP_USER.CREDENTIALS_VERSION.plus(1))
                  .where(APP_USER.USER_ID.eq(userId))
                  .and(APP_USER.PASSWORD_HASH.eq(expectedHash))
                  .returning(APP_USER.CREDENTIALS_VERSION)
                  .fetchOptional(APP_USER.CREDENTIALS_VERSION);
          if (version.isEmpty()) {
            return OptionalLong.empty();
          }
          revokeTokens(t, userId, keptToken, utc(now));
          AuditLogStore.insert(t, audit);
          return OptionalLong.of(version.get());
        });
  }

  /**
   * The credentials version of an enabled person who has a password; empty for anyone else (whose
   * sessions are then over).
   */
  public OptionalLong sessionVersion(long userId) {
    return sql.select(APP_USER.CREDENTIALS_VERSION)
        .from(APP_USER)
        .where(APP_USER.USER_ID.eq(userId))
        .and(APP_USER.ENABLED)
        .and(APP_USER.PASSWORD_HASH.isNotNull())
        .fetchOptional(APP_USER.CREDENTIALS_VERSION)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * People holding a role in {@code networkId} (or a pending appointment there), by name, username
   * or email containing {@code query} (case-insensitive), holding {@code role}, in {@code status};
   * by username.
   *
   * @param query null for anyone
   * @param role null for any role
   * @param status null for any status
   * @param merchantRef when not null, only the cashiers of that merchant
   */
  public List<PersonRow> search(
      long networkId,
      String query,
      String role,
      PersonStatus status,
      String merchantRef,
      int limit) {
    Condition inNetwork =
        DSL.exists(
                DSL.selectOne()
                    .from(USER_ROLE)
                    .where(USER_ROLE.USER_ID.eq(APP_USER.USER_ID))
                    .and(USER_ROLE.NETWORK_ID.eq(networkId))
                    .and(role == null ? DSL.noCondition() : USER_ROLE.ROLE.eq(role))
                    .and(
                        merchantRef == null
                            ? DSL.noCondition()
                            : USER_ROLE
                                .ROLE
                                .eq("CASHIER")
                                .and(USER_ROLE.MERCHANT_REF.eq(merchantRef))))
            .or(
                merchantRef != null || (role != null && !role.equals(COORDINATOR))
                    ? DSL.falseCondition()
                    : DSL.exists(
                        DSL.selectOne()
                            .from(ROLE_PROPOSAL)
                            .where(ROLE_PROPOSAL.USER_ID.eq(APP_USER.USER_ID))
                            .and(ROLE_PROPOSAL.NETWORK_ID.eq(networkId))
                            .and(ROLE_PROPOSAL.STATUS.eq("PENDING"))));
    Condition matching = DSL.noCondition();
    if (query != null && !query.isBlank()) {
      String like =
          "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      matching =
          APP_USER
              .USERNAME
              .likeIgnoreCase(like, '\\')
              .or(APP_USER.DISPLAY_NAME.likeIgnoreCase(like, '\\'))
              .or(APP_USER.EMAIL.likeIgnoreCase(like, '\\'));
    }
    Condition inStatus =
        status == null
            ? DSL.noCondition()
            : switch (status) {
              case DISABLED -> APP_USER.ENABLED.isFalse();
              case PENDING -> APP_USER.ENABLED.isTrue().and(APP_USER.PASSWORD_HASH.isNull());
              case ACTIVE -> APP_USER.ENABLED.isTrue().and(APP_USER.PASSWORD_HASH.isNotNull());
            };
    List<Long> ids =
        sql.select(APP_USER.USER_ID)
            .from(APP_USER)
            .where(inNetwork)
            .and(matching)
            .and(inStatus)
            .orderBy(APP_USER.USERNAME)
            .limit(limit)
            .fetch(APP_USER.USER_ID);
    List<PersonRow> rows = new ArrayList<>();
    for (long id : ids) {
      users.find(id).ifPresent(user -> rows.add(new PersonRow(user, status(user))));
    }
    return rows;
  }

  public static PersonStatus status(StoredUser user) {
    if (!user.enabled()) {
      return PersonStatus.DISABLED;
    }
    return user.passwordHash() == null ? PersonStatus.PENDING : PersonStatus.ACTIVE;
  }

  /**
   * Replaces a person's roles in one network by {@code roles} (all of that network), and proposes
   * them as coordinator there when {@code proposeCoordinator} (unless a proposal is pending); their
   * open sessions end (they log in again under their new roles); with the audit entry.
   */
  public void replaceRoles(
      long userId,
      long networkId,
      List<StoredRole> roles,
      boolean proposeCoordinator,
      long by,
      Instant now,
      AuditEntry audit) {
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          // the person's row first: two changes of one person's roles wait for each other
          t.selectFrom(APP_USER).where(APP_USER.USER_ID.eq(userId)).forUpdate().fetchOne();
          // a grant that stays is kept as it is (a cashier's refund limits with it)
          var kept =
              t.select(USER_ROLE.ROLE, USER_ROLE.NETWORK_ID, USER_ROLE.MERCHANT_REF)
                  .from(USER_ROLE)
                  .where(USER_ROLE.USER_ID.eq(userId))
                  .and(USER_ROLE.NETWORK_ID.eq(networkId))
                  .fetch(r -> new StoredRole(r.value1(), r.value2(), r.value3()));
          for (StoredRole old : kept) {
            if (!roles.contains(old)) {
              t.deleteFrom(DSL.table("cashier_refund_limit"))
                  .where(
                      DSL.field("user_role_id", Long.class)
                          .in(
                              DSL.select(USER_ROLE.USER_ROLE_ID)
                                  .from(USER_ROLE)
                                  .where(USER_ROLE.USER_ID.eq(userId))
                                  .and(USER_ROLE.NETWORK_ID.eq(networkId))
                                  .and(USER_ROLE.ROLE.eq(old.role()))
                                  .and(
                                      old.merchantRef() == null
                                          ? USER_ROLE.MERCHANT_REF.isNull()
                                          : USER_ROLE.MERCHANT_REF.eq(old.merchantRef()))))
                  .execute();
              t.deleteFrom(USER_ROLE)
                  .where(USER_ROLE.USER_ID.eq(userId))
                  .and(USER_ROLE.NETWORK_ID.eq(networkId))
                  .and(USER_ROLE.ROLE.eq(old.role()))
                  .and(
                      old.merchantRef() == null
                          ? USER_ROLE.MERCHANT_REF.isNull()
                          : USER_ROLE.MERCHANT_REF.eq(old.merchantRef()))
                  .execute();
            }
          }
          for (StoredRole role : roles) {
            if (!kept.contains(role)) {
              grant(t, userId, role);
            }
          }
          if (proposeCoordinator
              && !t.fetchExists(
                  ROLE_PROPOSAL,
                  ROLE_PROPOSAL
                      .USER_ID
                      .eq(userId)
                      .and(ROLE_PROPOSAL.NETWORK_ID.eq(networkId))
                      .and(ROLE_PROPOSAL.STATUS.eq("PENDING")))) {
            propose(t, networkId, userId, by, now);
          }
          endSessions(t, userId);
          AuditLogStore.insert(t, audit);
        });
  }

  /** The network's appointments waiting for a second coordinator, oldest first. */
  public List<RoleProposal> pendingProposals(long networkId) {
    return proposals(
        ROLE_PROPOSAL.NETWORK_ID.eq(networkId).and(ROLE_PROPOSAL.STATUS.eq("PENDING")));
  }

  public Optional<RoleProposal> proposal(long proposalId) {
    return proposals(ROLE_PROPOSAL.PROPOSAL_ID.eq(proposalId)).stream().findFirst();
  }

  /** How a decision on a proposal went. */
  public enum Decision {
    DONE,
    NOT_PENDING,
    SAME_COORDINATOR
  }

  /**
   * Approves (grants the role, and ends the person's open sessions so that the next login carries
   * it) or declines a pending proposal, by a coordinator other than the one who proposed it; the
   * proposal's row is locked, so two decisions cannot both pass.
   */
  public Decision decide(
      long proposalId,
      long decidedBy,
      boolean approve,
      Instant now,
      LongFunction<AuditEntry> audit) {
    return sql.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          var row =
              t.selectFrom(ROLE_PROPOSAL)
                  .where(ROLE_PROPOSAL.PROPOSAL_ID.eq(proposalId))
                  .forUpdate()
                  .fetchOne();
          if (row == null || !row.getStatus().equals("PENDING")) {
            return Decision.NOT_PENDING;
          }
          if (row.getProposedByUserId() == decidedBy) {
            return Decision.SAME_COORDINATOR;
          }
          t.update(ROLE_PROPOSAL)
              .set(ROLE_PROPOSAL.STATUS, approve ? "APPROVED" : "DECLINED")
              .set(ROLE_PROPOSAL.DECIDED_BY_USER_ID, decidedBy)
              .set(ROLE_PROPOSAL.DECIDED_AT, utc(now))
              .where(ROLE_PROPOSAL.PROPOSAL_ID.eq(proposalId))
              .execute();
          if (approve) {
            t.insertInto(USER_ROLE)
                .set(USER_ROLE.USER_ID, row.getUserId())
                .set(USER_ROLE.NETWORK_ID, row.getNetworkId())
                .set(USER_ROLE.ROLE, row.getRole())
                .onConflictDoNothing()
                .execute();
            endSessions(t, row.getUserId());
          }
          AuditLogStore.insert(t, audit.apply(row.getUserId()));
          return Decision.DONE;
        });
  }

  private List<RoleProposal> proposals(Condition condition) {
    var proposer = APP_USER.as("proposer");
    return sql.select(
            ROLE_PROPOSAL.PROPOSAL_ID,
            ROLE_PROPOSAL.NETWORK_ID,
            ROLE_PROPOSAL.USER_ID,
            APP_USER.USERNAME,
            APP_USER.DISPLAY_NAME,
            ROLE_PROPOSAL.ROLE,
            ROLE_PROPOSAL.PROPOSED_BY_USER_ID,
            proposer.USERNAME,
            ROLE_PROPOSAL.PROPOSED_AT,
            ROLE_PROPOSAL.STATUS)
        .from(ROLE_PROPOSAL)
        .join(APP_USER)
        .on(APP_USER.USER_ID.eq(ROLE_PROPOSAL.USER_ID))
        .join(proposer)
        .on(proposer.USER_ID.eq(ROLE_PROPOSAL.PROPOSED_BY_USER_ID))
        .where(condition)
        .orderBy(ROLE_PROPOSAL.PROPOSAL_ID)
        .fetch(
            r ->
                new RoleProposal(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9().toInstant(),
                    r.value10()));
  }

  /**
   * Ends the person's open sessions on every instance (their credentials version moves on): a
   * session holds the roles it logged in with, so a change of roles takes effect at its next
   * request, by a new login.
   */
  private static void endSessions(DSLContext t, long userId) {
    t.update(APP_USER)
        .set(APP_USER.CREDENTIALS_VERSION, APP_USER.CREDENTIALS_VERSION.plus(1))
        .where(APP_USER.USER_ID.eq(userId))
        .execute();
  }

  private static void grant(DSLContext t, long userId, StoredRole role) {
    t.insertInto(USER_ROLE)
        .set(USER_ROLE.USER_ID, userId)
        .set(USER_ROLE.NETWORK_ID, role.networkId())
        .set(USER_ROLE.ROLE, role.role())
        .set(USER_ROLE.MERCHANT_REF, role.merchantRef())
        .execute();
  }

  private static void propose(DSLContext t, long networkId, long userId, Long by, Instant now) {
    t.insertInto(ROLE_PROPOSAL)
        .set(ROLE_PROPOSAL.NETWORK_ID, networkId)
        .set(ROLE_PROPOSAL.USER_ID, userId)
        .set(ROLE_PROPOSAL.ROLE, COORDINATOR)
        .set(ROLE_PROPOSAL.PROPOSED_BY_USER_ID, by)
        .set(ROLE_PROPOSAL.PROPOSED_AT, utc(now))
        .execute();
  }

  private static void insertActivation(DSLContext t, long userId, NewActivation activation) {
    insertActivation(t, userId, activation, ACCESS);
  }

  private static void insertActivation(
      DSLContext t, long userId, NewActivation activation, String purpose) {
    t.insertInto(ACTIVATION)
        .set(ACTIVATION.PURPOSE, purpose)
        .set(ACTIVATION.USER_ID, userId)
        .set(ACTIVATION.CODE_HASH, activation.codeHash())
        .set(ACTIVATION.ISSUED_BY_USER_ID, activation.issuedBy())
        .set(ACTIVATION.ISSUED_AT, utc(activation.issuedAt()))
        .set(ACTIVATION.EXPIRES_AT, utc(activation.expiresAt()))
        .execute();
  }

  private static void supersede(DSLContext t, long userId, OffsetDateTime now) {
    t.update(ACTIVATION)
        .set(ACTIVATION.SUPERSEDED_AT, now)
        .where(ACTIVATION.USER_ID.eq(userId))
        .and(ACTIVATION.USED_AT.isNull())
        .and(ACTIVATION.SUPERSEDED_AT.isNull())
        .execute();
  }

  private static void revokeTokens(
      DSLContext t, long userId, OptionalLong kept, OffsetDateTime now) {
    t.update(API_TOKEN)
        // revoked_at >= created_at, even for a token made by an instance whose clock is ahead
        .set(API_TOKEN.REVOKED_AT, DSL.greatest(DSL.val(now), API_TOKEN.CREATED_AT))
        .where(API_TOKEN.USER_ID.eq(userId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .and(kept.isPresent() ? API_TOKEN.TOKEN_ID.ne(kept.getAsLong()) : DSL.noCondition())
        .execute();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
