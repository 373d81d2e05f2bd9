/**
 * A merchant's cashiers: who works the merchant's till ({@code user_role} grants naming the
 * merchant) and how much each may refund at once, per strand ({@code cashier_refund_limit}), set by
 * the merchant. Refunds ({@code refund}) check this limit.
 */
package coop.sol.web.cashier;
