/**
 * The database of the installation: the embedded PostgreSQL when no external one is configured
 * (kept running by {@link coop.sol.web.database.EmbeddedServer}'s watchdog, which restarts it if it
 * dies), the connection pool, and the {@link coop.sol.ledger.Ledger} bean on top of it. Migrations
 * are applied by Spring Boot's Flyway auto-configuration from the {@code migrations} module.
 */
package coop.sol.web.database;
