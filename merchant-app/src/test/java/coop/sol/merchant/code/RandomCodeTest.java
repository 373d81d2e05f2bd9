package coop.sol.merchant.code;

import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated inputs from a fixed seed, so any failure reproduces: arbitrary valid codes round-trip,
 * arbitrary bytes and text are refused without an exception.
 */
class RandomCodeTest {

  private static final long SEED = 0x50_4C_20_51_52L;
  private static final int RUNS = 400;

  @Test
  void anyValidCodeRoundTripsThroughSigningAndVerification() {
    Random random = new Random(SEED);
    for (int run = 0; run < RUNS; run++) {
      PaymentCode code = anyCode(random);
      SignedCode signed = PaymentCodes.sign(code, NETWORK_KEY);

      assertThat(PaymentCodes.verify(signed.link("https://p.example"), TRUSTED, NETWORK, NOW))
          .as("run %d with seed %d: %s", run, SEED, code)
          .isEqualTo(new Verified(code, NETWORK_KEY.id()));
    }
  }

  @Test
  void randomBytesAreRefusedWithoutAnException() {
    Random random = new Random(SEED + 1);
    byte[] header = {1, 1, 0, 0, 0, 0};
    System.arraycopy(NETWORK_KEY.id().toBytes(), 0, header, 2, 4);
    for (int run = 0; run < RUNS; run++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      // Half of them carry our version and key id, to reach the signature check.
      if (run % 2 == 0 && bytes.length >= header.length) {
        System.arraycopy(header, 0, bytes, 0, header.length);
        bytes[1] = (byte) (1 + random.nextInt(3));
      }

      Verification verification =
          verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));

      assertThat(verification)
          .as("run %d with seed %d", run, SEED + 1)
          .isInstanceOf(Rejected.class);
      if (run % 2 == 0 && bytes.length >= header.length + 64) {
        assertThat(verification).isEqualTo(new Rejected(RejectionReason.BAD_SIGNATURE));
      }
    }
  }

  @Test
  void randomTextIsRefusedWithoutAnException() {
    Random random = new Random(SEED + 2);
    for (int run = 0; run < RUNS; run++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(300);
      for (int i = 0; i < length; i++) {
        // Mostly base64url characters, sometimes anything in the Basic Multilingual Plane.
        text.append(
            random.nextInt(10) == 0
                ? (char) random.nextInt(0x10000)
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/:."
                    .charAt(random.nextInt(67)));
      }

      assertThat(verify(text.toString()))
          .as("run %d with seed %d", run, SEED + 2)
          .isInstanceOf(Rejected.class);
    }
  }

  /** A valid code of a random kind with values across each field's range. */
  static PaymentCode anyCode(Random random) {
    long network = NETWORK;
    long account = anyPositive(random);
    return switch (random.nextInt(3)) {
      case 0 ->
          new PaymentRequestCode(
              network,
              account,
              anyPositive(random),
              anyReference(random),
              NOW.plusSeconds(1 + random.nextInt(1_000_000_000)),
              anyNonce(random));
      case 1 -> new StaticMerchantCode(network, account);
      default ->
          new PayTokenCode(
              network,
              account,
              anyPositive(random),
              NOW.plusSeconds(1 + random.nextInt(1_000_000_000)),
              anyNonce(random));
    };
  }

  /** 1..Long.MAX_VALUE, spread over every varint length. */
  private static long anyPositive(Random random) {
    int bits = 1 + random.nextInt(63);
    long value = random.nextLong() >>> (64 - bits);
    return Math.max(1, value);
  }

  private static String anyReference(Random random) {
    String[] pieces = {"a", "Z", "0", " ", "é", "€", "🥖", "Table ", "№", "ß"};
    StringBuilder reference = new StringBuilder();
    while (true) {
      String piece = pieces[random.nextInt(pieces.length)];
      if (FieldRules.utf8(reference + piece).orElseThrow().length > 40 || random.nextInt(12) == 0) {
        return reference.toString();
      }
      reference.append(piece);
    }
  }

  private static Nonce anyNonce(Random random) {
    byte[] bytes = new byte[Nonce.LENGTH];
    random.nextBytes(bytes);
    return new Nonce(bytes);
  }

  private static Verification verify(String text) {
    return PaymentCodes.verify(text, TRUSTED, NETWORK, NOW);
  }
}
