/**
 * Personal access tokens ({@code api_token}): created by exchanging username, password and (where
 * required) a TOTP code at {@code POST /api/v1/auth/tokens}, shown once, stored as a SHA-256 hash,
 * limited to scopes, listed and revoked by their owner, and used as {@code Authorization: Bearer}
 * by tills and scripts.
 */
package coop.sol.web.token;
