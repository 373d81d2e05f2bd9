/**
 * Personal access tokens as stored ({@code api_token}): the SHA-256 of the secret, never the
 * secret, its shown prefix, scopes, expiry, last use and revocation. Creating and revoking one are
 * audited in the same transaction.
 */
package coop.sol.ledger.token;
