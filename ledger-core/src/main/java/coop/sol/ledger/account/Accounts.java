package coop.sol.ledger.account;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;

import coop.sol.ledger.jooq.tables.records.AccountRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Opens accounts, reads them, and changes their status or credit limit. Never changes balances:
 * only the transfer writer does.
 */
public final class Accounts {
  private final DSLContext sql;

  public Accounts(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * Opens an account with zero balances.
   *
   * @param creditLimit how far below zero it may go (minor units); empty = unlimited, SYSTEM only
   */
  public Account open(
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
    if (creditLimit.isEmpty() && ownerKind != OwnerKind.SYSTEM) {
      throw new IllegalArgumentException("only system accounts may have no credit limit");
    }
    if (creditLimit.isPresent() && creditLimit.getAsLong() < 0) {
      throw new IllegalArgumentException("a credit limit is >= 0");
    }
    return toAccount(
        sql.insertInto(ACCOUNT)
            .set(ACCOUNT.NETWORK_ID, network.value())
            .set(ACCOUNT.STRAND_ID, strand.id())
            .set(ACCOUNT.OWNER_KIND, ownerKind.name())
            .set(ACCOUNT.OWNER_REF, ownerRef)
            .set(ACCOUNT.NAME, name)
            .set(ACCOUNT.CREDIT_LIMIT, creditLimit.isPresent() ? creditLimit.getAsLong() : null)
            .returning()
            .fetchOne());
  }

  public Optional<Account> find(NetworkId network, AccountId id) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
        .fetchOptional(Accounts::toAccount);
  }

  /** The account with this id in any of {@code networks} (how callers scope a lookup by id). */
  public Optional<Account> findIn(Collection<NetworkId> networks, AccountId id) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
        .fetchOptional(Accounts::toAccount);
  }

  /**
   * The accounts with these ids in any of {@code networks}, in no particular order: several lookups
   * of {@link #findIn} in one round trip.
   */
  public List<Account> findIn(Collection<NetworkId> networks, Collection<AccountId> ids) {
    if (networks.isEmpty() || ids.isEmpty()) {
      return List.of();
    }
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .and(ACCOUNT.ACCOUNT_ID.in(ids.stream().map(AccountId::value).toList()))
        .fetch(Accounts::toAccount);
  }

  public List<Account> findByOwner(NetworkId network, OwnerKind kind, String ownerRef) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.OWNER_KIND.eq(kind.name()))
        .and(ACCOUNT.OWNER_REF.eq(ownerRef))
        .orderBy(ACCOUNT.STRAND_ID, ACCOUNT.ACCOUNT_ID)
        .fetch(Accounts::toAccount);
  }

  /** Every account of a network, in id order (for verification and reports). */
  public List<Account> list(NetworkId network) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .orderBy(ACCOUNT.ACCOUNT_ID)
        .fetch(Accounts::toAccount);
  }

  public boolean setStatus(NetworkId network, AccountId id, AccountStatus status) {
    return sql.update(ACCOUNT)
            .set(ACCOUNT.STATUS, status.name())
            .where(ACCOUNT.NETWORK_ID.eq(network.value()))
            .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
            .execute()
        == 1;
  }

  /**
   * Changes a credit limit. Refused by the database (an exception) if the account already uses more
   * than the new limit: lower it once the balance allows.
   */
  public boolean setCreditLimit(NetworkId network, AccountId id, long creditLimit) {
    if (creditLimit < 0) {
      throw new IllegalArgumentException("a credit limit is >= 0");
    }
    return sql.update(ACCOUNT)
            .set(ACCOUNT.CREDIT_LIMIT, creditLimit)
            .where(ACCOUNT.NETWORK_ID.eq(network.value()))
            .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
            .execute()
        == 1;
  }

  /** Sum of posted and of pending balances per strand, straight from the balance columns. */
  public long postedSum(NetworkId network, StrandKind strand) {
    return sql.select(
            DSL.coalesce(
                DSL.sum(ACCOUNT.CREDITS_POSTED.minus(ACCOUNT.DEBITS_POSTED)),
                java.math.BigDecimal.ZERO))
        .from(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.STRAND_ID.eq(strand.id()))
        .fetchOne(0, java.math.BigDecimal.class)
        .longValueExact();
  }

  static Account toAccount(AccountRecord r) {
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
