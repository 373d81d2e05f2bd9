/**
 * Payment codes: what a QR code carries when a merchant asks for a payment, shows a static code at
 * the counter, or a member shows a pay token. Owns the three kinds ({@link
 * coop.sol.merchant.code.PaymentCode}), their compact signed binary form and its link text, and the
 * verification a till or phone runs offline ({@link coop.sol.merchant.code.PaymentCodes}).
 *
 * <p>The byte layout is specified in {@code docs/payment-codes.md}; {@code PayloadFormat} is its
 * only implementation. Verification proves a code is genuine, for this network and unexpired; it
 * cannot know whether a single-use code was already used: the ledger refuses that.
 */
package coop.sol.merchant.code;
