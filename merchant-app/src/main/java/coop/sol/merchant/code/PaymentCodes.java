package coop.sol.merchant.code;

import coop.sol.keys.KeyId;
import coop.sol.keys.NetworkKey;
import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs payment codes (the network, with its private key) and verifies them (tills and phones,
 * offline, with the network's public keys).
 *
 * <p>Verification authenticates before it interprets: it reads only the version and key id, checks
 * the signature, and parses the body only once the bytes are known to come from the network. So a
 * damaged or forged code is reported as such, never as whatever its bytes happen to claim.
 */
public final class PaymentCodes {

  private PaymentCodes() {}

  /** Encodes {@code code} and signs it with {@code key}. */
  public static SignedCode sign(PaymentCode code, SigningKey key) {
    byte[] unsigned = PayloadFormat.unsignedBytes(code, key.id());
    byte[] signature = key.sign(PayloadFormat.signingInput(unsigned, unsigned.length));
    byte[] bytes = Arrays.copyOf(unsigned, unsigned.length + signature.length);
    System.arraycopy(signature, 0, bytes, unsigned.length, signature.length);
    return new SignedCode(code, key.id(), bytes);
  }

  /**
   * Checks a payment link or bare payload, as scanned or typed. Never throws for any text.
   *
   * <p>Checks run in this order, and the first failure is the reason: readable as ours ({@code
   * NOT_OURS}), signed by a trusted key ({@code UNKNOWN_KEY}), signature valid ({@code
   * BAD_SIGNATURE}), body well-formed ({@code MALFORMED}), network ({@code WRONG_NETWORK}), expiry
   * ({@code EXPIRED}).
   *
   * @param expectedNetworkId the network this till or phone belongs to
   * @param now the verifier's time, from its injected clock; a code is expired from its expiry
   *     instant on ({@code now >= expiresAt}), so a code expiring at 12:00:00 is accepted at
   *     11:59:59.999 and refused at 12:00:00
   */
  public static Verification verify(
      String text, TrustedKeys trustedKeys, long expectedNetworkId, Instant now) {
    Optional<byte[]> decoded = PaymentLink.payloadOf(text).flatMap(PaymentCodes::base64Url);
    if (decoded.isEmpty() || decoded.get().length == 0) {
      return new Rejected(RejectionReason.NOT_OURS);
    }
    byte[] payload = decoded.get();
    if ((payload[0] & 0xff) != PayloadFormat.VERSION) {
      return new Rejected(RejectionReason.NOT_OURS);
    }
    int signedLength = payload.length - PayloadFormat.SIGNATURE_LENGTH;
    if (signedLength < PayloadFormat.HEADER_LENGTH) {
      return new Rejected(RejectionReason.MALFORMED);
    }
    KeyId keyId = KeyId.fromBytes(payload, 2);
    Optional<NetworkKey> key = trustedKeys.find(keyId);
    if (key.isEmpty()) {
      return new Rejected(RejectionReason.UNKNOWN_KEY);
    }
    byte[] signature = Arrays.copyOfRange(payload, signedLength, payload.length);
    if (!key.get().verifies(PayloadFormat.signingInput(payload, signedLength), signature)) {
      return new Rejected(RejectionReason.BAD_SIGNATURE);
    }
    PaymentCode code;
    try {
      code = PayloadFormat.decode(payload, signedLength);
    } catch (MalformedPayload e) {
      return new Rejected(RejectionReason.MALFORMED);
    }
    if (code.networkId() != expectedNetworkId) {
      return new Rejected(RejectionReason.WRONG_NETWORK);
    }
    if (code.expiry().filter(expiry -> !now.isBefore(expiry)).isPresent()) {
      return new Rejected(RejectionReason.EXPIRED);
    }
    return new Verified(code, keyId);
  }

  /**
   * Strict unpadded base64url: empty unless re-encoding gives the same text, so that no two texts
   * (differing only in the unused low bits of the last character) carry the same payload.
   */
  private static Optional<byte[]> base64Url(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
    return canonical ? Optional.of(bytes) : Optional.empty();
  }
}
