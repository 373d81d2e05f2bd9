/**
 * The SOL ledger core. {@link coop.sol.ledger.Ledger} is the entry point of the ledger; the
 * packages below hold one feature each: {@code network}, {@code account}, {@code transfer} (the
 * write path), {@code journal} (verification), {@code money} (amounts), {@code db} (database
 * bootstrap), {@code json} (reading back the JSON documents the ledger writes).
 *
 * <p>{@link coop.sol.ledger.Operations} is the entry point of the currency rules built on it, one
 * package per family: {@code settings}, {@code exchange}, {@code reward}, {@code volunteer}, {@code
 * voucher}, {@code reconversion}, {@code fonte}, {@code refund}, {@code correction}, sharing {@code
 * operation} (outcomes, reasons, keys). They only post through {@code Transfers}, so the journal
 * alone explains every balance.
 *
 * <p>jOOQ and the generated classes ({@code coop.sol.ledger.jooq}) are used only by each package's
 * persistence class, its package-private {@code *Store}, and never appear in a public API. No
 * package depends on this one: the feature packages are given the {@code Networks}, {@code
 * Accounts} and {@code Transfers} they use, not the {@code Ledger}.
 */
package coop.sol.ledger;
