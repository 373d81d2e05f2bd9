package coop.sol.web.payment;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Submits a transfer and waits for its outcome, as long as a request may wait. */
final class LedgerAnswer {
  /** How long a request waits for the ledger's answer before saying it is unavailable. */
  static final long TIMEOUT_SECONDS = 30;

  private LedgerAnswer() {}

  /** The outcome; {@code LEDGER_UNAVAILABLE} (outcome unknown, safe to retry) after the timeout. */
  static TransferOutcome of(Ledger ledger, NetworkId network, TransferCommand command) {
    try {
      return ledger.transfers().submit(network, command).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return new TransferOutcome.Rejected(RejectionReason.LEDGER_UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TransferOutcome.Rejected(RejectionReason.LEDGER_UNAVAILABLE);
    }
  }

  /** Whether a rejection says another transfer holds the key (a code already used). */
  static boolean keyTaken(RejectionReason reason) {
    return switch (reason) {
      case EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_AMOUNT,
          EXISTS_WITH_DIFFERENT_FIELDS ->
          true;
      default -> false;
    };
  }
}
