package coop.sol.keys.archfixture;

import coop.sol.ledger.network.NetworkId;

/**
 * A class of the keys' packages that names a ledger type: what ModuleBoundariesTest's rule on
 * network-keys refuses (test code, never part of the module).
 */
public final class KeyThatKnowsTheLedger {
  NetworkId network;
}
