package coop.sol.ledger.payment;

import static coop.sol.ledger.jooq.Tables.PAYMENT_REQUEST;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.jooq.tables.records.PaymentRequestRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.payment.PaymentRequest.Status;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The {@code payment_request} table. Every change of state is one conditional UPDATE, so that
 * concurrent payers, cancellations and expiry cannot both win: whoever's statement matched did it.
 */
public final class PaymentRequestStore {
  private final DSLContext sql;

  public PaymentRequestStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public void insert(PaymentRequest request) {
    sql.insertInto(PAYMENT_REQUEST)
        .set(PAYMENT_REQUEST.NETWORK_ID, request.network().value())
        .set(PAYMENT_REQUEST.REQUEST_ID, request.id())
        .set(PAYMENT_REQUEST.MERCHANT_ACCOUNT_ID, request.merchantAccount().value())
        .set(PAYMENT_REQUEST.AMOUNT, request.amount())
        .set(PAYMENT_REQUEST.REFERENCE, request.reference())
        .set(PAYMENT_REQUEST.KEY_ID, request.keyId())
        .set(PAYMENT_REQUEST.CODE, request.code())
        .set(PAYMENT_REQUEST.EXPIRES_AT, at(request.expiresAt()))
        .set(PAYMENT_REQUEST.STATUS, request.status().name())
        .set(PAYMENT_REQUEST.CREATED_BY_USER_ID, request.createdBy())
        .set(PAYMENT_REQUEST.CREATED_AT, at(request.createdAt()))
        .execute();
  }

  /** The request with this id in one of {@code networks}. */
  public Optional<PaymentRequest> find(String id, Set<NetworkId> networks) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return sql.selectFrom(PAYMENT_REQUEST)
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .and(PAYMENT_REQUEST.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .fetchOptional(PaymentRequestStore::request);
  }

  public Optional<PaymentRequest> find(String id) {
    return sql.selectFrom(PAYMENT_REQUEST)
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .fetchOptional(PaymentRequestStore::request);
  }

  public List<PaymentRequest> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return sql.selectFrom(PAYMENT_REQUEST)
        .where(PAYMENT_REQUEST.REQUEST_ID.in(ids))
        .fetch(PaymentRequestStore::request);
  }

  /**
   * Claims the request for a payer: it is open and nobody else is paying it (or their claim is
   * older than {@code staleBefore}), and unexpired; or this payer already claimed it with this key
   * and account (a retry, even after the expiry: the first attempt may have paid). The account is
   * null for a payer who pays with their earmarked vouchers. True if claimed.
   */
  public boolean claim(
      String id, long userId, AccountId account, String key, Instant now, Instant staleBefore) {
    var mine =
        PAYMENT_REQUEST
            .PAYER_USER_ID
            .eq(userId)
            .and(PAYMENT_REQUEST.PAYER_KEY.eq(key))
            .and(
                account == null
                    ? PAYMENT_REQUEST.PAYER_ACCOUNT_ID.isNull()
                    : PAYMENT_REQUEST.PAYER_ACCOUNT_ID.eq(account.value()));
    var free =
        PAYMENT_REQUEST
            .EXPIRES_AT
            .gt(at(now))
            .and(
                PAYMENT_REQUEST
                    .CLAIMED_AT
                    .isNull()
                    .or(PAYMENT_REQUEST.CLAIMED_AT.lt(at(staleBefore))));
    return sql.update(PAYMENT_REQUEST)
            .set(PAYMENT_REQUEST.PAYER_USER_ID, userId)
            .set(PAYMENT_REQUEST.PAYER_ACCOUNT_ID, account == null ? null : account.value())
            .set(PAYMENT_REQUEST.PAYER_KEY, key)
            .set(PAYMENT_REQUEST.CLAIMED_AT, at(now))
            .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
            .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
            .and(free.or(mine))
            .execute()
        == 1;
  }

  /** Gives up this payer's claim (their payment was refused): the request is payable again. */
  public void release(String id, long userId, String key) {
    sql.update(PAYMENT_REQUEST)
        .set(PAYMENT_REQUEST.PAYER_USER_ID, (Long) null)
        .set(PAYMENT_REQUEST.PAYER_ACCOUNT_ID, (Long) null)
        .set(PAYMENT_REQUEST.PAYER_KEY, (String) null)
        .set(PAYMENT_REQUEST.CLAIMED_AT, (OffsetDateTime) null)
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
        .and(PAYMENT_REQUEST.PAYER_USER_ID.eq(userId))
        .and(PAYMENT_REQUEST.PAYER_KEY.eq(key))
        .execute();
  }

  /** Releases a claim that went stale, unless it changed since it was read. */
  public void releaseStale(String id, Instant claimedAt) {
    sql.update(PAYMENT_REQUEST)
        .set(PAYMENT_REQUEST.PAYER_USER_ID, (Long) null)
        .set(PAYMENT_REQUEST.PAYER_ACCOUNT_ID, (Long) null)
        .set(PAYMENT_REQUEST.PAYER_KEY, (String) null)
        .set(PAYMENT_REQUEST.CLAIMED_AT, (OffsetDateTime) null)
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
        .and(PAYMENT_REQUEST.CLAIMED_AT.eq(at(claimedAt)))
        .execute();
  }

  /**
   * Records the ledger's payment of the request. The payer columns become the given claim (the
   * transfer's content matched it, or the ledger would not have posted it for this payer).
   */
  public boolean markPaid(
      String id, Transfer transfer, long userId, AccountId account, String key, Instant now) {
    return sql.update(PAYMENT_REQUEST)
            .set(PAYMENT_REQUEST.STATUS, Status.PAID.name())
            .set(PAYMENT_REQUEST.PAID_TRANSFER_ID, transfer.id().value())
            .set(PAYMENT_REQUEST.PAID_AT, at(transfer.createdAt()))
            .set(PAYMENT_REQUEST.PAYER_USER_ID, userId)
            .set(PAYMENT_REQUEST.PAYER_ACCOUNT_ID, account.value())
            .set(PAYMENT_REQUEST.PAYER_KEY, key)
            .set(
                PAYMENT_REQUEST.CLAIMED_AT,
                DSL.coalesce(PAYMENT_REQUEST.CLAIMED_AT, DSL.val(at(now))))
            .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
            .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
            .execute()
        == 1;
  }

  /**
   * Records a payment found in the ledger for a request whose claim went stale: its payer's claim
   * is kept when it holds one, else the transfer's debit account is the payer's.
   */
  public void settleFromLedger(String id, Transfer transfer, Instant now) {
    sql.update(PAYMENT_REQUEST)
        .set(PAYMENT_REQUEST.STATUS, Status.PAID.name())
        .set(PAYMENT_REQUEST.PAID_TRANSFER_ID, transfer.id().value())
        .set(PAYMENT_REQUEST.PAID_AT, at(transfer.createdAt()))
        .set(PAYMENT_REQUEST.PAYER_ACCOUNT_ID, transfer.debit().value())
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
        .and(PAYMENT_REQUEST.CLAIMED_AT.isNotNull())
        .execute();
  }

  /** Marks an unclaimed open request past its expiry as EXPIRED. */
  public void expire(String id, Instant now) {
    sql.update(PAYMENT_REQUEST)
        .set(PAYMENT_REQUEST.STATUS, Status.EXPIRED.name())
        .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
        .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
        .and(PAYMENT_REQUEST.CLAIMED_AT.isNull())
        .and(PAYMENT_REQUEST.EXPIRES_AT.le(at(now)))
        .execute();
  }

  /**
   * Cancels an open, unexpired request that nobody is paying, and writes the audit entry in the
   * same transaction; true if it did (nothing is written otherwise).
   */
  public boolean cancel(String id, long userId, Instant now, AuditEntry audit) {
    return sql.transactionResult(
        tx -> {
          boolean cancelled = cancel(tx.dsl(), id, userId, now);
          if (cancelled) {
            AuditLogStore.insert(tx.dsl(), audit);
          }
          return cancelled;
        });
  }

  private static boolean cancel(DSLContext tx, String id, long userId, Instant now) {
    return tx.update(PAYMENT_REQUEST)
            .set(PAYMENT_REQUEST.STATUS, Status.CANCELLED.name())
            .set(PAYMENT_REQUEST.CANCELLED_BY_USER_ID, userId)
            .set(PAYMENT_REQUEST.CANCELLED_AT, at(now))
            .where(PAYMENT_REQUEST.REQUEST_ID.eq(id))
            .and(PAYMENT_REQUEST.STATUS.eq(Status.OPEN.name()))
            .and(PAYMENT_REQUEST.CLAIMED_AT.isNull())
            .and(PAYMENT_REQUEST.EXPIRES_AT.gt(at(now)))
            .execute()
        == 1;
  }

  private static PaymentRequest request(PaymentRequestRecord r) {
    return new PaymentRequest(
        new NetworkId(r.getNetworkId()),
        r.getRequestId(),
        new AccountId(r.getMerchantAccountId()),
        r.getAmount(),
        r.getReference(),
        r.getKeyId(),
        r.getCode(),
        r.getExpiresAt().toInstant(),
        Status.valueOf(r.getStatus()),
        r.getCreatedByUserId(),
        r.getCreatedAt().toInstant(),
        r.getPayerUserId(),
        r.getPayerAccountId() == null ? null : new AccountId(r.getPayerAccountId()),
        r.getPayerKey(),
        instant(r.getClaimedAt()),
        r.getPaidTransferId() == null ? null : new TransferId(r.getPaidTransferId()),
        instant(r.getPaidAt()),
        instant(r.getCancelledAt()));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
