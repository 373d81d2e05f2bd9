/**
 * The SOL operations over HTTP ({@code docs/sol-operations.md}): network settings, exchange offices
 * and the reserve, rewards, volunteering, earmarked vouchers, reconversion, the fonte and
 * corrections under dual control, each a thin controller over {@link coop.sol.ledger.Operations};
 * and the operations' scheduled jobs (pending-transfer expiry, voucher expiry, the fonte).
 *
 * <p>What every operation shares here: the {@code Operations} bean, the caller's {@code
 * Idempotency-Key} made into a ledger key of their own, the network a request acts in (never one
 * the caller holds no role in: 404), operation refusals and ledger rejections as problems whose
 * {@code code} is the reason's name, and the audit entries of privileged actions.
 */
package coop.sol.web.operation;
