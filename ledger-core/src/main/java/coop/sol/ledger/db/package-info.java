/**
 * Getting a database: the embedded PostgreSQL (when no external one is configured) and the Flyway
 * migrations of the {@code migrations} module.
 */
package coop.sol.ledger.db;
