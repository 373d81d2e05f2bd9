/**
 * The exchange office's pages ({@code /office/**}): selling SOL Coopération for euros (the SOL and
 * the purchase bonus are issued to the buyer, the euros go into the office's till) and the till
 * itself: its euro and SOL balances and its latest sales.
 */
package coop.sol.web.page.office;
