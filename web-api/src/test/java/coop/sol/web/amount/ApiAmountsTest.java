package coop.sol.web.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import coop.sol.ledger.money.Decimals;
import coop.sol.web.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

class ApiAmountsTest {

  @Test
  void plain_decimals_are_parsed_exactly() {
    assertThat(ApiAmounts.parse("12.50", 2).minorUnits()).isEqualTo(1250);
    assertThat(ApiAmounts.parse("12.5", 2).minorUnits()).isEqualTo(1250);
    assertThat(ApiAmounts.parse("12", 2).minorUnits()).isEqualTo(1200);
    assertThat(ApiAmounts.parse("0.01", 2).minorUnits()).isEqualTo(1);
    assertThat(ApiAmounts.parse("7", 0).minorUnits()).isEqualTo(7);
    assertThat(ApiAmounts.parse("999999999999.99", 2).minorUnits()).isEqualTo(99999999999999L);
    assertThat(ApiAmounts.parseNonNegative("0", 2)).isZero();
    assertThat(ApiAmounts.parseNonNegative("0.00", 2)).isZero();
    assertThat(ApiAmounts.parse("1.5", 2).minorUnits()).isEqualTo(150);
    assertThat(ApiAmounts.parse("1", 2).minorUnits()).isEqualTo(100);
    assertThat(ApiAmounts.parse("0.10", 2).minorUnits()).isEqualTo(10);
  }

  @Test
  void a_leading_zero_is_refused_for_a_limit_too() {
    for (String text : new String[] {"00", "01", "00.00", "+0", ".0"}) {
      assertThatThrownBy(() -> ApiAmounts.parseNonNegative(text, 2))
          .as("'%s'", text)
          .isInstanceOf(ApiProblemException.class);
    }
  }

  @Test
  void every_invalid_form_is_invalid_amount() {
    String[] invalid = {
      "0",
      "0.00",
      "-1.00",
      "-0.01",
      "+1.00",
      "abc",
      "1e3",
      "1E3",
      " 12.50",
      "12.50 ",
      "12 .50",
      "12.501",
      "1,50",
      "1 000",
      "1_000",
      "12.",
      ".5",
      "",
      "NaN",
      "Infinity",
      "0x10",
      "１２",
      "1000000000000",
      "1000000000000.00",
      "99999999999999999999",
      "12.5.0",
      "--1",
      "٣",
      // one spelling per amount: no leading zero, sign, bare dot, space, exponent or other digits
      "01.50",
      "00.01",
      "007",
      "+1",
      "1.",
      ".5",
      " 1",
      "1 ",
      "1e2",
      "١",
      "١.٥٠",
      "1.٥"
    };
    for (String text : invalid) {
      assertThatThrownBy(() -> ApiAmounts.parse(text, 2))
          .as("'%s'", text)
          .isInstanceOfSatisfying(
              ApiProblemException.class, e -> assertThat(e.code()).isEqualTo("INVALID_AMOUNT"));
    }
    assertThatThrownBy(() -> ApiAmounts.parse(null, 2)).isInstanceOf(ApiProblemException.class);
    assertThatThrownBy(() -> ApiAmounts.parse("1.5", 0)).isInstanceOf(ApiProblemException.class);
  }

  @Test
  void formatting_then_parsing_gives_back_every_positive_amount_at_every_scale() {
    qt().forAll(longs().between(1, 999_999_999_999L), integers().between(0, 6))
        .check(
            (minorUnits, scale) -> {
              String text = Decimals.format(minorUnits, scale);
              return ApiAmounts.parse(text, scale).minorUnits() == minorUnits;
            });
  }

  @Test
  void arbitrary_text_is_either_a_positive_amount_or_an_invalid_amount_problem() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 24))
        .check(
            text -> {
              try {
                return ApiAmounts.parse(text, 2).minorUnits() > 0
                    && text.matches("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?");
              } catch (ApiProblemException e) {
                return e.code().equals("INVALID_AMOUNT");
              }
            });
  }

  @Test
  void typed_amounts_take_a_decimal_comma_or_dot() {
    assertThat(ApiAmounts.parse(ApiAmounts.typed(" 12,50 "), 2).minorUnits()).isEqualTo(1250);
    assertThat(ApiAmounts.parse(ApiAmounts.typed("12.50"), 2).minorUnits()).isEqualTo(1250);
    assertThat(ApiAmounts.parse(ApiAmounts.typed("7"), 2).minorUnits()).isEqualTo(700);
    assertThat(ApiAmounts.typed(null)).isNull();
    // grouping or both separators stay as typed, and the API's rules refuse them
    assertThatThrownBy(() -> ApiAmounts.parse(ApiAmounts.typed("1,234,50"), 2))
        .isInstanceOf(ApiProblemException.class);
    assertThatThrownBy(() -> ApiAmounts.parse(ApiAmounts.typed("1.234,50"), 2))
        .isInstanceOf(ApiProblemException.class);
  }
}
