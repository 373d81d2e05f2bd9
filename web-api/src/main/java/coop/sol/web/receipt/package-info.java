/**
 * Receipts of payments and other transfers: what one transfer was, in words, for the people on
 * either side of it ({@link coop.sol.web.receipt.Receipts}), as a PDF ({@code GET
 * /api/v1/transfers/{id}/receipt.pdf}) and as a page ({@code coop.sol.web.page.receipt}).
 */
package coop.sol.web.receipt;
