package coop.sol.merchant.code;

import static coop.sol.merchant.fixtures.Fixtures.BASE_URL;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.OTHER_NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.OTHER_NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.PREVIOUS_NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static coop.sol.merchant.fixtures.Fixtures.aPayToken;
import static coop.sol.merchant.fixtures.Fixtures.aPaymentRequest;
import static coop.sol.merchant.fixtures.Fixtures.aStaticCode;
import static coop.sol.merchant.fixtures.Fixtures.nonce;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.merchant.code.Verification.Rejected;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.fixtures.Fixtures;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentCodesTest {

  static Stream<PaymentCode> everyKind() {
    return Fixtures.oneOfEachKind().stream();
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void signedCodeVerifiesAsBarePayloadAndAsLink(PaymentCode code) {
    SignedCode signed = PaymentCodes.sign(code, NETWORK_KEY);
    Verified expected = new Verified(code, NETWORK_KEY.id());

    assertThat(verify(signed.text())).isEqualTo(expected);
    assertThat(verify(signed.link(BASE_URL))).isEqualTo(expected);
    assertThat(verify(signed.link("https://sol.example.org/bakers-network/"))).isEqualTo(expected);
    assertThat(signed.link(BASE_URL)).isEqualTo(BASE_URL + "/p/" + signed.text());
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void codeSignedWithARotatedOutKeyStillVerifiesWhileTrusted(PaymentCode code) {
    String text = PaymentCodes.sign(code, PREVIOUS_NETWORK_KEY).text();

    assertThat(verify(text)).isEqualTo(new Verified(code, PREVIOUS_NETWORK_KEY.id()));
    assertThat(PaymentCodes.verify(text, TrustedKeys.of(NETWORK_KEY.networkKey()), NETWORK, NOW))
        .isEqualTo(new Rejected(RejectionReason.UNKNOWN_KEY));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void codeSignedByAnotherNetworkIsRefused(PaymentCode code) {
    SignedCode foreign = PaymentCodes.sign(code, OTHER_NETWORK_KEY);

    assertThat(verify(foreign.text())).isEqualTo(new Rejected(RejectionReason.UNKNOWN_KEY));

    // The same foreign signature, relabelled with our key id.
    byte[] relabelled = foreign.bytes();
    System.arraycopy(NETWORK_KEY.id().toBytes(), 0, relabelled, 2, 4);
    assertThat(verify(base64(relabelled))).isEqualTo(new Rejected(RejectionReason.BAD_SIGNATURE));
  }

  @Test
  void changedAmountBreaksTheSignature() {
    PaymentRequestCode request = aPaymentRequest();
    byte[] genuine = PaymentCodes.sign(request, NETWORK_KEY).bytes();
    PaymentRequestCode richer =
        new PaymentRequestCode(
            request.networkId(),
            request.merchantAccountId(),
            request.amount() * 10,
            request.reference(),
            request.expiresAt(),
            request.nonce());

    String forged = base64(withSignatureOf(genuine, richer));

    assertThat(verify(forged)).isEqualTo(new Rejected(RejectionReason.BAD_SIGNATURE));
  }

  @Test
  void changedPayTokenCapBreaksTheSignature() {
    PayTokenCode token = aPayToken();
    byte[] genuine = PaymentCodes.sign(token, NETWORK_KEY).bytes();
    PayTokenCode larger =
        new PayTokenCode(
            token.networkId(),
            token.memberAccountId(),
            1_000_000,
            token.expiresAt(),
            token.nonce());

    assertThat(verify(base64(withSignatureOf(genuine, larger))))
        .isEqualTo(new Rejected(RejectionReason.BAD_SIGNATURE));
  }

  @Test
  void expiryIsTheFirstInstantTheCodeIsRefused() {
    PaymentRequestCode request = aPaymentRequest();
    String text = PaymentCodes.sign(request, NETWORK_KEY).text();
    Instant expiry = request.expiresAt();

    assertThat(verifyAt(text, expiry.minusNanos(1))).isInstanceOf(Verified.class);
    assertThat(verifyAt(text, expiry)).isEqualTo(new Rejected(RejectionReason.EXPIRED));
    assertThat(verifyAt(text, expiry.plusSeconds(1)))
        .isEqualTo(new Rejected(RejectionReason.EXPIRED));
  }

  @Test
  void payTokenExpiresToo() {
    PayTokenCode token = aPayToken();
    String text = PaymentCodes.sign(token, NETWORK_KEY).text();

    assertThat(verifyAt(text, token.expiresAt().minusSeconds(1))).isInstanceOf(Verified.class);
    assertThat(verifyAt(text, token.expiresAt())).isEqualTo(new Rejected(RejectionReason.EXPIRED));
  }

  @Test
  void staticCodeNeverExpires() {
    String text = PaymentCodes.sign(aStaticCode(), NETWORK_KEY).text();

    assertThat(verifyAt(text, Instant.parse("2199-12-31T23:59:59Z"))).isInstanceOf(Verified.class);
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void codeForAnotherNetworkIsRefusedEvenWithATrustedKey(PaymentCode code) {
    String text = PaymentCodes.sign(code, NETWORK_KEY).text();

    assertThat(PaymentCodes.verify(text, TRUSTED, OTHER_NETWORK, NOW))
        .isEqualTo(new Rejected(RejectionReason.WRONG_NETWORK));
  }

  @Test
  void expiryIsTruncatedToWholeSecondsWhichOnlyMakesItEarlier() {
    PaymentRequestCode request =
        new PaymentRequestCode(
            NETWORK, 1, 1, "", Instant.parse("2026-03-01T12:05:00.999Z"), nonce(9));

    assertThat(request.expiresAt()).isEqualTo(Instant.parse("2026-03-01T12:05:00Z"));
    Verified verified = (Verified) verify(PaymentCodes.sign(request, NETWORK_KEY).text());
    assertThat(verified.code()).isEqualTo(request);
  }

  @Test
  void referenceRoundTripsAnyUnicodeUpTo40Bytes() {
    for (String reference :
        List.of("", "Table 4 – café", "€".repeat(13), "🥖🥐".repeat(5), "x".repeat(40))) {
      PaymentRequestCode request =
          new PaymentRequestCode(NETWORK, 3, 5, reference, NOW.plusSeconds(60), nonce(4));

      assertThat(verify(PaymentCodes.sign(request, NETWORK_KEY).text()))
          .isEqualTo(new Verified(request, NETWORK_KEY.id()));
    }
  }

  @Test
  void textThatIsNotOursSaysSo() {
    String payload = PaymentCodes.sign(aStaticCode(), NETWORK_KEY).text();
    Rejected notOurs = new Rejected(RejectionReason.NOT_OURS);

    assertThat(verify(null)).isEqualTo(notOurs);
    assertThat(verify("")).isEqualTo(notOurs);
    assertThat(verify("WIFI:S:CafeDuCoin;T:WPA;P:secret;;")).isEqualTo(notOurs);
    assertThat(verify("https://example.org/menu")).isEqualTo(notOurs);
    assertThat(verify(BASE_URL + "/p/")).isEqualTo(notOurs);
    assertThat(verify(BASE_URL + "/p/" + payload + "?utm_source=flyer")).isEqualTo(notOurs);
    assertThat(verify(payload + "==")).isEqualTo(notOurs);
    assertThat(verify(payload.substring(0, 10) + "+" + payload.substring(11))).isEqualTo(notOurs);
    assertThat(verify("A")).isEqualTo(notOurs);
    assertThat(verify("x".repeat(5000))).isEqualTo(notOurs);
    // Version 2 of the layout, which this code does not know.
    byte[] v2 = PaymentCodes.sign(aStaticCode(), NETWORK_KEY).bytes();
    v2[0] = 2;
    assertThat(verify(base64(v2))).isEqualTo(notOurs);
  }

  @Test
  void base64WhoseUnusedLastBitsAreSetIsNotAnAliasOfTheCode() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String text =
        Fixtures.oneOfEachKind().stream()
            .map(code -> PaymentCodes.sign(code, NETWORK_KEY).text())
            .filter(t -> t.length() % 4 != 0)
            .findFirst()
            .orElseThrow();
    // The last character of a partial group carries 2 or 4 bits that decode to nothing.
    int last = alphabet.indexOf(text.charAt(text.length() - 1));
    String alias = text.substring(0, text.length() - 1) + alphabet.charAt(last ^ 1);
    assertThat(Base64.getUrlDecoder().decode(alias)).isEqualTo(Base64.getUrlDecoder().decode(text));

    assertThat(verify(alias)).isEqualTo(new Rejected(RejectionReason.NOT_OURS));
  }

  @Test
  void signedButMalformedBodyIsMalformed() {
    byte[] header = {1, 0, 0, 0, 0, 0};
    System.arraycopy(NETWORK_KEY.id().toBytes(), 0, header, 2, 4);
    byte[] unknownKind = header.clone();
    unknownKind[1] = 9;
    byte[] trailingByte =
        concat(PayloadFormat.unsignedBytes(aStaticCode(), NETWORK_KEY.id()), new byte[] {0});
    byte[] overlongVarint = concat(header, new byte[] {(byte) 0x87, 0x00, 0x01});
    overlongVarint[1] = PayloadFormat.KIND_STATIC_MERCHANT;
    byte[] zeroAccount = concat(header, new byte[] {7, 0});
    zeroAccount[1] = PayloadFormat.KIND_STATIC_MERCHANT;
    byte[] truncatedBody =
        Arrays.copyOf(PayloadFormat.unsignedBytes(aPayToken(), NETWORK_KEY.id()), 12);

    for (byte[] unsigned :
        List.of(unknownKind, trailingByte, overlongVarint, zeroAccount, truncatedBody)) {
      assertThat(verify(base64(signedRaw(unsigned, NETWORK_KEY))))
          .as("signed %s", Arrays.toString(unsigned))
          .isEqualTo(new Rejected(RejectionReason.MALFORMED));
    }
  }

  @Test
  void tooShortToHoldASignatureIsMalformed() {
    byte[] bytes = PaymentCodes.sign(aStaticCode(), NETWORK_KEY).bytes();

    assertThat(verify(base64(Arrays.copyOf(bytes, 40))))
        .isEqualTo(new Rejected(RejectionReason.MALFORMED));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void truncatedOrExtendedCodesNeverVerify(PaymentCode code) {
    byte[] bytes = PaymentCodes.sign(code, NETWORK_KEY).bytes();
    for (int length = 0; length < bytes.length + 3; length++) {
      if (length == bytes.length) {
        continue;
      }
      assertThat(verify(base64(Arrays.copyOf(bytes, length))))
          .as("length %d", length)
          .isInstanceOf(Rejected.class);
    }
  }

  private static Verification verify(String text) {
    return PaymentCodes.verify(text, TRUSTED, NETWORK, NOW);
  }

  private static Verification verifyAt(String text, Instant now) {
    return PaymentCodes.verify(text, TRUSTED, NETWORK, now);
  }

  /** The encoding of {@code changed}, carrying the signature of {@code genuine}. */
  private static byte[] withSignatureOf(byte[] genuine, PaymentCode changed) {
    byte[] signature = Arrays.copyOfRange(genuine, genuine.length - 64, genuine.length);
    return concat(PayloadFormat.unsignedBytes(changed, NETWORK_KEY.id()), signature);
  }

  /** Any bytes, signed the way {@link PaymentCodes#sign} signs a real code. */
  private static byte[] signedRaw(byte[] unsigned, SigningKey key) {
    return concat(unsigned, key.sign(PayloadFormat.signingInput(unsigned, unsigned.length)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
