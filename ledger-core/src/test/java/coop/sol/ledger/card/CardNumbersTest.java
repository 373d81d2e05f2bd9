package coop.sol.ledger.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CardNumbersTest {
  @Test
  void luhn_check_digit_of_a_published_example() {
    // the example of ISO/IEC 7812-1 Annex B as widely quoted: 7992739871 has check digit 3
    assertThat(CardNumbers.checkDigit("7992739871")).isEqualTo(3);
  }

  @Test
  void a_new_number_is_valid_and_a_typo_or_swap_is_not() {
    var random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      String n = CardNumbers.next(random);
      assertThat(CardNumbers.valid(n)).isTrue();
      assertThat(CardNumbers.valid(CardNumbers.grouped(n))).isTrue();
      char[] typo = n.toCharArray();
      typo[5] = (char) ('0' + (typo[5] - '0' + 1) % 10);
      assertThat(CardNumbers.valid(new String(typo))).isFalse();
    }
    assertThat(CardNumbers.valid("12345")).isFalse();
    assertThat(CardNumbers.valid(null)).isFalse();
  }

  @Test
  void a_pin_is_four_to_six_digits_and_never_printed() {
    assertThat(Pin.of("123")).isEmpty();
    assertThat(Pin.of("1234567")).isEmpty();
    assertThat(Pin.of("12a4")).isEmpty();
    assertThat(Pin.of("١٢٣٤")).as("ASCII digits only").isEmpty();
    assertThat(Pin.of("000000")).isPresent();
    assertThat(Pin.of("4821").orElseThrow().toString()).doesNotContain("4821");
  }

  @Test
  void a_pin_hash_is_argon2id_salted_and_checks_only_its_pin() {
    var hashes = new PinHash(new SecureRandom());
    Pin pin = Pin.of("4821").orElseThrow();
    String one = hashes.hash(pin);
    String two = hashes.hash(pin);
    assertThat(one).startsWith("$argon2id$v=19$m=16384,t=2,p=1$").isNotEqualTo(two);
    assertThat(PinHash.matches(pin, one)).isTrue();
    assertThat(PinHash.matches(Pin.of("4822").orElseThrow(), one)).isFalse();
  }
}
