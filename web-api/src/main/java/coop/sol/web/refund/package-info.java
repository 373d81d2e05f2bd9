/**
 * Refunds: {@code POST /api/v1/transfers/{id}/refunds}, by the merchant who received a payment or
 * one of their cashiers (within the refund limit the merchant set them, per strand). A refund is a
 * REFUND transfer that reverses the payment, so the ledger's reversal rules keep the refunds of a
 * payment within its amount. Idempotent per user, as payments are; audited.
 */
package coop.sol.web.refund;
