package coop.sol.merchant.code;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Random bytes that make each single-use code unique, so the ledger can refuse a second use
 * ({@value #LENGTH} bytes: a collision among 2^40 codes has odds of about 2^-17).
 *
 * @param bytes exactly {@value #LENGTH} bytes; copied in and out
 */
public record Nonce(byte[] bytes) {

  public static final int LENGTH = 12;

  public Nonce {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a nonce is " + LENGTH + " bytes, was " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** A fresh nonce from a cryptographically strong source. */
  public static Nonce random(SecureRandom random) {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new Nonce(bytes);
  }

  /** Parses the 24 hex digits of {@link #toString()}. */
  public static Nonce fromHex(String hex) {
    return new Nonce(HexFormat.of().parseHex(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Nonce that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** 24 lower-case hex digits, the form the ledger stores to refuse a second use. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
