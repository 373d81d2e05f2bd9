/**
 * Payments and the single-use codes that name one: payment requests (a till asks for an amount, a
 * member pays it once) and pay tokens (a member's capped code, charged once by a till), as stored
 * ({@code payment_request}, {@code pay_token}). Every change of a code's state is one conditional
 * UPDATE, so that concurrent payers, tills, cancellations and expiry cannot both win. Also whether
 * a network lets members pay members ({@code member_payment_setting}), which the ledger's writer
 * applies to every payment.
 */
package coop.sol.ledger.payment;
