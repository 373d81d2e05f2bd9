/**
 * Each network's Ed25519 signing keys, which sign its payment codes: generated at first need,
 * stored encrypted ({@code network_signing_key}, scrypt + AES-GCM under the installation's
 * passphrase, {@code sol.keys.passphrase} or {@code <data-dir>/keys.passphrase}), rotated by a
 * coordinator or an administrator, and published with the retired ones at {@code GET
 * /api/v1/networks/{networkId}/keys} so that tills and phones verify codes offline. Private keys
 * never leave this package, and nothing here logs them or the passphrase.
 */
package coop.sol.web.networkkey;
