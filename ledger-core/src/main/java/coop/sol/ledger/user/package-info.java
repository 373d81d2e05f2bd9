/**
 * The people who log in ({@code app_user}) and their roles per network ({@code user_role}), as
 * stored. What a role allows is the web layer's business; a user's ledger accounts are those whose
 * {@code owner_ref} is their username.
 */
package coop.sol.ledger.user;
