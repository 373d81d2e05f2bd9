/**
 * What every SOL operation shares: the {@link coop.sol.ledger.operation.Outcome} of an operation (a
 * value: done, refused by an operation rule with an {@link
 * coop.sol.ledger.operation.OperationReason}, or rejected by the ledger with its {@link
 * coop.sol.ledger.transfer.RejectionReason}), the {@link coop.sol.ledger.operation.Actor} who asked
 * for it, and how an operation's transfers get their idempotency keys. The operations themselves
 * live in one package per family ({@code exchange}, {@code reward}, {@code volunteer}, {@code
 * voucher}, {@code reconversion}, {@code fonte}, {@code refund}, {@code correction}), configured by
 * {@code settings}; {@link coop.sol.ledger.Operations} wires them.
 */
package coop.sol.ledger.operation;
