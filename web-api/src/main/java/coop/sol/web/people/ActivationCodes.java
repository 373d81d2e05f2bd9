package coop.sol.web.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One-time activation codes: 16 characters of an alphabet without look-alikes (no 0/O, 1/I/L, U),
 * 80 random bits, written in four groups ({@code K7QM-3XRD-9PWF-H2TN}) on a letter, typed in any
 * case with or without the dashes. Only their SHA-256 hash is stored: with 80 random bits, a stolen
 * hash cannot be turned back into a code, and a slow hash would add nothing.
 */
public final class ActivationCodes {
  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789".toCharArray();
  private static final int LENGTH = 16;
  private static final Pattern TYPED = Pattern.compile("[A-Z0-9]{" + LENGTH + "}");

  private ActivationCodes() {}

  /** A new code, grouped for reading. */
  public static String generate(SecureRandom random) {
    var code = new StringBuilder(LENGTH + 3);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  /**
   * The code as typed, upper case without dashes or spaces; empty if it cannot be a code (then
   * nothing needs looking up).
   */
  public static Optional<String> normalise(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    String code = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    return TYPED.matcher(code).matches() ? Optional.of(code) : Optional.empty();
  }

  /** The SHA-256 hash stored for a normalised code. */
  public static byte[] hash(String normalised) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
