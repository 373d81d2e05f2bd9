package coop.sol.merchant.code;

import coop.sol.keys.KeyId;
import java.util.Arrays;
import java.util.Base64;

/** A payment code with its network signature, ready to be shown as a QR code. */
public final class SignedCode {

  private final PaymentCode code;
  private final KeyId keyId;
  private final byte[] bytes;

  SignedCode(PaymentCode code, KeyId keyId, byte[] bytes) {
    this.code = code;
    this.keyId = keyId;
    this.bytes = bytes;
  }

  public PaymentCode code() {
    return code;
  }

  public KeyId keyId() {
    return keyId;
  }

  /** The whole payload, signature included, as {@code docs/payment-codes.md} lays it out. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The payload as unpadded base64url. */
  public String text() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The link a QR code should hold: {@code <baseUrl>/p/<text>}.
   *
   * @param baseUrl the network's payment site, such as {@code https://pay.example.org}
   */
  public String link(String baseUrl) {
    return PaymentLink.format(baseUrl, text());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedCode that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SignedCode[" + code + ", keyId=" + keyId + ", " + bytes.length + " bytes]";
  }
}
