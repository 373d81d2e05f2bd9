/**
 * Networks (one local currency association each) and their strands. Every network has one ledger
 * per {@link coop.sol.ledger.network.StrandKind}: the three strands of SOL, never mixed, and the
 * euro reserve ledger.
 */
package coop.sol.ledger.network;
