/**
 * Verification of the journal: recomputes each strand's hash chain (see {@link
 * coop.sol.ledger.transfer.JournalHash}), replays every balance from the journal, checks that each
 * strand sums to zero, and reports the first discrepancy.
 */
package coop.sol.ledger.journal;
