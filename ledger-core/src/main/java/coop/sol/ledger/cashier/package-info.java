/**
 * A merchant's cashiers (their {@code user_role} grants naming the merchant) and the refund limits
 * the merchant sets them ({@code cashier_refund_limit}), one per grant and strand, in minor units.
 */
package coop.sol.ledger.cashier;
