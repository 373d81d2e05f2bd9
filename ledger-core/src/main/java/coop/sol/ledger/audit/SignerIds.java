package coop.sol.ledger.audit;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a checkpoint or a signed report names the key that signed it, and the one compatibility path
 * for those signed before migration V9.
 *
 * <p>They name it by its {@link KeyId}: 8 hex digits, the id every payment code carries and {@code
 * GET /api/v1/networks/{networkId}/keys} publishes. Before V9 the ledger named keys by an id of its
 * own, the <em>legacy id</em>: the first 16 hex digits of SHA-256 of the 32-byte public key (the
 * same hash, so its first 8 digits are the key's {@link KeyId}). A checkpoint's key id is part of
 * its signed bytes and checkpoints are append-only, so those signed before V9 keep their legacy id
 * forever, as do the reports and exports written then. A verifier resolves a legacy id by computing
 * it from each key it trusts ({@link #in}); nothing else reads a legacy id, and nothing writes one.
 */
final class SignerIds {
  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
  private static final Pattern LEGACY_ID = Pattern.compile("[0-9a-f]{16}");

  private SignerIds() {}

  /** What a new checkpoint or report names its key by: the key's {@link KeyId}. */
  static String of(NetworkKey key) {
    return key.id().toString();
  }

  /** The legacy id of a key: the first 16 hex digits of SHA-256 of its 32 bytes. */
  static String legacyOf(NetworkKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.publicKey());
      return HEX.formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code keyId} is a key id (8 lower-case hex digits) or a legacy id (16). */
  static boolean isWellFormed(String keyId) {
    return ID.matcher(keyId).matches() || LEGACY_ID.matcher(keyId).matches();
  }

  /** Whether {@code keyId}, as a signed record carries it, names {@code key}. */
  static boolean names(String keyId, NetworkKey key) {
    return keyId.equals(of(key)) || keyId.equals(legacyOf(key));
  }

  /** The key among {@code keys} that {@code keyId} names, if any. */
  static Optional<NetworkKey> in(TrustedKeys keys, String keyId) {
    if (ID.matcher(keyId).matches()) {
      return keys.find(KeyId.fromHex(keyId));
    }
    return keys.byId().values().stream().filter(k -> legacyOf(k).equals(keyId)).findFirst();
  }
}
