/**
 * The till's day: the QR sales each cashier took (payment requests they showed and that were paid,
 * pay tokens they charged), with what was refunded of each, for the day's list and its closing
 * report. Who took a sale is what the payment codes recorded, so two instances read the same.
 */
package coop.sol.ledger.till;
