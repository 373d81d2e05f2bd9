/**
 * A person's own data, for them to take away: their profile, the accounts they hold in every
 * network and every transfer of those accounts, as JSON ({@code GET /api/v1/me/data.json}) and CSV
 * ({@code GET /api/v1/me/data.csv}), also linked from their pages.
 */
package coop.sol.web.personal;
