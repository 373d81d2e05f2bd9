/**
 * {@code /receipts/{id}}: the receipt page of a transfer, for its two sides (see {@code
 * coop.sol.web.receipt.Receipts}), printable, with its PDF.
 */
package coop.sol.web.page.receipt;
