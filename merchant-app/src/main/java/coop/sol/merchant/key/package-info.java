/**
 * The network's Ed25519 keys: their ids, generation, the set a verifier trusts, and the
 * passphrase-encrypted form in which a private key is stored at rest.
 *
 * <p>Only this package touches private key bytes; nothing here prints them.
 */
package coop.sol.merchant.key;
