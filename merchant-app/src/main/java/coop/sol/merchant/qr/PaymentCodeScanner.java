package coop.sol.merchant.qr;

import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/** Scans a photo and verifies the payment codes in it: the till's and the phone's one call. */
public final class PaymentCodeScanner {

  private PaymentCodeScanner() {}

  /**
   * The verification of each QR code in the image, in the order found; a single {@code
   * NOT_A_QR_CODE} rejection if there is none.
   */
  public static List<Verification> scanAndVerifyAll(
      BufferedImage image, TrustedKeys trustedKeys, long expectedNetworkId, Instant now) {
    List<String> texts = QrScanner.scan(image);
    if (texts.isEmpty()) {
      return List.of(new Rejected(RejectionReason.NOT_A_QR_CODE));
    }
    return texts.stream()
        .map(text -> PaymentCodes.verify(text, trustedKeys, expectedNetworkId, now))
        .toList();
  }

  /**
   * One outcome for the image: the first code that verified; otherwise the first rejection of a
   * code that looked like ours (expired, say, rather than the shop's Wi-Fi code beside it);
   * otherwise {@code NOT_OURS} or {@code NOT_A_QR_CODE}.
   *
   * <p>With several genuine codes in view this picks the first found; a till that must not guess
   * should use {@link #scanAndVerifyAll} and ask the cashier.
   */
  public static Verification scanAndVerify(
      BufferedImage image, TrustedKeys trustedKeys, long expectedNetworkId, Instant now) {
    List<Verification> all = scanAndVerifyAll(image, trustedKeys, expectedNetworkId, now);
    return all.stream()
        .filter(Verified.class::isInstance)
        .findFirst()
        .or(
            () ->
                all.stream()
                    .filter(v -> ((Rejected) v).reason() != RejectionReason.NOT_OURS)
                    .findFirst())
        .orElse(all.get(0));
  }
}
