/**
 * Getting a database: the embedded PostgreSQL (when no external one is configured) and the Flyway
 * migrations of the {@code migrations} module; and how to read a database failure ({@link
 * coop.sol.ledger.db.SqlFailures}: unavailable, worth a retry, or a refusal of the request itself);
 * where reads run ({@link coop.sol.ledger.db.ReadSource}: the primary, or a replica for reads that
 * may lag); notices sent inside a transaction ({@link coop.sol.ledger.db.CommitNotice}).
 */
package coop.sol.ledger.db;
