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
 * <p>Payments go through {@link coop.sol.ledger.voucher.Vouchers#pay}, which checks the merchant's
 * categories and draws on the beneficiary's lots earliest expiry first, as one linked list of
 * PAYMENT transfers (one per lot drawn on). A transfer posted directly to the ledger from a lot
 * account would bypass the categories: the API only exposes Affecté payments through this package.
 */
package coop.sol.ledger.voucher;
