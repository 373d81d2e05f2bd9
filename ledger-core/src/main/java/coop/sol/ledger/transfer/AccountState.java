package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.network.StrandKind;

/**
 * The writer's working copy of one account during a batch: loaded as committed, changed by each
 * accepted transfer, and turned into one balance delta per account when the batch is written.
 */
final class AccountState {
  final long id;
  final StrandKind strand;
  final AccountStatus status;

  /** null = no limit (system account); otherwise available may not go below -creditLimit. */
  final Long creditLimit;

  private final long loadedDebitsPosted;
  private final long loadedCreditsPosted;
  private final long loadedDebitsPending;
  private final long loadedCreditsPending;

  long debitsPosted;
  long creditsPosted;
  long debitsPending;
  long creditsPending;

  AccountState(
      long id,
      StrandKind strand,
      AccountStatus status,
      Long creditLimit,
      long debitsPosted,
      long creditsPosted,
      long debitsPending,
      long creditsPending) {
    this.id = id;
    this.strand = strand;
    this.status = status;
    this.creditLimit = creditLimit;
    this.loadedDebitsPosted = this.debitsPosted = debitsPosted;
    this.loadedCreditsPosted = this.creditsPosted = creditsPosted;
    this.loadedDebitsPending = this.debitsPending = debitsPending;
    this.loadedCreditsPending = this.creditsPending = creditsPending;
  }

  /** Whether debits up to these totals keep the available balance within the credit limit. */
  boolean withinLimit(long newDebitsPosted, long newDebitsPending) {
    if (creditLimit == null) {
      return true;
    }
    long available =
        Math.subtractExact(Math.subtractExact(creditsPosted, newDebitsPosted), newDebitsPending);
    return available >= -creditLimit;
  }

  boolean changed() {
    return debitsPosted != loadedDebitsPosted
        || creditsPosted != loadedCreditsPosted
        || debitsPending != loadedDebitsPending
        || creditsPending != loadedCreditsPending;
  }

  long deltaDebitsPosted() {
    return debitsPosted - loadedDebitsPosted;
  }

  long deltaCreditsPosted() {
    return creditsPosted - loadedCreditsPosted;
  }

  long deltaDebitsPending() {
    return debitsPending - loadedDebitsPending;
  }

  long deltaCreditsPending() {
    return creditsPending - loadedCreditsPending;
  }

  long[] snapshot() {
    return new long[] {debitsPosted, creditsPosted, debitsPending, creditsPending};
  }

  void restore(long[] s) {
    debitsPosted = s[0];
    creditsPosted = s[1];
    debitsPending = s[2];
    creditsPending = s[3];
  }
}
