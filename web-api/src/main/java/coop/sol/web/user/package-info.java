/**
 * The people who log in: users, their roles per network ({@code app_user}, {@code user_role}),
 * password hashing (Argon2id), TOTP secrets and codes (RFC 6238), and the principal Spring Security
 * keeps for them. A user's ledger accounts are those whose owner_ref is their username.
 */
package coop.sol.web.user;
