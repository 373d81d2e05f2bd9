package coop.sol.merchant.code;

/**
 * Thrown inside {@link PayloadFormat} when signed bytes do not follow the layout; {@link
 * PaymentCodes#verify} turns it into {@link RejectionReason#MALFORMED}. Never leaves the package.
 */
final class MalformedPayload extends RuntimeException {

  MalformedPayload(String message) {
    super(message, null, false, false);
  }
}
