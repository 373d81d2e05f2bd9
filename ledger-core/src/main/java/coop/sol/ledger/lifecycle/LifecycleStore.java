package coop.sol.ledger.lifecycle;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static coop.sol.ledger.jooq.Tables.ACCOUNT_STATUS_CHANGE;
import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.CREDIT_LIMIT_CHANGE;
import static coop.sol.ledger.jooq.Tables.MERCHANT_PROFILE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.jooq.tables.records.AccountRecord;
import coop.sol.ledger.jooq.tables.records.AccountStatusChangeRecord;
import coop.sol.ledger.jooq.tables.records.CreditLimitChangeRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.Transfers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Account statuses and their history through jOOQ. {@link #underWriterLock} runs work in one
 * transaction that holds the network writer's advisory lock: no batch of the network is decided
 * meanwhile, on any instance.
 */
final class LifecycleStore {
  private final DSLContext sql;

  LifecycleStore(DataSource dataSource) {
    this(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  private LifecycleStore(DSLContext sql) {
    this.sql = sql;
  }

  <T> T underWriterLock(NetworkId network, Function<LifecycleStore, T> work) {
    return sql.transactionResult(
        tx -> {
          DSLContext locked = tx.dsl();
          locked
              .select(
                  field(
                      "pg_advisory_xact_lock({0}, {1})",
                      Object.class,
                      inline(Transfers.WRITER_LOCK_CLASS),
                      val((int) network.value())))
              .fetch();
          return work.apply(new LifecycleStore(locked));
        });
  }

  List<Account> account(NetworkId network, AccountId id) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
        .fetch(LifecycleStore::toAccount);
  }

  /** The accounts a person holds in the network, whatever their role (never system accounts). */
  List<Account> owned(NetworkId network, String ownerRef) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.OWNER_REF.eq(ownerRef))
        .and(ACCOUNT.OWNER_KIND.ne(OwnerKind.SYSTEM.name()))
        .orderBy(ACCOUNT.ACCOUNT_ID)
        .fetch(LifecycleStore::toAccount);
  }

  StatusChange change(Account account, AccountStatus to, String reason, Actor by, Instant at) {
    sql.update(ACCOUNT)
        .set(ACCOUNT.STATUS, to.name())
        .where(ACCOUNT.NETWORK_ID.eq(account.network().value()))
        .and(ACCOUNT.ACCOUNT_ID.eq(account.id().value()))
        .execute();
    return toChange(
        sql.insertInto(ACCOUNT_STATUS_CHANGE)
            .set(ACCOUNT_STATUS_CHANGE.NETWORK_ID, account.network().value())
            .set(ACCOUNT_STATUS_CHANGE.ACCOUNT_ID, account.id().value())
            .set(ACCOUNT_STATUS_CHANGE.FROM_STATUS, account.status().name())
            .set(ACCOUNT_STATUS_CHANGE.TO_STATUS, to.name())
            .set(ACCOUNT_STATUS_CHANGE.REASON, reason)
            .set(ACCOUNT_STATUS_CHANGE.CHANGED_BY, by.id())
            .set(ACCOUNT_STATUS_CHANGE.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
            .returning()
            .fetchOne());
  }

  /** Renames every (non-system) account of {@code ownerRef} in the network. */
  void rename(NetworkId network, String ownerRef, String name) {
    sql.update(ACCOUNT)
        .set(ACCOUNT.NAME, name)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.OWNER_REF.eq(ownerRef))
        .and(ACCOUNT.OWNER_KIND.ne(OwnerKind.SYSTEM.name()))
        .execute();
  }

  /**
   * Ends every open session of the person with this username, on every instance: their credentials
   * version moves on, which each instance compares with the session's on its next request ({@code
   * SessionCredentialsFilter}). Their password and tokens are left as they are.
   */
  void endSessions(String username) {
    sql.update(APP_USER)
        .set(APP_USER.CREDENTIALS_VERSION, APP_USER.CREDENTIALS_VERSION.plus(1))
        .where(APP_USER.USERNAME.eq(username))
        .execute();
  }

  /**
   * Replaces the merchant's listing in the network's directory by the pseudonym, every other field
   * emptied; the directory shows no listing of a merchant whose accounts are all closed.
   */
  void pseudonymizeListing(NetworkId network, String merchantRef, String pseudonym, Instant at) {
    sql.update(MERCHANT_PROFILE)
        .set(MERCHANT_PROFILE.TRADING_NAME, pseudonym)
        .set(MERCHANT_PROFILE.DESCRIPTION, "")
        .set(MERCHANT_PROFILE.ADDRESS, "")
        .set(MERCHANT_PROFILE.TOWN, "")
        .set(MERCHANT_PROFILE.OPENING_HOURS, "")
        .set(MERCHANT_PROFILE.PHONE, "")
        .set(MERCHANT_PROFILE.WEBSITE, "")
        .set(MERCHANT_PROFILE.STRANDS, new String[0])
        .set(MERCHANT_PROFILE.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
        .set(MERCHANT_PROFILE.CHANGED_BY, pseudonym)
        .where(MERCHANT_PROFILE.NETWORK_ID.eq(network.value()))
        .and(MERCHANT_PROFILE.MERCHANT_REF.eq(merchantRef))
        .execute();
  }

  List<StatusChange> history(NetworkId network, AccountId account) {
    return sql.selectFrom(ACCOUNT_STATUS_CHANGE)
        .where(ACCOUNT_STATUS_CHANGE.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT_STATUS_CHANGE.ACCOUNT_ID.eq(account.value()))
        .orderBy(ACCOUNT_STATUS_CHANGE.CHANGE_ID)
        .fetch(LifecycleStore::toChange);
  }

  CreditLimitChange proposeLimit(
      Account account, long newLimit, String reason, Actor by, Instant at) {
    return toLimitChange(
        sql.insertInto(CREDIT_LIMIT_CHANGE)
            .set(CREDIT_LIMIT_CHANGE.NETWORK_ID, account.network().value())
            .set(CREDIT_LIMIT_CHANGE.ACCOUNT_ID, account.id().value())
            .set(CREDIT_LIMIT_CHANGE.OLD_LIMIT, account.creditLimit().getAsLong())
            .set(CREDIT_LIMIT_CHANGE.NEW_LIMIT, newLimit)
            .set(CREDIT_LIMIT_CHANGE.REASON, reason)
            .set(CREDIT_LIMIT_CHANGE.PROPOSED_BY, by.id())
            .set(CREDIT_LIMIT_CHANGE.PROPOSED_AT, at.atOffset(ZoneOffset.UTC))
            .returning()
            .fetchOne());
  }

  /** The change, its row locked until the transaction ends (one decision at a time). */
  java.util.Optional<CreditLimitChange> lockLimitChange(NetworkId network, long id) {
    return sql.selectFrom(CREDIT_LIMIT_CHANGE)
        .where(CREDIT_LIMIT_CHANGE.NETWORK_ID.eq(network.value()))
        .and(CREDIT_LIMIT_CHANGE.CHANGE_ID.eq(id))
        .forUpdate()
        .fetchOptional(LifecycleStore::toLimitChange);
  }

  java.util.Optional<CreditLimitChange> limitChange(NetworkId network, long id) {
    return sql.selectFrom(CREDIT_LIMIT_CHANGE)
        .where(CREDIT_LIMIT_CHANGE.NETWORK_ID.eq(network.value()))
        .and(CREDIT_LIMIT_CHANGE.CHANGE_ID.eq(id))
        .fetchOptional(LifecycleStore::toLimitChange);
  }

  List<CreditLimitChange> proposedLimitChanges(NetworkId network) {
    return sql.selectFrom(CREDIT_LIMIT_CHANGE)
        .where(CREDIT_LIMIT_CHANGE.NETWORK_ID.eq(network.value()))
        .and(CREDIT_LIMIT_CHANGE.STATUS.eq(CreditLimitChange.Status.PROPOSED.name()))
        .orderBy(CREDIT_LIMIT_CHANGE.CHANGE_ID)
        .fetch(LifecycleStore::toLimitChange);
  }

  CreditLimitChange decideLimit(
      CreditLimitChange change, CreditLimitChange.Status status, Actor by, Instant at) {
    return toLimitChange(
        sql.update(CREDIT_LIMIT_CHANGE)
            .set(CREDIT_LIMIT_CHANGE.STATUS, status.name())
            .set(CREDIT_LIMIT_CHANGE.DECIDED_BY, by.id())
            .set(CREDIT_LIMIT_CHANGE.DECIDED_AT, at.atOffset(ZoneOffset.UTC))
            .where(CREDIT_LIMIT_CHANGE.NETWORK_ID.eq(change.network().value()))
            .and(CREDIT_LIMIT_CHANGE.CHANGE_ID.eq(change.id()))
            .returning()
            .fetchOne());
  }

  /** Sets the limit (the caller checked the account uses no more than it). */
  void setLimit(Account account, long limit) {
    sql.update(ACCOUNT)
        .set(ACCOUNT.CREDIT_LIMIT, limit)
        .where(ACCOUNT.NETWORK_ID.eq(account.network().value()))
        .and(ACCOUNT.ACCOUNT_ID.eq(account.id().value()))
        .execute();
  }

  private static CreditLimitChange toLimitChange(CreditLimitChangeRecord r) {
    return new CreditLimitChange(
        new NetworkId(r.getNetworkId()),
        r.getChangeId(),
        new AccountId(r.getAccountId()),
        r.getOldLimit(),
        r.getNewLimit(),
        r.getReason(),
        new Actor(r.getProposedBy()),
        r.getProposedAt().toInstant(),
        CreditLimitChange.Status.valueOf(r.getStatus()),
        java.util.Optional.ofNullable(r.getDecidedBy()).map(Actor::new),
        java.util.Optional.ofNullable(r.getDecidedAt()).map(java.time.OffsetDateTime::toInstant));
  }

  private static StatusChange toChange(AccountStatusChangeRecord r) {
    return new StatusChange(
        new NetworkId(r.getNetworkId()),
        r.getChangeId(),
        new AccountId(r.getAccountId()),
        AccountStatus.valueOf(r.getFromStatus()),
        AccountStatus.valueOf(r.getToStatus()),
        r.getReason(),
        new Actor(r.getChangedBy()),
        r.getChangedAt().toInstant());
  }

  private static Account toAccount(AccountRecord r) {
    return new Account(
        new NetworkId(r.getNetworkId()),
        new AccountId(r.getAccountId()),
        StrandKind.ofId(r.getStrandId()),
        OwnerKind.valueOf(r.getOwnerKind()),
        r.getOwnerRef(),
        r.getName(),
        AccountStatus.valueOf(r.getStatus()),
        r.getCreditLimit() == null ? OptionalLong.empty() : OptionalLong.of(r.getCreditLimit()),
        new Balance(
            r.getDebitsPosted(),
            r.getCreditsPosted(),
            r.getDebitsPending(),
            r.getCreditsPending()));
  }
}
