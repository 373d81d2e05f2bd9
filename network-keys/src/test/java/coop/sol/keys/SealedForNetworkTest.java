package coop.sol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class SealedForNetworkTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PIN = "4821".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTEXT = "charge till-card-1".getBytes(StandardCharsets.US_ASCII);

  @Test
  void the_ed25519_key_maps_to_x25519_as_libsodium_maps_it() {
    // libsodium test/default/ed25519_convert.c and .exp
    SigningKey key =
        SigningKey.of(
            HEX.parseHex("421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee"));
    assertThat(HEX.formatHex(key.networkKey().publicKey()))
        .isEqualTo("b5076a8474a832daee4dd5b4040983b6623b5f344aca57d4d6ee4baf3f259e6e");
    assertThat(HEX.formatHex(SealedForNetwork.x25519PublicKey(key.networkKey())))
        .isEqualTo("f1814f0e8ff1043d8a44d25babff3cedcae6c22c3edaa48f857ae70de2baae50");
    assertThat(HEX.formatHex(SealedForNetwork.x25519PrivateKey(key)))
        .isEqualTo("8052030376d47112be7f73ed7a019293dd12ad910b654455798b4667d73de166");
  }

  @Test
  void both_halves_map_to_one_x25519_key_pair() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 50; i++) {
      SigningKey key = SigningKey.generate(random);
      byte[] scalar = SealedForNetwork.x25519PrivateKey(key);
      assertThat(new X25519PrivateKeyParameters(scalar, 0).generatePublicKey().getEncoded())
          .isEqualTo(SealedForNetwork.x25519PublicKey(key.networkKey()));
    }
  }

  @Test
  void only_the_network_key_with_the_same_context_opens_it_and_any_change_is_refused() {
    SecureRandom random = new SecureRandom();
    SigningKey network = SigningKey.generate(random);
    String sealed = SealedForNetwork.seal(network.networkKey(), PIN, CONTEXT, random);

    assertThat(sealed).doesNotContain("4821");
    assertThat(SealedForNetwork.keyId(sealed)).contains(network.id());
    assertThat(SealedForNetwork.open(network, sealed, CONTEXT)).hasValue(PIN);
    // sealed twice, two different texts (a fresh ephemeral key and nonce each time)
    assertThat(SealedForNetwork.seal(network.networkKey(), PIN, CONTEXT, random))
        .isNotEqualTo(sealed);

    assertThat(SealedForNetwork.open(SigningKey.generate(random), sealed, CONTEXT)).isEmpty();
    assertThat(
            SealedForNetwork.open(
                network, sealed, "charge till-card-2".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
    byte[] bytes = Base64.getUrlDecoder().decode(sealed);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x01;
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      assertThat(SealedForNetwork.open(network, text, CONTEXT)).as("byte %d", i).isEmpty();
    }
    assertThat(SealedForNetwork.open(network, "not sealed", CONTEXT)).isEmpty();
    assertThat(SealedForNetwork.open(network, null, CONTEXT)).isEmpty();
  }
}
