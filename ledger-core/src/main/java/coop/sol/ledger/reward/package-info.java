/**
 * Rewards (SOL Coopération): a merchant records a purchase a member paid in euros, and the member
 * receives the merchant's reward rate of it in SOL, paid from the merchant's own account (a REWARD
 * transfer, merchant → member).
 */
package coop.sol.ledger.reward;
