package coop.sol.ledger.account;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;

import coop.sol.ledger.db.Placeholders;
import coop.sol.ledger.jooq.tables.records.AccountRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The account table through jOOQ; records stay here. Never changes balances. */
final class AccountStore {
  /** {@link #findIn(Collection, Collection)}'s statement, with its two lists of placeholders. */
  private static final String SELECT_IN =
      """
      SELECT network_id, account_id, strand_id, owner_kind, owner_ref, name, status, credit_limit,
             debits_posted, credits_posted, debits_pending, credits_pending
        FROM account
       WHERE network_id IN (%s) AND account_id IN (%s)""";

  private final DataSource dataSource;
  private final DSLContext sql;

  AccountStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** Inserts an account with zero balances; an empty credit limit is stored as NULL (unlimited). */
  Account insert(
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
    return insert(sql, network, strand, ownerKind, ownerRef, name, creditLimit);
  }

  private static Account insert(
      DSLContext sql,
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
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

  /**
   * The oldest account of this owner on this strand, inserted first if it has none, in one
   * transaction that holds an advisory lock on (network, owner, strand): two callers, on one
   * instance or two, never open two.
   */
  Account openOnce(
      NetworkId network,
      StrandKind strand,
      OwnerKind ownerKind,
      String ownerRef,
      String name,
      OptionalLong creditLimit) {
    return sql.transactionResult(
        configuration -> {
          DSLContext tx = DSL.using(configuration);
          tx.fetch(
              "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
              "account/"
                  + network.value()
                  + "/"
                  + ownerKind.name()
                  + "/"
                  + strand.id()
                  + "/"
                  + ownerRef);
          return tx.selectFrom(ACCOUNT)
              .where(ACCOUNT.NETWORK_ID.eq(network.value()))
              .and(ACCOUNT.OWNER_KIND.eq(ownerKind.name()))
              .and(ACCOUNT.OWNER_REF.eq(ownerRef))
              .and(ACCOUNT.STRAND_ID.eq(strand.id()))
              .orderBy(ACCOUNT.ACCOUNT_ID)
              .limit(1)
              .fetchOptional(AccountStore::toAccount)
              .orElseGet(() -> insert(tx, network, strand, ownerKind, ownerRef, name, creditLimit));
        });
  }

  Optional<Account> find(NetworkId network, AccountId id) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
        .fetchOptional(AccountStore::toAccount);
  }

  /** {@code networks} is not empty. */
  Optional<Account> findIn(Collection<NetworkId> networks, AccountId id) {
    List<Account> found = findIn(networks, List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * {@code networks} and {@code ids} are not empty. Every API request that names an account reads
   * it here (a balance, a history, a payment's two accounts). The statement is SQL text, one
   * placeholder per value ({@code IN (?, ?)}), which the driver prepares once per connection for
   * each count of networks and ids, where jOOQ rendered the query anew each time (16 % of a balance
   * read's CPU under load, JFR). Scalar placeholders, not one array parameter: PostgreSQL cannot
   * tell an array's length from a cached plan, so it plans {@code = any(?)} again on every
   * execution.
   */
  List<Account> findIn(Collection<NetworkId> networks, Collection<AccountId> ids) {
    String text =
        SELECT_IN.formatted(Placeholders.of(networks.size()), Placeholders.of(ids.size()));
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(text)) {
      int p = 1;
      for (NetworkId network : networks) {
        select.setLong(p++, network.value());
      }
      for (AccountId id : ids) {
        select.setLong(p++, id.value());
      }
      var accounts = new ArrayList<Account>(ids.size());
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          long limit = r.getLong(8);
          OptionalLong creditLimit = r.wasNull() ? OptionalLong.empty() : OptionalLong.of(limit);
          accounts.add(
              new Account(
                  new NetworkId(r.getLong(1)),
                  new AccountId(r.getLong(2)),
                  StrandKind.ofId(r.getShort(3)),
                  OwnerKind.valueOf(r.getString(4)),
                  r.getString(5),
                  r.getString(6),
                  AccountStatus.valueOf(r.getString(7)),
                  creditLimit,
                  new Balance(r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12))));
        }
      }
      return accounts;
    } catch (SQLException e) {
      throw new DataAccessException("SQL [" + text + "]; " + e.getMessage(), e);
    }
  }

  List<Account> findByOwner(NetworkId network, OwnerKind kind, String ownerRef) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.OWNER_KIND.eq(kind.name()))
        .and(ACCOUNT.OWNER_REF.eq(ownerRef))
        .orderBy(ACCOUNT.STRAND_ID, ACCOUNT.ACCOUNT_ID)
        .fetch(AccountStore::toAccount);
  }

  List<Account> findByName(
      NetworkId network, StrandKind strand, Collection<OwnerKind> kinds, String text, int limit) {
    String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.STRAND_ID.eq(strand.id()))
        .and(ACCOUNT.OWNER_KIND.in(kinds.stream().map(OwnerKind::name).toList()))
        .and(ACCOUNT.NAME.likeIgnoreCase(pattern, '\\').or(ACCOUNT.OWNER_REF.equalIgnoreCase(text)))
        .orderBy(ACCOUNT.NAME, ACCOUNT.ACCOUNT_ID)
        .limit(limit)
        .fetch(AccountStore::toAccount);
  }

  List<Account> list(NetworkId network) {
    return sql.selectFrom(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .orderBy(ACCOUNT.ACCOUNT_ID)
        .fetch(AccountStore::toAccount);
  }

  boolean setStatus(NetworkId network, AccountId id, AccountStatus status) {
    return sql.update(ACCOUNT)
            .set(ACCOUNT.STATUS, status.name())
            .where(ACCOUNT.NETWORK_ID.eq(network.value()))
            .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
            .execute()
        == 1;
  }

  boolean setCreditLimit(NetworkId network, AccountId id, long creditLimit) {
    return sql.update(ACCOUNT)
            .set(ACCOUNT.CREDIT_LIMIT, creditLimit)
            .where(ACCOUNT.NETWORK_ID.eq(network.value()))
            .and(ACCOUNT.ACCOUNT_ID.eq(id.value()))
            .execute()
        == 1;
  }

  long postedSum(NetworkId network, StrandKind strand) {
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
