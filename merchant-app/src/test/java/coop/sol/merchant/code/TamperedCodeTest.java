package coop.sol.merchant.code;

import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.fixtures.Fixtures;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exhaustive over every bit: no single flipped bit in a genuine code, in its bytes or in its text,
 * yields a code that verifies. And each region fails for the reason it should.
 */
class TamperedCodeTest {

  static Stream<PaymentCode> codes() {
    return Stream.concat(
        Fixtures.oneOfEachKind().stream(), Stream.of(Fixtures.aLargestRealisticPaymentRequest()));
  }

  @ParameterizedTest
  @MethodSource("codes")
  void everyFlippedBitOfThePayloadIsRefusedForItsReason(PaymentCode code) {
    byte[] genuine = PaymentCodes.sign(code, NETWORK_KEY).bytes();
    for (int bit = 0; bit < genuine.length * 8; bit++) {
      byte[] tampered = genuine.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));

      Verification verification =
          verify(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered));

      assertThat(verification)
          .as("bit %d of %d (byte %d)", bit, genuine.length * 8, bit / 8)
          .isEqualTo(new Rejected(expectedReason(bit / 8)));
    }
  }

  @ParameterizedTest
  @MethodSource("codes")
  void everyFlippedBitOfTheLinkTextIsRefused(PaymentCode code) {
    String link = PaymentCodes.sign(code, NETWORK_KEY).link(Fixtures.BASE_URL);
    for (int index = 0; index < link.length(); index++) {
      for (int bit = 0; bit < 8; bit++) {
        char[] chars = link.toCharArray();
        chars[index] ^= (char) (1 << bit);
        String tampered = new String(chars);

        Verification verification = verify(tampered);

        // Flipping a bit of the host or of the case of "https" leaves the payload intact: the
        // host is not what a till trusts (see PaymentLink). Everywhere else, no flip verifies.
        if (PaymentLink.payloadOf(tampered).equals(PaymentLink.payloadOf(link))) {
          continue;
        }
        assertThat(verification)
            .as("bit %d of character %d of %s", bit, index, link)
            .isInstanceOf(Rejected.class);
      }
    }
  }

  /**
   * Version byte: not ours. Kind: the signature covers it, and is checked before the body is read.
   * Key id: no trusted key has the altered id. Body and signature: the signature fails.
   */
  private static RejectionReason expectedReason(int byteIndex) {
    if (byteIndex == 0) {
      return RejectionReason.NOT_OURS;
    }
    if (byteIndex >= 2 && byteIndex < PayloadFormat.HEADER_LENGTH) {
      return RejectionReason.UNKNOWN_KEY;
    }
    return RejectionReason.BAD_SIGNATURE;
  }

  private static Verification verify(String text) {
    return PaymentCodes.verify(text, TRUSTED, NETWORK, NOW);
  }
}
