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
