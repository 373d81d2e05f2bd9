package coop.sol.ledger.payment;

import static coop.sol.ledger.jooq.Tables.PAY_TOKEN;
import static coop.sol.ledger.payment.PaymentRequestStore.at;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.jooq.tables.records.PayTokenRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The {@code pay_token} table. As for payment requests, each change is one conditional UPDATE, so
 * that of two tills charging one token at once, exactly one claims it.
 */
public final class PayTokenStore {
  private final DSLContext sql;

  public PayTokenStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public void insert(PayToken token) {
    sql.insertInto(PAY_TOKEN)
        .set(PAY_TOKEN.NETWORK_ID, token.network().value())
        .set(PAY_TOKEN.TOKEN_ID, token.id())
        .set(PAY_TOKEN.MEMBER_ACCOUNT_ID, token.memberAccount().value())
        .set(PAY_TOKEN.CAP, token.cap())
        .set(PAY_TOKEN.KEY_ID, token.keyId())
        .set(PAY_TOKEN.CODE, token.code())
        .set(PAY_TOKEN.EXPIRES_AT, at(token.expiresAt()))
        .set(PAY_TOKEN.ISSUED_BY_USER_ID, token.issuedBy())
        .set(PAY_TOKEN.CREATED_AT, at(token.createdAt()))
        .execute();
  }

  public Optional<PayToken> find(NetworkId network, String id) {
    return sql.selectFrom(PAY_TOKEN)
        .where(PAY_TOKEN.NETWORK_ID.eq(network.value()))
        .and(PAY_TOKEN.TOKEN_ID.eq(id))
        .fetchOptional(PayTokenStore::token);
  }

  public Optional<PayToken> find(String id, Set<NetworkId> networks) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return sql.selectFrom(PAY_TOKEN)
        .where(PAY_TOKEN.TOKEN_ID.eq(id))
        .and(PAY_TOKEN.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()))
        .fetchOptional(PayTokenStore::token);
  }

  /**
   * Claims the token for a till's charge: unused, and unclaimed (or claimed longer ago than {@code
   * staleBefore}), or already claimed by this user with this key for the same charge (a retry).
   * Expiry is checked before, on the signed code. True if claimed.
   */
  public boolean claim(
      String id,
      long userId,
      String key,
      AccountId merchant,
      long amount,
      Instant now,
      Instant staleBefore) {
    var mine =
        PAY_TOKEN
            .REDEEMER_USER_ID
            .eq(userId)
            .and(PAY_TOKEN.REDEEMER_KEY.eq(key))
            .and(PAY_TOKEN.MERCHANT_ACCOUNT_ID.eq(merchant.value()))
            .and(PAY_TOKEN.AMOUNT.eq(amount));
    var free = PAY_TOKEN.CLAIMED_AT.isNull().or(PAY_TOKEN.CLAIMED_AT.lt(at(staleBefore)));
    return sql.update(PAY_TOKEN)
            .set(PAY_TOKEN.REDEEMER_USER_ID, userId)
            .set(PAY_TOKEN.REDEEMER_KEY, key)
            .set(PAY_TOKEN.MERCHANT_ACCOUNT_ID, merchant.value())
            .set(PAY_TOKEN.AMOUNT, amount)
            .set(PAY_TOKEN.CLAIMED_AT, at(now))
            .where(PAY_TOKEN.TOKEN_ID.eq(id))
            .and(PAY_TOKEN.USED_TRANSFER_ID.isNull())
            .and(free.or(mine))
            .execute()
        == 1;
  }

  /** Gives up this till's claim (the ledger refused the charge): the token is usable again. */
  public void release(String id, long userId, String key) {
    sql.update(PAY_TOKEN)
        .set(PAY_TOKEN.REDEEMER_USER_ID, (Long) null)
        .set(PAY_TOKEN.REDEEMER_KEY, (String) null)
        .set(PAY_TOKEN.MERCHANT_ACCOUNT_ID, (Long) null)
        .set(PAY_TOKEN.AMOUNT, (Long) null)
        .set(PAY_TOKEN.CLAIMED_AT, (OffsetDateTime) null)
        .where(PAY_TOKEN.TOKEN_ID.eq(id))
        .and(PAY_TOKEN.USED_TRANSFER_ID.isNull())
        .and(PAY_TOKEN.REDEEMER_USER_ID.eq(userId))
        .and(PAY_TOKEN.REDEEMER_KEY.eq(key))
        .execute();
  }

  /**
   * Records the charge the ledger posted: the token is used, by this claim.
   *
   * @param offlineScannedAt when an offline till checked the token, or null
   */
  public void markUsed(
      String id, Transfer transfer, long userId, String key, Instant offlineScannedAt) {
    sql.update(PAY_TOKEN)
        .set(PAY_TOKEN.OFFLINE_SCANNED_AT, offlineScannedAt == null ? null : at(offlineScannedAt))
        .set(PAY_TOKEN.USED_TRANSFER_ID, transfer.id().value())
        .set(PAY_TOKEN.USED_AT, at(transfer.createdAt()))
        .set(PAY_TOKEN.REDEEMER_USER_ID, userId)
        .set(PAY_TOKEN.REDEEMER_KEY, key)
        .set(PAY_TOKEN.MERCHANT_ACCOUNT_ID, transfer.credit().value())
        .set(PAY_TOKEN.AMOUNT, transfer.amount())
        .set(
            PAY_TOKEN.CLAIMED_AT,
            DSL.coalesce(PAY_TOKEN.CLAIMED_AT, DSL.val(at(transfer.createdAt()))))
        .where(PAY_TOKEN.TOKEN_ID.eq(id))
        .and(PAY_TOKEN.USED_TRANSFER_ID.isNull())
        .execute();
  }

  /**
   * Records a charge found in the ledger for a token whose claim went stale (its till crashed after
   * posting): used, with the transfer's merchant and amount; the claimant is kept.
   */
  public void settleFromLedger(String id, Transfer transfer) {
    sql.update(PAY_TOKEN)
        .set(PAY_TOKEN.USED_TRANSFER_ID, transfer.id().value())
        .set(PAY_TOKEN.USED_AT, at(transfer.createdAt()))
        .set(PAY_TOKEN.MERCHANT_ACCOUNT_ID, transfer.credit().value())
        .set(PAY_TOKEN.AMOUNT, transfer.amount())
        .where(PAY_TOKEN.TOKEN_ID.eq(id))
        .and(PAY_TOKEN.USED_TRANSFER_ID.isNull())
        .and(PAY_TOKEN.CLAIMED_AT.isNotNull())
        .execute();
  }

  private static PayToken token(PayTokenRecord r) {
    return new PayToken(
        new NetworkId(r.getNetworkId()),
        r.getTokenId(),
        new AccountId(r.getMemberAccountId()),
        r.getCap(),
        r.getKeyId(),
        r.getCode(),
        r.getExpiresAt().toInstant(),
        r.getIssuedByUserId(),
        r.getCreatedAt().toInstant(),
        r.getRedeemerUserId(),
        r.getRedeemerKey(),
        r.getMerchantAccountId() == null ? null : new AccountId(r.getMerchantAccountId()),
        r.getAmount(),
        r.getClaimedAt() == null ? null : r.getClaimedAt().toInstant(),
        r.getUsedTransferId() == null ? null : new TransferId(r.getUsedTransferId()),
        r.getUsedAt() == null ? null : r.getUsedAt().toInstant());
  }
}
