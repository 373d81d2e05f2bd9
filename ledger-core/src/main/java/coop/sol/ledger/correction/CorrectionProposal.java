package coop.sol.ledger.correction;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.TransferId;
import java.util.Objects;

/**
 * What a coordinator proposes: the reversal of a posted transfer (all or part of it), or a new
 * transfer between two accounts of a strand. Build it with {@link #reversal} or {@link #transfer}.
 *
 * @param reason why, shown to the approver and kept in the journal's memo (1 to 500 characters)
 */
public record CorrectionProposal(
    TransferId reverses,
    StrandKind strand,
    AccountId debit,
    AccountId credit,
    Amount amount,
    String reason) {

  public CorrectionProposal {
    Objects.requireNonNull(amount, "amount");
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new IllegalArgumentException("a correction's reason has 1 to 500 characters");
    }
    if (reverses == null) {
      Objects.requireNonNull(strand, "strand");
      Objects.requireNonNull(debit, "debit");
      Objects.requireNonNull(credit, "credit");
      if (debit.equals(credit)) {
        throw new IllegalArgumentException("a correction moves money between two accounts");
      }
    } else if (strand != null || debit != null || credit != null) {
      throw new IllegalArgumentException("a reversal takes its accounts from the transfer");
    }
  }

  /** Gives back {@code amount} of {@code transfer}: its credit account pays its debit account. */
  public static CorrectionProposal reversal(TransferId transfer, Amount amount, String reason) {
    return new CorrectionProposal(
        Objects.requireNonNull(transfer, "transfer"), null, null, null, amount, reason);
  }

  /** Moves {@code amount} from {@code debit} to {@code credit}. */
  public static CorrectionProposal transfer(
      StrandKind strand, AccountId debit, AccountId credit, Amount amount, String reason) {
    return new CorrectionProposal(null, strand, debit, credit, amount, reason);
  }
}
