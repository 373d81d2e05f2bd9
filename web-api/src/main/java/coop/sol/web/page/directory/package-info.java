/**
 * The directory's pages: {@code /annuaire} ({@code /directory}), "où payer en SOL", public when the
 * network publishes it and for its members otherwise; a merchant's own listing ({@code
 * /till/profile}); the coordinators' page ({@code /coordinator/directory}) that publishes the
 * directory and edits any merchant's listing. Over {@code coop.sol.web.directory.Directory}.
 */
package coop.sol.web.page.directory;
