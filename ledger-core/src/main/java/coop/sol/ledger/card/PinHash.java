package coop.sol.ledger.card;

import coop.sol.keys.Argon2id;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PIN's slow hash: Argon2id (Bouncy Castle's, through network-keys), 16 MiB, 2 passes, a 16-byte
 * random salt, written as a PHC string ({@code $argon2id$v=19$m=16384,t=2,p=1$<salt>$<hash>},
 * unpadded base64), as the application's passwords are. A PIN has at most a million values, so the
 * hash only slows down whoever stole the database; what protects a card at the till is the
 * wrong-PIN counter.
 */
final class PinHash {
  private static final int MEMORY_KIB = 16 * 1024;
  private static final int ITERATIONS = 2;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=([0-9]{1,7}),t=([0-9]{1,2}),p=([0-9])\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private final SecureRandom random;

  PinHash(SecureRandom random) {
    this.random = random;
  }

  String hash(Pin pin) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = argon2(pin, salt, MEMORY_KIB, ITERATIONS, 1, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p=1$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  static boolean matches(Pin pin, String phc) {
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      throw new IllegalStateException("not a PIN hash this code wrote");
    }
    byte[] salt = B64D.decode(m.group(4));
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual =
        argon2(
            pin,
            salt,
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(
      Pin pin, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    return Argon2id.hash(
        pin.digits().getBytes(StandardCharsets.US_ASCII),
        salt,
        memoryKib,
        iterations,
        parallelism,
        length);
  }
}
