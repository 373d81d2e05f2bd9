package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.util.Set;

/**
 * The writer's working copy of one account during a batch: loaded as committed, changed by each
 * accepted transfer, and turned into one balance delta per account when the batch is written.
 */
final class AccountState {
  final long id;
  final StrandKind strand;
  final AccountStatus status;
  final OwnerKind ownerKind;
  final String ownerRef;

  /** For a lot of earmarked vouchers, where and until when it may pay; null for other accounts. */
  final LotRules lot;

  /**
   * A merchant's categories in force, loaded when the batch has a lot that may pay it; null when
   * not loaded (no lot of the batch pays this account).
   */
  Set<String> categories;

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
      OwnerKind ownerKind,
      String ownerRef,
      LotRules lot,
      Long creditLimit,
      long debitsPosted,
      long creditsPosted,
      long debitsPending,
      long creditsPending) {
    this.id = id;
    this.strand = strand;
    this.status = status;
    this.ownerKind = ownerKind;
    this.ownerRef = ownerRef;
    this.lot = lot;
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

  /**
   * The rules a lot of earmarked vouchers carries (the ledger applies them to every debit of it,
   * whoever asks): it pays merchants of its categories strictly before {@code expiresAt}; from then
   * on only the expiry sweep, back to its funder.
   */
  record LotRules(Instant expiresAt, Set<String> categories, long funder) {
    LotRules {
      categories = Set.copyOf(categories);
    }
  }
}
