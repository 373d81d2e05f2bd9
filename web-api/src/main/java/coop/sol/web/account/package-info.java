/**
 * Accounts as callers see them: who may see which ledger account ({@link
 * coop.sol.web.account.AccountAccess}: holders their own, coordinators their network's), the
 * caller's profile ({@code GET /api/v1/me}) and an account's balances ({@code GET
 * /api/v1/accounts/{id}}), amounts as decimal strings at their strand's scale.
 */
package coop.sol.web.account;
