/**
 * Accounts of a network: who owns them, their strand, status and credit limit, and their balances.
 * Balances are only ever changed by the transfer writer; this package opens accounts and changes
 * their status or limit.
 */
package coop.sol.ledger.account;
