package coop.sol.keys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys whose signatures a verifier accepts: the network's current key and those it
 * rotated away from but whose signatures must still verify (a printed static code lives for years,
 * a checkpoint forever).
 *
 * @param byId at most one key per id; unmodifiable
 */
public record TrustedKeys(Map<KeyId, NetworkKey> byId) {

  /**
   * @throws IllegalArgumentException if a key is filed under an id that is not its own
   */
  public TrustedKeys {
    byId = Map.copyOf(byId);
    byId.forEach(
        (id, key) -> {
          if (!id.equals(key.id())) {
            throw new IllegalArgumentException("key " + key.id() + " filed under " + id);
          }
        });
  }

  /**
   * @throws IllegalArgumentException if two different keys share an id, which a verifier could not
   *     tell apart: configure one of them out
   */
  public static TrustedKeys of(Collection<NetworkKey> keys) {
    Map<KeyId, NetworkKey> byId = new LinkedHashMap<>();
    for (NetworkKey key : keys) {
      NetworkKey previous = byId.putIfAbsent(key.id(), key);
      if (previous != null && !previous.equals(key)) {
        throw new IllegalArgumentException("two different keys have id " + key.id());
      }
    }
    return new TrustedKeys(byId);
  }

  public static TrustedKeys of(NetworkKey... keys) {
    return of(List.of(keys));
  }

  public Optional<NetworkKey> find(KeyId id) {
    return Optional.ofNullable(byId.get(id));
  }
}
