package coop.sol.merchant.code;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The constraints the payment code records share, so each states them the same way. */
final class FieldRules {

  /** Longest reference of a payment request, in UTF-8 bytes, to keep the QR code small. */
  static final int MAX_REFERENCE_BYTES = 40;

  private FieldRules() {}

  static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }

  /** Truncated to whole seconds, which only moves the expiry earlier; must be after 1970. */
  static Instant expiry(Instant expiresAt) {
    Instant seconds = expiresAt.truncatedTo(ChronoUnit.SECONDS);
    if (seconds.getEpochSecond() <= 0) {
      throw new IllegalArgumentException("expiry must be after 1970, was " + expiresAt);
    }
    return seconds;
  }

  /**
   * @throws IllegalArgumentException if the reference is longer than {@value #MAX_REFERENCE_BYTES}
   *     UTF-8 bytes, is not well-formed Unicode, or holds control characters (which could hide or
   *     reorder what a payer sees)
   */
  static String reference(String reference) {
    byte[] bytes =
        utf8(reference)
            .orElseThrow(
                () -> new IllegalArgumentException("reference is not well-formed Unicode"));
    if (bytes.length > MAX_REFERENCE_BYTES) {
      throw new IllegalArgumentException(
          "reference is longer than " + MAX_REFERENCE_BYTES + " UTF-8 bytes: " + reference);
    }
    if (reference.codePoints().anyMatch(FieldRules::isHiddenCharacter)) {
      throw new IllegalArgumentException("reference holds a control character");
    }
    return reference;
  }

  /** Strict UTF-8: empty for unpaired surrogates instead of silently writing '?'. */
  static Optional<byte[]> utf8(String text) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return Optional.of(bytes);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean isHiddenCharacter(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.FORMAT;
  }
}
