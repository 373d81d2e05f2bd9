package coop.sol.merchant.code;

import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.nonce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentCodeRecordsTest {

  private static final Instant LATER = NOW.plusSeconds(300);

  @Test
  void paymentRequestRefusesWhatCannotBe() {
    assertRefused(() -> new PaymentRequestCode(0, 1, 1, "", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, -1, 1, "", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 0, "", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "x".repeat(41), LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "é".repeat(21), LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "line\nbreak", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "right\u202Eleft", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "lone \uD83E", LATER, nonce(1)));
    assertRefused(() -> new PaymentRequestCode(1, 1, 1, "", Instant.EPOCH, nonce(1)));
    assertThatThrownBy(() -> new PaymentRequestCode(1, 1, 1, "", LATER, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void payTokenAndStaticCodeRefuseWhatCannotBe() {
    assertRefused(() -> new PayTokenCode(1, 1, 0, LATER, nonce(1)));
    assertRefused(() -> new PayTokenCode(1, 0, 1, LATER, nonce(1)));
    assertRefused(() -> new PayTokenCode(0, 1, 1, LATER, nonce(1)));
    assertRefused(() -> new StaticMerchantCode(0, 1));
    assertRefused(() -> new StaticMerchantCode(1, 0));
    assertRefused(() -> new Nonce(new byte[11]));
  }

  @Test
  void issuedCodesGetFreshNonces() {
    SecureRandom random = new SecureRandom();
    PaymentRequestCode first = PaymentRequestCode.issue(1, 2, 3, "A", LATER, random);
    PaymentRequestCode second = PaymentRequestCode.issue(1, 2, 3, "A", LATER, random);

    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first).isNotEqualTo(second);
    assertThat(PayTokenCode.issue(1, 2, 3, LATER, random).nonce())
        .isNotEqualTo(PayTokenCode.issue(1, 2, 3, LATER, random).nonce());
  }

  @Test
  void nonceHasValueEqualityAndAHexForm() {
    assertThat(nonce(5)).isEqualTo(nonce(5)).hasSameHashCodeAs(nonce(5)).isNotEqualTo(nonce(6));
    assertThat(Nonce.fromHex(nonce(5).toString())).isEqualTo(nonce(5));
    assertThat(nonce(5).toString()).hasSize(24);
  }

  private static void assertRefused(Runnable construction) {
    assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class);
  }
}
