package coop.sol.web.user;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1 of the
 * 30-second time step since the Unix epoch, dynamically truncated to 6 digits (RFC 4226). A code is
 * accepted for the current step and one step either side, for clocks a little apart.
 */
public final class Totp {
  /** Length of a time step, in seconds. */
  public static final long STEP_SECONDS = 30;

  /** How many steps before and after the current one a code may belong to. */
  static final int TOLERANCE_STEPS = 1;

  private static final int DIGITS = 6;
  private static final int MODULUS = 1_000_000;

  private Totp() {}

  /** The time step that {@code instant} falls in. */
  public static long step(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
  }

  /**
   * The step whose code {@code code} is, among the steps around {@code now}; empty when it is none
   * of them (or is not six digits). Callers must then refuse a step they have accepted before.
   */
  public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
    if (code == null || code.length() != DIGITS || !code.chars().allMatch(Totp::isAsciiDigit)) {
      return OptionalLong.empty();
    }
    byte[] key = TotpSecret.base32Decode(base32Secret);
    long current = step(now);
    OptionalLong match = OptionalLong.empty();
    // every candidate is computed and compared in constant time, so timing tells nothing
    for (long step = current - TOLERANCE_STEPS; step <= current + TOLERANCE_STEPS; step++) {
      byte[] expected = code(key, step).getBytes(StandardCharsets.US_ASCII);
      byte[] given = code.getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given) && match.isEmpty()) {
        match = OptionalLong.of(step);
      }
    }
    return match;
  }

  /** The code of {@code step}, for a base32 secret (what an authenticator app shows). */
  public static String code(String base32Secret, long step) {
    return code(TotpSecret.base32Decode(base32Secret), step);
  }

  /** The code at {@code instant}, for a base32 secret. */
  public static String code(String base32Secret, Instant instant) {
    return code(base32Secret, step(instant));
  }

  static String code(byte[] key, long step) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    return String.format("%06d", binary % MODULUS);
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
