package coop.sol.web.networkkey;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import java.time.Instant;

/**
 * A network's public key as verifiers need it.
 *
 * @param retiredAt null while the key is the active one, which signs new codes
 */
public record PublishedKey(NetworkKey key, Instant createdAt, Instant retiredAt) {

  public KeyId id() {
    return key.id();
  }

  public boolean active() {
    return retiredAt == null;
  }
}
