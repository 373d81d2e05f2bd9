package coop.sol.web.user;

import java.security.SecureRandom;

/**
 * TOTP shared secrets (RFC 6238) as authenticator apps expect them: 20 random bytes (the HMAC-SHA1
 * key size RFC 4226 recommends), base32-encoded without padding, i.e. 32 characters.
 */
public final class TotpSecret {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final int SECRET_BYTES = 20;

  private TotpSecret() {}

  public static String generate(SecureRandom random) {
    byte[] key = new byte[SECRET_BYTES];
    random.nextBytes(key);
    return base32(key);
  }

  /**
   * Decodes RFC 4648 base32 (upper case, padding optional), as stored in {@code
   * app_user.totp_secret}.
   *
   * @throws IllegalArgumentException if {@code text} is not base32
   */
  public static byte[] base32Decode(String text) {
    String digits = text.endsWith("=") ? text.replaceAll("=+$", "") : text;
    var out = new java.io.ByteArrayOutputStream(digits.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      int value;
      if (c >= 'A' && c <= 'Z') {
        value = c - 'A';
      } else if (c >= '2' && c <= '7') {
        value = c - '2' + 26;
      } else {
        throw new IllegalArgumentException("not base32");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** RFC 4648 base32, without padding. */
  static String base32(byte[] bytes) {
    var out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
    }
    return out.toString();
  }
}
