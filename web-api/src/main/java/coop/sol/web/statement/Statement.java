package coop.sol.web.statement;

import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A month of one account.
 *
 * @param scale the strand's number of decimals
 * @param opening what the account held (posted) when the month began, minor units
 * @param closing what it held when the month ended (or now, for the current month), minor units
 * @param lines the month's posted operations, oldest first
 */
record Statement(
    long accountId,
    String networkName,
    String accountName,
    StrandKind strand,
    int scale,
    YearMonth month,
    long opening,
    long closing,
    long credits,
    long debits,
    List<Line> lines) {

  /**
   * An operation of the month.
   *
   * @param operationKey what it was, a message key ({@code TransferWords})
   * @param operationArgument its argument (a voucher's label), or ""
   * @param amount signed: positive credited, negative debited, minor units
   * @param reference the reference a person gave, or null
   */
  record Line(
      long transferId,
      Instant at,
      String operationKey,
      String operationArgument,
      String counterpart,
      String reference,
      long amount) {}
}
