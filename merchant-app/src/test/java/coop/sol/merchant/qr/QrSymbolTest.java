package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.fixtures.Fixtures;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QrSymbolTest {

  /** A realistic production base URL: 27 characters. */
  private static final String BASE_URL = "https://pay.sol-network.org";

  static Stream<PaymentCode> everyKindAndTheLargestRequest() {
    return Stream.concat(
        Fixtures.oneOfEachKind().stream(), Stream.of(Fixtures.aLargestRealisticPaymentRequest()));
  }

  @ParameterizedTest
  @MethodSource("everyKindAndTheLargestRequest")
  void everyKindAsALinkFitsVersion10AtLevelM(PaymentCode code) throws WriterException {
    String link = PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL);

    int version =
        Encoder.encode(link, ErrorCorrectionLevel.M, Map.of()).getVersion().getVersionNumber();

    assertThat(version)
        .as("QR version of %s (%d characters)", link, link.length())
        .isLessThanOrEqualTo(10);
    assertThat(QrSymbol.encode(link).version()).isEqualTo(version);
  }

  @Test
  void measuredSizesOfTheFixtures() {
    // The numbers docs/payment-codes.md quotes; a layout change must update both.
    assertThat(versionOf(Fixtures.aStaticCode())).isEqualTo(8);
    assertThat(versionOf(Fixtures.aPayToken())).isEqualTo(9);
    assertThat(versionOf(Fixtures.aPaymentRequest())).isEqualTo(9);
    assertThat(versionOf(Fixtures.aLargestRealisticPaymentRequest())).isEqualTo(10);
  }

  @Test
  void symbolIs17Plus4TimesVersionModulesWideWithAFourModuleQuietZone() {
    QrSymbol symbol = QrSymbol.encode("https://pay.sol-network.org/p/AAAA");

    assertThat(symbol.size()).isEqualTo(17 + 4 * symbol.version());
    assertThat(symbol.sizeWithQuietZone()).isEqualTo(symbol.size() + 8);
    // Top-left finder pattern: dark 7x7 ring, light ring inside, dark 3x3 centre.
    assertThat(symbol.isDark(0, 0)).isTrue();
    assertThat(symbol.isDark(1, 1)).isFalse();
    assertThat(symbol.isDark(3, 3)).isTrue();
    assertThat(symbol.isDark(7, 7)).isFalse();
    assertThat(symbol.modules().getWidth()).isEqualTo(symbol.size());
  }

  @Test
  void textTooLongForAnyQrCodeIsRefused() {
    assertThatThrownBy(() -> QrSymbol.encode("x".repeat(3000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int versionOf(PaymentCode code) {
    return QrSymbol.encode(PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL)).version();
  }
}
