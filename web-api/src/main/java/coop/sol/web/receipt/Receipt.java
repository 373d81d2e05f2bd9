package coop.sol.web.receipt;

import coop.sol.ledger.network.StrandKind;
import java.time.Instant;

/**
 * One transfer as its receipt shows it, language apart: amounts are decimal texts ("12.50"), the
 * operation is a message key.
 *
 * @param operationKey the message key of what the transfer was ("transfer.code.PAYMENT",
 *     "receipt.operation.purchase"...)
 * @param operationArgument its argument (a voucher's label), or ""
 * @param reference the reference the payer or the till gave, or null (internal ones are not shown)
 * @param memo the memo, or null
 * @param purchase the exchange-office sale the transfer is part of, or null
 * @param fingerprint the first 16 hex digits of the journal row's hash, to find it in an export
 */
public record Receipt(
    long transferId,
    String networkName,
    Instant at,
    String operationKey,
    String operationArgument,
    String payer,
    String payee,
    String amount,
    StrandKind strand,
    String reference,
    String memo,
    Purchase purchase,
    String fingerprint) {

  /** An exchange-office sale: euros paid, SOL issued and the bonus, as decimal texts. */
  public record Purchase(String euros, String sol, String bonus, String total) {}
}
