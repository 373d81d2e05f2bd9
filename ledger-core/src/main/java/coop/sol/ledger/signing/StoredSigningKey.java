package coop.sol.ledger.signing;

import coop.sol.ledger.network.NetworkId;
import java.time.Instant;

/**
 * A network's key as stored.
 *
 * @param keyId the key's id, hex
 * @param publicKey the raw Ed25519 public key (32 bytes)
 * @param encryptedPrivateKey the private key encrypted by the caller, as text
 * @param retiredAt null while the key is the active one
 */
public record StoredSigningKey(
    NetworkId network,
    String keyId,
    byte[] publicKey,
    String encryptedPrivateKey,
    Instant createdAt,
    Instant retiredAt) {
  public StoredSigningKey {
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }
}
