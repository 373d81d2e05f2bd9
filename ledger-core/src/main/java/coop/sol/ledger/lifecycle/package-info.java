/**
 * The life cycle of accounts and of a person's accounts in a network: a coordinator freezes (with a
 * reason), unfreezes, or closes for good once the balances are zero; every change is kept with its
 * reason in an append-only history. A change of status is made under the network writer's lock, so
 * once it returns every later batch decides with it: the rules a status imposes on transfers are
 * the writer's ({@code AccountStatus}), whatever the door.
 */
package coop.sol.ledger.lifecycle;
