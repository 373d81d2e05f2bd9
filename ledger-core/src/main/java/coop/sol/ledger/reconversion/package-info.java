/**
 * Reconversion: a merchant turns SOL Coopération back into euros, paying the network's fee to the
 * association's fund; the euros leave the guarantee fund. Members never reconvert, and no other
 * strand converts (Engagement never; Affecté not by its holders).
 */
package coop.sol.ledger.reconversion;
