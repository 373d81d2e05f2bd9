/**
 * Each network's Ed25519 signing keys, which sign its payment codes, checkpoints and reports:
 * generated at first need, stored encrypted ({@code network_signing_key}, scrypt + AES-GCM under
 * the installation's passphrase, {@code sol.keys.passphrase} or {@code
 * <data-dir>/keys.passphrase}), rotated by a coordinator or an administrator, and published with
 * the retired ones at {@code GET /api/v1/networks/{networkId}/keys} (as {@link
 * coop.sol.web.networkkey.NetworkKeyView}, the one JSON form of a key wherever the API shows one)
 * so that tills, phones and the offline export verifier check signatures. Private keys never leave
 * this package but to sign, and nothing here logs them or the passphrase.
 */
package coop.sol.web.networkkey;
