package coop.sol.ledger.signing;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import coop.sol.ledger.network.NetworkId;
import java.time.Instant;

/**
 * A network's key as stored.
 *
 * @param key the public key, with its id
 * @param encryptedPrivateKey the private key encrypted by the caller, as text; null for a key known
 *     by its public half only (registered for checkpoints before migration V9 without a stored
 *     private key), which is retired and verifies what it signed but never signs again
 * @param retiredAt null while the key is the active one
 */
public record StoredSigningKey(
    NetworkId network,
    NetworkKey key,
    String encryptedPrivateKey,
    Instant createdAt,
    Instant retiredAt) {

  public StoredSigningKey {
    if (encryptedPrivateKey == null && retiredAt == null) {
      throw new IllegalArgumentException("a key without its private half cannot be active");
    }
  }

  public KeyId keyId() {
    return key.id();
  }

  public boolean active() {
    return retiredAt == null;
  }
}
