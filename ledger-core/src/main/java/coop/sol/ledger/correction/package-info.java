/**
 * Corrections under dual control. Nothing in the journal is ever edited: a mistake is fixed by a
 * compensating transfer (CORRECTION), either the reversal of the wrong transfer or a new transfer
 * between two accounts. A coordinator proposes it with a reason; it is posted only when a second,
 * different coordinator approves it. Who proposed, who decided and when are kept with the proposal;
 * coordinators are opaque {@link coop.sol.ledger.operation.Actor}s.
 */
package coop.sol.ledger.correction;
