/**
 * The directory of merchants, "où payer en SOL": {@code GET /api/v1/directory} (JSON), its
 * printable guide ({@code /api/v1/directory/guide.pdf}), the page {@code /annuaire} ({@code
 * /directory}), merchants' profiles ({@code /api/v1/merchants/{accountId}/profile}, the page {@code
 * /till/profile}) and the coordinators' switch that publishes the directory to everyone. Thin over
 * ledger-core's {@code MerchantDirectory}.
 */
package coop.sol.web.directory;
