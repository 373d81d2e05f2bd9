/**
 * The SOL ledger core. {@link coop.sol.ledger.Ledger} is the entry point; the packages below hold
 * one feature each: {@code network}, {@code account}, {@code transfer} (the write path), {@code
 * journal} (verification), {@code money} (amounts), {@code db} (database bootstrap). The generated
 * jOOQ classes ({@code coop.sol.ledger.jooq}) are used by the persistence code of those packages
 * and never appear in their public API.
 */
package coop.sol.ledger;
