/**
 * Transfers over HTTP: payments ({@code POST /api/v1/transfers}, idempotent per user with the
 * {@code Idempotency-Key} header), a transfer ({@code GET /api/v1/transfers/{id}}) and an account's
 * history ({@code GET /api/v1/accounts/{id}/transfers}, cursor-paginated). Amounts are parsed
 * strictly at the strand's scale; the ledger's rejection reasons become problems whose {@code code}
 * is the reason's name.
 */
package coop.sol.web.transfer;
