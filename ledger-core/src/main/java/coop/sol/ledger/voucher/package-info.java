/**
 * Earmarked vouchers (SOL Affecté). A funder grants a beneficiary a lot of SOL Affecté, spendable
 * until an expiry at merchants of allowed categories; at expiry what is left returns to the funder.
 *
 * <p><b>Which SOL came from which grant.</b> Every lot is a ledger account of its own (owner
 * MEMBER, owner_ref the beneficiary, credit limit 0): the GRANT credits it, payments debit it,
 * refunds credit it back, the expiry empties it. What is left of a lot is therefore that account's
 * balance, kept by the ledger's single writer like any balance: it cannot drift from the journal,
 * cannot go below zero, and two payments at once cannot both spend its last SOL. The {@code
 * voucher_lot} table only holds what the ledger does not know (funder, expiry, categories) and is
 * never updated. A beneficiary's Affecté balance is the sum of their lots.
 *
 * <p><b>The lot's rules are the ledger's.</b> The writer loads each lot's expiry, categories and
 * funder with the account, and refuses any debit of a lot that breaks them, whoever asks: before
 * its expiry a lot pays only merchants of one of its categories (MERCHANT_CATEGORY_NOT_ALLOWED),
 * from its expiry on it pays no one (VOUCHERS_EXPIRED) but the sweep back to its funder; a reversal
 * (a refund of a payment made from it, a correction) goes back where it came from. Paying with
 * vouchers is a payment like any other ({@code payment.Payments}): with the source {@code Vouchers}
 * it draws on the beneficiary's lots valid at the merchant, earliest expiry first, as one linked
 * list of PAYMENT transfers (one per lot drawn on); naming one lot as the debit account works too,
 * under the same rules.
 */
package coop.sol.ledger.voucher;
