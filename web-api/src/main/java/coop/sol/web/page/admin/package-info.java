/**
 * The installation administrator's pages: the networks, their profile and rates, and their first
 * coordinators. No ledger data.
 */
package coop.sol.web.page.admin;
