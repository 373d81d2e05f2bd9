/**
 * Notices: what a person is told of what happened to them (a payment received, vouchers received,
 * the fonte coming, an activation), kept for their pages and as the outbox of their emails — a
 * notice is recorded once per event, its email claimed by one sender at a time ({@code FOR UPDATE
 * SKIP LOCKED}), retried with a growing delay and marked sent or failed; their contact details and
 * choices; and the claim that lets one instance only run a scheduled notice job for a period.
 */
package coop.sol.ledger.notice;
