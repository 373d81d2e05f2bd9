package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.jooq.tables.records.TransferRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Maps journal rows from jOOQ records to {@link Transfer}s; jOOQ records stay in this package. */
final class TransferRows {
  private TransferRows() {}

  static Transfer toTransfer(TransferRecord r) {
    return new Transfer(
        new NetworkId(r.getNetworkId()),
        new TransferId(r.getTransferId()),
        StrandKind.ofId(r.getStrandId()),
        r.getSeq(),
        TransferKind.valueOf(r.getKind()),
        new AccountId(r.getDebitAccountId()),
        new AccountId(r.getCreditAccountId()),
        r.getAmount(),
        TransferCode.valueOf(r.getCode()),
        new IdempotencyKey(r.getIdempotencyKey()),
        Optional.ofNullable(r.getPendingId()).map(TransferId::new),
        Optional.ofNullable(r.getReversesId()).map(TransferId::new),
        Optional.ofNullable(r.getExpiresAt()).map(OffsetDateTime::toInstant),
        r.getReference(),
        r.getMemo(),
        r.getCreatedAt().toInstant(),
        r.getHash());
  }
}
