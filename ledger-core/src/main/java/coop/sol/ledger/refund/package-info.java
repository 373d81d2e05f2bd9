/**
 * Refunds: the payee of a payment gives back all or part of it, as REFUND transfers that reverse
 * the payment's transfers. The ledger keeps the total of a transfer's reversals within its amount
 * (REVERSAL_EXCEEDS_ORIGINAL); a payment of several transfers (an earmarked voucher payment drawn
 * on several lots) is refunded across them, as one linked list.
 */
package coop.sol.ledger.refund;
