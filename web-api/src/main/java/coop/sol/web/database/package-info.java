/**
 * The database of the installation: the embedded PostgreSQL when no external one is configured, the
 * connection pool, and the {@link coop.sol.ledger.Ledger} bean on top of it. Migrations are applied
 * by Spring Boot's Flyway auto-configuration from the {@code migrations} module.
 */
package coop.sol.web.database;
