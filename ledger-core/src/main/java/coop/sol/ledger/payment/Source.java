package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import java.util.Objects;

/** Where a payment takes its money from. */
public sealed interface Source {

  /**
   * One account the payer holds. If it is a lot of earmarked vouchers, the ledger applies the lot's
   * own rules (its categories, its expiry) as it does for any debit of it.
   */
  record FromAccount(AccountId account) implements Source {
    public FromAccount {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The payer's lots of earmarked vouchers (SOL Affecté) that may pay this payee: valid now, open,
   * holding something, allowing one of the payee's categories; drawn on earliest expiry first
   * (ties: the older lot), each for as much as it holds, until the amount is covered.
   */
  record Vouchers() implements Source {}

  public static Source account(AccountId account) {
    return new FromAccount(account);
  }

  public static Source vouchers() {
    return new Vouchers();
  }
}
