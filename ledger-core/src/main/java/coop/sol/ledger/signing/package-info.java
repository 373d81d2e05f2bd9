/**
 * Each network's signing keys as stored ({@code network_signing_key}, the one table of a network's
 * keys): the public key in clear with its {@link coop.sol.keys.KeyId}, the private key encrypted
 * under the installation's passphrase (the encryption is the caller's; this package never sees a
 * private key in clear), one active key per network, retired keys kept so that what they signed
 * (payment codes, checkpoints, reports) still verifies.
 */
package coop.sol.ledger.signing;
