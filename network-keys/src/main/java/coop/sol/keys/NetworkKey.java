package coop.sol.keys;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A network's public Ed25519 key: what checks its payment codes (tills and phones, offline), its
 * checkpoints and its signed reports (anyone, with the offline export verifier).
 *
 * @param id derived from the key bytes, never chosen
 * @param publicKey the raw 32-byte encoding of RFC 8032; copied in and out
 */
public record NetworkKey(KeyId id, byte[] publicKey) {

  /** Bytes of a raw Ed25519 public key. */
  public static final int LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;

  private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9_-]{43}");

  /**
   * @throws IllegalArgumentException if the bytes are not a valid Ed25519 point or {@code id} is
   *     not theirs
   */
  public NetworkKey {
    if (publicKey.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes");
    }
    publicKey = publicKey.clone();
    new Ed25519PublicKeyParameters(publicKey); // throws on a point off the curve
    if (!id.equals(KeyId.of(publicKey))) {
      throw new IllegalArgumentException("key id " + id + " is not the id of this key");
    }
  }

  /** The key with its derived id. */
  public static NetworkKey of(byte[] publicKey) {
    return new NetworkKey(KeyId.of(publicKey), publicKey);
  }

  /**
   * Reads the unpadded base64url form of {@link #toBase64Url()}: what {@code GET
   * /api/v1/networks/{networkId}/keys} publishes, tills cache and verifiers are given. Strict: 43
   * characters of the base64url alphabet, canonical (the one text of these bytes).
   *
   * @throws IllegalArgumentException for any other text, or bytes that are not a key
   */
  public static NetworkKey fromBase64Url(String text) {
    if (!TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "a public key is 43 characters of unpadded base64url, not " + text);
    }
    NetworkKey key = of(Base64.getUrlDecoder().decode(text));
    if (!key.toBase64Url().equals(text)) {
      throw new IllegalArgumentException("not the canonical base64url of a key: " + text);
    }
    return key;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key as unpadded base64url, for configuration files and key listings. */
  public String toBase64Url() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
  }

  /**
   * Whether {@code signature} is this key's Ed25519 signature (RFC 8032, pure Ed25519) of {@code
   * message}. A signature of the wrong length is simply not valid.
   */
  public boolean verifies(byte[] message, byte[] signature) {
    if (signature.length != SigningKey.SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkKey that && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "NetworkKey[id=" + id + ", publicKey=" + toBase64Url() + "]";
  }
}
