package coop.sol.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WholeNumbersTest {
  private final WholeNumbers.Editor longs = new WholeNumbers.Editor(Long::parseLong, 19, true);
  private final WholeNumbers.Editor ints = new WholeNumbers.Editor(Integer::parseInt, 10, false);

  @Test
  void ascii_digits_with_an_optional_minus_are_numbers() {
    assertThat(value(longs, "3")).isEqualTo(3L);
    assertThat(value(longs, "-5")).isEqualTo(-5L);
    assertThat(value(longs, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(value(ints, "200")).isEqualTo(200);
    assertThat(value(longs, "")).isNull();
  }

  @Test
  void every_other_spelling_is_refused() {
    for (String text :
        new String[] {
          "٣",
          "３",
          "0x3",
          "#3",
          "+3",
          " 3",
          "3 ",
          "1 2",
          "3.0",
          "3e0",
          "-",
          "--3",
          "9223372036854775808",
          "99999999999999999999"
        }) {
      assertThatThrownBy(() -> longs.setAsText(text))
          .as("'%s'", text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ints.setAsText("2147483648"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ints.setAsText("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ints.setAsText("٣")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Object value(WholeNumbers.Editor editor, String text) {
    editor.setAsText(text);
    return editor.getValue();
  }
}
