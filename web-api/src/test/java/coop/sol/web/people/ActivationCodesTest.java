package coop.sol.web.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationCodesTest {
  @Test
  void codes_are_grouped_without_look_alikes_and_read_back_however_typed() {
    SecureRandom random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = ActivationCodes.generate(random);
      assertThat(code).matches("[A-HJKMNP-TV-Z2-9]{4}(-[A-HJKMNP-TV-Z2-9]{4}){3}");
      assertThat(seen.add(code)).isTrue();
      String typed = code.toLowerCase().replace("-", " ");
      assertThat(ActivationCodes.normalise(typed)).contains(code.replace("-", ""));
      assertThat(ActivationCodes.hash(ActivationCodes.normalise(typed).orElseThrow()))
          .isEqualTo(ActivationCodes.hash(code.replace("-", "")))
          .hasSize(32);
    }
  }

  @Test
  void what_cannot_be_a_code_is_refused_before_any_lookup() {
    assertThat(ActivationCodes.normalise(null)).isEmpty();
    assertThat(ActivationCodes.normalise("x")).isEmpty();
    assertThat(ActivationCodes.normalise("ABCD-EFGH-JKMN-PQR")).isEmpty();
    assertThat(ActivationCodes.normalise("ABCD-EFGH-JKMN-PQRS-T")).isEmpty();
    assertThat(ActivationCodes.normalise("ABCD-EFGH-JKMN-PQR!")).isEmpty();
    assertThat(ActivationCodes.normalise("A".repeat(100))).isEmpty();
  }
}
