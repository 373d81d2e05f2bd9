/**
 * Exchange offices and the euro reserve (SOL Coopération). A member buys SOL for euros at an
 * office: SOL are issued to the member (plus the network's purchase bonus) and the euros go into
 * the office's till on the network's euro ledger, in one linked list, so the SOL issued and the
 * euros received can never disagree. Tills are banked into the guarantee fund; {@link
 * coop.sol.ledger.exchange.ExchangeOffices#reserve} compares what circulates with what the network
 * holds, at one instant.
 */
package coop.sol.ledger.exchange;
