package coop.sol.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import coop.sol.web.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

class FreeTextTest {

  @Test
  void text_as_people_type_it_is_taken() {
    for (String text :
        new String[] {
          "", "Pain", "Café crème", "l'épicerie « bio »", "🥖 𝔖𝔒𝔏", "١٢٣", "\u00A0x"
        }) {
      assertThat(FreeText.check("memo", text)).isEqualTo(text);
    }
    assertThat(FreeText.check("memo", null)).isNull();
  }

  @Test
  void control_characters_and_lone_surrogates_are_invalid_text() {
    for (String text :
        new String[] {
          "a\u0000b",
          "a\u0001",
          "\u001Fx",
          "x\u007F",
          "\u0085",
          "\u009F",
          "a\ud800b",
          "\udc00",
          "b\ud83e",
          "a\nb",
          "a\r\nb",
          "a\tb",
          "a\rb"
        }) {
      assertThatThrownBy(() -> FreeText.check("memo", text))
          .as("%s", text.chars().boxed().toList())
          .isInstanceOfSatisfying(
              ApiProblemException.class,
              e -> {
                assertThat(e.code()).isEqualTo("INVALID_TEXT");
                assertThat(e.field()).isEqualTo("memo");
              });
    }
  }

  @Test
  void paragraphs_take_line_breaks_and_tabs_but_nothing_else() {
    assertThat(FreeText.check("reason", "Erreur de caisse.\r\nMontant doublé.\n\tVoir ticket"))
        .isNotNull();
    assertThat(FreeText.check("legs.0.reason", "a\nb")).isNotNull();
    for (String text : new String[] {"a\u0000b", "a\rb", "a\u000Bb", "a\ud800"}) {
      assertThatThrownBy(() -> FreeText.check("reason", text))
          .isInstanceOf(ApiProblemException.class);
    }
  }

  @Test
  void any_string_is_valid_exactly_when_it_has_no_control_character_nor_lone_surrogate() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 12))
        .check(
            text -> {
              boolean expected =
                  text.codePoints()
                      .noneMatch(
                          c ->
                              Character.getType(c) == Character.CONTROL
                                  || Character.getType(c) == Character.SURROGATE);
              return FreeText.isValid(text, false) == expected;
            });
  }
}
