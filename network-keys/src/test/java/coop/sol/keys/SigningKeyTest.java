package coop.sol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  private static final byte[] MESSAGE = "pay 12.50".getBytes(StandardCharsets.US_ASCII);

  @Test
  void generatedKeySignsWhatItsPublicHalfVerifies() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    NetworkKey publicKey = key.networkKey();

    byte[] signature = key.sign(MESSAGE);

    assertThat(signature).hasSize(SigningKey.SIGNATURE_LENGTH);
    assertThat(publicKey.verifies(MESSAGE, signature)).isTrue();
    assertThat(publicKey.verifies("pay 99.50".getBytes(StandardCharsets.US_ASCII), signature))
        .isFalse();
    assertThat(publicKey.verifies(MESSAGE, new byte[10])).isFalse();
    assertThat(SigningKey.generate(new SecureRandom()).networkKey().verifies(MESSAGE, signature))
        .isFalse();
  }

  @Test
  void keyIdIsTheStartOfTheSha256OfThePublicKey() {
    // RFC 8032 test vector 1: this secret key has this public key.
    byte[] secret =
        HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    SigningKey key = SigningKey.of(secret);

    assertThat(key.networkKey().toBase64Url())
        .isEqualTo(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    HexFormat.of()
                        .parseHex(
                            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));
    // sha256(d75a...511a) starts with 21fe31df (computed independently with sha256sum).
    assertThat(key.id()).hasToString("21fe31df");
    assertThat(KeyId.fromHex("21fe31df")).isEqualTo(key.id());
  }

  @Test
  void toStringNeverShowsThePrivateKey() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    byte[] secret = key.privateKey();

    assertThat(key.toString())
        .contains(key.id().toString())
        .doesNotContain(HexFormat.of().formatHex(secret))
        .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  @Test
  void refusesAnIdThatIsNotItsOwn() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    KeyId wrong = new KeyId(key.id().value() + 1);

    assertThatThrownBy(() -> new SigningKey(wrong, key.privateKey()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NetworkKey(wrong, key.networkKey().publicKey()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicKeyOffTheCurveIsRefused() {
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2; // y = 2^252 + 2 has no x on edwards25519
    notAPoint[31] = 0x10;

    assertThatThrownBy(() -> NetworkKey.of(notAPoint)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyBytesCannotBeChangedFromOutside() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    key.privateKey()[0] ^= 1;
    key.networkKey().publicKey()[0] ^= 1;

    assertThat(key.networkKey().verifies(MESSAGE, key.sign(MESSAGE))).isTrue();
  }

  @Test
  void publicKeyRoundTripsThroughItsTextForm() {
    NetworkKey key = SigningKey.generate(new SecureRandom()).networkKey();

    assertThat(NetworkKey.fromBase64Url(key.toBase64Url())).isEqualTo(key);
  }

  @Test
  void theTextFormIsOnlyTheCanonicalUnpaddedBase64Url() {
    // RFC 8032 test vector 1's public key, as GET /api/v1/networks/{id}/keys publishes it
    String published = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    NetworkKey key = NetworkKey.fromBase64Url(published);

    assertThat(key.id()).hasToString("21fe31df");
    for (String other :
        List.of(
            published + "=",
            " " + published,
            "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            // same bytes, but a non-zero unused bit in the last character
            "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "21fe31df")) {
      assertThatThrownBy(() -> NetworkKey.fromBase64Url(other))
          .as(other)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void trustedKeysFindByIdAndRefuseKeysFiledUnderAnotherId() {
    NetworkKey current = SigningKey.generate(new SecureRandom()).networkKey();
    NetworkKey previous = SigningKey.generate(new SecureRandom()).networkKey();
    TrustedKeys trusted = TrustedKeys.of(current, previous, current);

    assertThat(trusted.find(current.id())).contains(current);
    assertThat(trusted.find(previous.id())).contains(previous);
    assertThat(trusted.find(new KeyId(current.id().value() ^ 1))).isEmpty();
    assertThatThrownBy(() -> new TrustedKeys(Map.of(previous.id(), current)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
