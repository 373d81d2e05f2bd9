/**
 * A network's Ed25519 keys, one type family for everything the network signs: payment codes
 * (merchant-app), checkpoints and signed reports (ledger-core's audit), and whoever verifies them
 * (tills, phones, the offline export verifier). Owns the one {@link coop.sol.keys.KeyId key id} (8
 * hex digits, carried by every payment code and published by {@code GET
 * /api/v1/networks/{networkId}/keys}), the public {@link coop.sol.keys.NetworkKey} and its text
 * form (unpadded base64url), the private {@link coop.sol.keys.SigningKey}, the set of keys a
 * verifier {@link coop.sol.keys.TrustedKeys trusts}, and the passphrase-encrypted form in which a
 * private key is stored at rest ({@link coop.sol.keys.EncryptedSigningKey}).
 *
 * <p>A module of its own (network-keys), so that ledger-core and merchant-app share it without
 * depending on each other. It depends on Bouncy Castle only; it is the only code that touches
 * Bouncy Castle and private key bytes, and nothing here prints them.
 */
package coop.sol.keys;
