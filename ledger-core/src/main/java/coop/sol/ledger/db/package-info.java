/**
 * Getting a database: the embedded PostgreSQL (when no external one is configured) and the Flyway
 * migrations of the {@code migrations} module; and how to read a database failure ({@link
 * coop.sol.ledger.db.SqlFailures}: unavailable, worth a retry, or a refusal of the request itself).
 */
package coop.sol.ledger.db;
