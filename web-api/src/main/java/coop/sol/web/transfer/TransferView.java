package coop.sol.web.transfer;

import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A journal row as the API shows it. The idempotency key is not shown: it is the payer's, and it
 * carries their user id.
 *
 * @param seq place in the strand's hash chain
 * @param hash SHA-256 chaining this row to the previous one of its strand, in hex: anyone holding
 *     the journal can check it
 */
@Schema(name = "Transfer")
public record TransferView(
    long id,
    @Schema(example = "demo") String network,
    @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO"}) String strand,
    @Schema(
            allowableValues = {
              "POSTED",
              "PENDING",
              "POST_PENDING",
              "VOID_PENDING",
              "EXPIRE_PENDING"
            })
        String kind,
    long debitAccountId,
    long creditAccountId,
    @Schema(example = "12.50") String amount,
    @Schema(example = "PAYMENT") String code,
    String reference,
    String memo,
    @Schema(nullable = true) Long pendingId,
    @Schema(nullable = true) Long reversesId,
    Instant createdAt,
    long seq,
    String hash) {

  public static TransferView of(Transfer t, Network network) {
    return new TransferView(
        t.id().value(),
        network.code(),
        t.strand().name(),
        t.kind().name(),
        t.debit().value(),
        t.credit().value(),
        Decimals.format(t.amount(), network.scale(t.strand())),
        t.code().name(),
        t.reference(),
        t.memo(),
        t.pendingId().map(TransferId::value).orElse(null),
        t.reverses().map(TransferId::value).orElse(null),
        t.createdAt(),
        t.seq(),
        HexFormat.of().formatHex(t.hash()));
  }
}
