package coop.sol.ledger.correction;

import static coop.sol.ledger.jooq.Tables.CORRECTION;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.jooq.tables.records.CorrectionRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The correction table through jOOQ. A store made from the DataSource runs each statement on its
 * own; {@link #inTransaction} gives work a store bound to one transaction.
 */
final class CorrectionStore {
  private final DSLContext sql;

  CorrectionStore(DataSource dataSource) {
    this(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  private CorrectionStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * Runs work in one transaction (committed when it returns, rolled back if it throws), giving it a
   * store bound to that transaction: row locks taken through it hold until the work is done.
   */
  <T> T inTransaction(Function<CorrectionStore, T> work) {
    return sql.transactionResult(tx -> work.apply(new CorrectionStore(tx.dsl())));
  }

  Correction insert(
      NetworkId network,
      StrandKind strand,
      AccountId debit,
      AccountId credit,
      long amount,
      TransferId reverses,
      String reason,
      Actor by,
      Instant at) {
    return toCorrection(
        sql.insertInto(CORRECTION)
            .set(CORRECTION.NETWORK_ID, network.value())
            .set(CORRECTION.STRAND_ID, strand.id())
            .set(CORRECTION.DEBIT_ACCOUNT_ID, debit.value())
            .set(CORRECTION.CREDIT_ACCOUNT_ID, credit.value())
            .set(CORRECTION.AMOUNT, amount)
            .set(CORRECTION.REVERSES_ID, reverses == null ? null : reverses.value())
            .set(CORRECTION.REASON, reason)
            .set(CORRECTION.PROPOSED_BY, by.id())
            .set(CORRECTION.PROPOSED_AT, utc(at))
            .returning()
            .fetchOne());
  }

  Optional<Correction> find(NetworkId network, long id) {
    return sql.selectFrom(CORRECTION)
        .where(CORRECTION.NETWORK_ID.eq(network.value()))
        .and(CORRECTION.CORRECTION_ID.eq(id))
        .fetchOptional(CorrectionStore::toCorrection);
  }

  /** Reads the correction and locks its row until the transaction ends (one decision at a time). */
  Optional<Correction> lock(NetworkId network, long id) {
    return sql.selectFrom(CORRECTION)
        .where(CORRECTION.NETWORK_ID.eq(network.value()))
        .and(CORRECTION.CORRECTION_ID.eq(id))
        .forUpdate()
        .fetchOptional(CorrectionStore::toCorrection);
  }

  List<Correction> withStatus(NetworkId network, CorrectionStatus status) {
    return sql.selectFrom(CORRECTION)
        .where(CORRECTION.NETWORK_ID.eq(network.value()))
        .and(CORRECTION.STATUS.eq(status.name()))
        .orderBy(CORRECTION.CORRECTION_ID)
        .fetch(CorrectionStore::toCorrection);
  }

  /** Records the decision on a PROPOSED correction; the transfer is given for POSTED only. */
  Correction decide(
      NetworkId network,
      long id,
      CorrectionStatus status,
      Actor by,
      Instant at,
      TransferId transfer) {
    return toCorrection(
        sql.update(CORRECTION)
            .set(CORRECTION.STATUS, status.name())
            .set(CORRECTION.DECIDED_BY, by.id())
            .set(CORRECTION.DECIDED_AT, utc(at))
            .set(CORRECTION.TRANSFER_ID, transfer == null ? null : transfer.value())
            .where(CORRECTION.NETWORK_ID.eq(network.value()))
            .and(CORRECTION.CORRECTION_ID.eq(id))
            .and(CORRECTION.STATUS.eq(CorrectionStatus.PROPOSED.name()))
            .returning()
            .fetchOptional()
            .orElseThrow(() -> new IllegalStateException("correction " + id + " was decided")));
  }

  private static Correction toCorrection(CorrectionRecord r) {
    return new Correction(
        new NetworkId(r.getNetworkId()),
        r.getCorrectionId(),
        StrandKind.ofId(r.getStrandId()),
        new AccountId(r.getDebitAccountId()),
        new AccountId(r.getCreditAccountId()),
        r.getAmount(),
        Optional.ofNullable(r.getReversesId()).map(TransferId::new),
        r.getReason(),
        new Actor(r.getProposedBy()),
        r.getProposedAt().toInstant(),
        CorrectionStatus.valueOf(r.getStatus()),
        Optional.ofNullable(r.getDecidedBy()).map(Actor::new),
        Optional.ofNullable(r.getDecidedAt()).map(OffsetDateTime::toInstant),
        Optional.ofNullable(r.getTransferId()).map(TransferId::new));
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
