package coop.sol.merchant.code;

import coop.sol.keys.KeyId;
import coop.sol.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Version 1 of the payment code byte layout, as {@code docs/payment-codes.md} specifies it:
 *
 * <pre>
 * version (1 byte) | kind (1 byte) | key id (4 bytes) | body (by kind) | Ed25519 signature (64)
 * </pre>
 *
 * <p>Integers in bodies are unsigned LEB128 varints; expiries are epoch seconds; the reference is a
 * length byte then UTF-8. The signature covers {@link #SIGNING_CONTEXT} followed by every byte
 * before the signature, so the key id and kind are signed too.
 */
final class PayloadFormat {

  static final int VERSION = 1;
  static final int KIND_PAYMENT_REQUEST = 1;
  static final int KIND_STATIC_MERCHANT = 2;
  static final int KIND_PAY_TOKEN = 3;
  static final int KIND_MEMBER_CARD = 4;

  /** Version, kind and key id. */
  static final int HEADER_LENGTH = 2 + KeyId.LENGTH;

  static final int SIGNATURE_LENGTH = SigningKey.SIGNATURE_LENGTH;

  /**
   * Prefixed to the signed bytes (but not sent), so that a network key's signature over a payment
   * code can never be passed off as its signature over anything else the network signs.
   */
  static final byte[] SIGNING_CONTEXT = "SOL payment code\0".getBytes(StandardCharsets.US_ASCII);

  private PayloadFormat() {}

  /** Header and body: the bytes that get signed, in the order they are sent. */
  static byte[] unsignedBytes(PaymentCode code, KeyId keyId) {
    PayloadWriter out = new PayloadWriter().writeByte(VERSION);
    // Java 17 has no pattern switch; the final else is unreachable while PaymentCode stays sealed.
    if (code instanceof PaymentRequestCode request) {
      out.writeByte(KIND_PAYMENT_REQUEST).writeBytes(keyId.toBytes());
      out.writeVarint(request.networkId())
          .writeVarint(request.merchantAccountId())
          .writeVarint(request.amount());
      byte[] reference = FieldRules.utf8(request.reference()).orElseThrow();
      out.writeByte(reference.length).writeBytes(reference);
      out.writeVarint(request.expiresAt().getEpochSecond()).writeBytes(request.nonce().bytes());
    } else if (code instanceof StaticMerchantCode merchant) {
      out.writeByte(KIND_STATIC_MERCHANT).writeBytes(keyId.toBytes());
      out.writeVarint(merchant.networkId()).writeVarint(merchant.merchantAccountId());
    } else if (code instanceof PayTokenCode token) {
      out.writeByte(KIND_PAY_TOKEN).writeBytes(keyId.toBytes());
      out.writeVarint(token.networkId())
          .writeVarint(token.memberAccountId())
          .writeVarint(token.cap())
          .writeVarint(token.expiresAt().getEpochSecond())
          .writeBytes(token.nonce().bytes());
    } else if (code instanceof MemberCardCode card) {
      out.writeByte(KIND_MEMBER_CARD).writeBytes(keyId.toBytes());
      out.writeVarint(card.networkId())
          .writeVarint(card.cardId())
          .writeVarint(card.version())
          .writeVarint(card.holderAccountId());
    } else {
      throw new IllegalStateException("no layout for " + code.getClass());
    }
    return out.toBytes();
  }

  /** What the signature is computed over: the context, then the first {@code length} bytes. */
  static byte[] signingInput(byte[] payload, int length) {
    byte[] input = new byte[SIGNING_CONTEXT.length + length];
    System.arraycopy(SIGNING_CONTEXT, 0, input, 0, SIGNING_CONTEXT.length);
    System.arraycopy(payload, 0, input, SIGNING_CONTEXT.length, length);
    return input;
  }

  /**
   * Reads the kind and body of a payload whose signature was already checked.
   *
   * @param signedLength bytes before the signature
   * @throws MalformedPayload if the kind is unknown or the body does not follow its layout
   */
  static PaymentCode decode(byte[] payload, int signedLength) {
    PayloadReader in = new PayloadReader(payload, 1, signedLength);
    int kind = in.readByte();
    in.readBytes(KeyId.LENGTH);
    try {
      PaymentCode code =
          switch (kind) {
            case KIND_PAYMENT_REQUEST ->
                new PaymentRequestCode(
                    in.readVarint(),
                    in.readVarint(),
                    in.readVarint(),
                    in.readShortUtf8(FieldRules.MAX_REFERENCE_BYTES),
                    Instant.ofEpochSecond(in.readVarint()),
                    new Nonce(in.readBytes(Nonce.LENGTH)));
            case KIND_STATIC_MERCHANT -> new StaticMerchantCode(in.readVarint(), in.readVarint());
            case KIND_PAY_TOKEN ->
                new PayTokenCode(
                    in.readVarint(),
                    in.readVarint(),
                    in.readVarint(),
                    Instant.ofEpochSecond(in.readVarint()),
                    new Nonce(in.readBytes(Nonce.LENGTH)));
            case KIND_MEMBER_CARD ->
                new MemberCardCode(
                    in.readVarint(), in.readVarint(), in.readVarint(), in.readVarint());
            default -> throw new MalformedPayload("unknown kind " + kind);
          };
      in.requireEnd();
      return code;
    } catch (IllegalArgumentException | DateTimeException e) {
      // A field out of its record's range (amount 0, control character, year 10^9).
      throw new MalformedPayload(e.getMessage());
    }
  }
}
