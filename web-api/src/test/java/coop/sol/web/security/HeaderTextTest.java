package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderTextTest {

  @Test
  void decidesEveryCodePointAsSpringSecurity() {
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      String text = "a" + Character.toString(codePoint) + "b";
      assertThat(HeaderText.isAllowedName(text))
          .as("name with U+%04X", codePoint)
          .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
      assertThat(HeaderText.isAllowedValue(text))
          .as("value with U+%04X", codePoint)
          .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
    }
  }

  @Test
  void decidesMixedTextAsSpringSecurity() {
    // printable ASCII, tabs and other controls, Latin-1, unassigned code points, and surrogates
    // alone, in pairs and reversed
    List<Integer> interesting =
        List.of(
            (int) 'B',
            (int) ' ',
            (int) '~',
            0x7F,
            (int) '\t',
            (int) '\n',
            0x00,
            0x85,
            0xA0,
            0xE9,
            0x0378,
            0x2028,
            0xFFFF,
            0xD83D,
            0xDE00,
            0xDBFF,
            0xDC00);
    qt().withExamples(20_000)
        .forAll(lists().of(integers().between(0, interesting.size() - 1)).ofSizeBetween(0, 8))
        .checkAssert(
            picks -> {
              var text = new StringBuilder();
              picks.forEach(i -> text.append((char) (int) interesting.get(i)));
              String s = text.toString();
              assertThat(HeaderText.isAllowedName(s))
                  .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(s));
              assertThat(HeaderText.isAllowedValue(s))
                  .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
            });
  }

  @Test
  void aBearerTokenPassesAndALineBreakDoesNot() {
    assertThat(HeaderText.isAllowedValue("Bearer sol_pat_tpmbQ3lsFFRM-iE7_G3FRFooiTqXnV99YI0k"))
        .isTrue();
    assertThat(HeaderText.isAllowedValue("Bearer x\r\nSet-Cookie: a=b")).isFalse();
    assertThat(HeaderText.isAllowedValue("a\tb")).isTrue();
    assertThat(HeaderText.isAllowedName("a\tb")).isFalse();
  }
}
