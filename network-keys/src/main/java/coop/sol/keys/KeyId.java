package coop.sol.keys;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The one name of a network's public key, wherever it appears: inside every payment code, in
 * checkpoints, signed reports and the audit export, and in the key listing of {@code GET
 * /api/v1/networks/{networkId}/keys}; so that a verifier can pick the key when the network rotates
 * keys. It is the first {@value #LENGTH} bytes of SHA-256 of the raw 32-byte Ed25519 public key,
 * read big-endian, and can never change: printed payment codes that live for years carry it.
 *
 * <p>An id is a lookup hint, not a security boundary: the signature is always checked against the
 * full key, so a collision could only make a genuine code fail, never a forged one pass. {@link
 * TrustedKeys} refuses two different keys with one id.
 */
public record KeyId(int value) {

  /** Bytes the id takes in a payment code or an encrypted key. */
  public static final int LENGTH = 4;

  /** The id of a raw 32-byte Ed25519 public key. */
  public static KeyId of(byte[] publicKey) {
    SHA256Digest sha256 = new SHA256Digest();
    sha256.update(publicKey, 0, publicKey.length);
    byte[] hash = new byte[sha256.getDigestSize()];
    sha256.doFinal(hash, 0);
    return fromBytes(hash, 0);
  }

  /** Reads an id written by {@link #toBytes()} at {@code offset}. */
  public static KeyId fromBytes(byte[] bytes, int offset) {
    return new KeyId(
        (bytes[offset] & 0xff) << 24
            | (bytes[offset + 1] & 0xff) << 16
            | (bytes[offset + 2] & 0xff) << 8
            | (bytes[offset + 3] & 0xff));
  }

  /** Parses the 8 hex digits of {@link #toString()}. */
  public static KeyId fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("key id is " + 2 * LENGTH + " hex digits: " + hex);
    }
    return fromBytes(HexFormat.of().parseHex(hex), 0);
  }

  /** The {@value #LENGTH} big-endian bytes. */
  public byte[] toBytes() {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  /** Eight lower-case hex digits, as operators see the id in logs and configuration. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }
}
