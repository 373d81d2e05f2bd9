package coop.sol.ledger.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

  @ParameterizedTest
  @CsvSource({
    "12.50, 2, 1250",
    "12.5, 2, 1250",
    "12, 2, 1200",
    "0.01, 2, 1",
    "-3.07, 2, -307",
    "7, 0, 7",
    "0.000001, 6, 1",
    "92233720368547758.07, 2, 9223372036854775807"
  })
  void parses_exactly(String text, int scale, long minorUnits) {
    assertThat(Decimals.parse(text, scale)).isEqualTo(minorUnits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 1",
        "1 ",
        "1,50",
        "1.505",
        "1e2",
        "+1",
        "0x10",
        "1.",
        ".5",
        "--1",
        "NaN",
        "١٢",
        "92233720368547758.08",
        "9999999999999999999"
      })
  void refuses_what_is_not_a_plain_amount(String text) {
    assertThatThrownBy(() -> Decimals.parse(text, 2))
        .isInstanceOf(Decimals.InvalidDecimalException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "-1.00"})
  void an_amount_is_strictly_positive(String text) {
    assertThatThrownBy(() -> Decimals.parseAmount(text, 2))
        .isInstanceOf(Decimals.InvalidDecimalException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1250, 2, 12.50",
    "1, 2, 0.01",
    "-5, 2, -0.05",
    "0, 2, 0.00",
    "7, 0, 7",
    "-9223372036854775808, 2, -92233720368547758.08"
  })
  void formats_with_exactly_the_scale(long minorUnits, int scale, String text) {
    assertThat(Decimals.format(minorUnits, scale)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 99, 100, 101, 123456789, -1, -100, Long.MAX_VALUE})
  void format_then_parse_is_the_identity(long minorUnits) {
    assertThat(Decimals.parse(Decimals.format(minorUnits, 2), 2)).isEqualTo(minorUnits);
  }
}
