/**
 * The installation's networks, as its administrators create and edit them ({@code
 * /api/v1/networks}), and their first coordinators. Administrators see a network's profile, rates
 * and coordinators, never its ledger data.
 */
package coop.sol.web.network;
