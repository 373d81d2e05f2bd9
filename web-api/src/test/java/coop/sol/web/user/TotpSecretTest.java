package coop.sol.web.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TotpSecretTest {

  @Test
  void base32_matches_the_rfc_4648_test_vectors_without_padding() {
    assertThat(base32("")).isEmpty();
    assertThat(base32("f")).isEqualTo("MY");
    assertThat(base32("fo")).isEqualTo("MZXQ");
    assertThat(base32("foo")).isEqualTo("MZXW6");
    assertThat(base32("foob")).isEqualTo("MZXW6YQ");
    assertThat(base32("fooba")).isEqualTo("MZXW6YTB");
    assertThat(base32("foobar")).isEqualTo("MZXW6YTBOI");
  }

  @Test
  void a_secret_is_160_random_bits_in_32_base32_characters_as_the_schema_requires() {
    var random = new SecureRandom();
    String secret = TotpSecret.generate(random);

    assertThat(secret).hasSize(32).matches("[A-Z2-7]{16,128}");
    assertThat(TotpSecret.generate(random)).isNotEqualTo(secret);
  }

  private static String base32(String text) {
    return TotpSecret.base32(text.getBytes(StandardCharsets.US_ASCII));
  }
}
