/**
 * Which application instance runs a scheduled job for a period ({@code scheduled_run}): the first
 * to claim the period, whichever it is.
 */
package coop.sol.ledger.schedule;
