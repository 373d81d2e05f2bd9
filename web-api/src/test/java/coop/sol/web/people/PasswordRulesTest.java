package coop.sol.web.people;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.people.PasswordRules.Reason;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {
  private final PasswordRules rules = new PasswordRules();

  @Test
  void the_list_of_common_passwords_is_the_real_one() {
    assertThat(rules.commonPasswordCount()).isGreaterThan(29_000);
  }

  @Test
  void a_long_password_of_ones_own_passes() {
    assertThat(rules.check("marie", "trois chats sur le toit de la gare")).isEmpty();
  }

  @Test
  void each_rule_gives_its_reason() {
    assertThat(rules.check("marie", "court")).containsExactly(Reason.TOO_SHORT);
    assertThat(rules.check("marie", "x".repeat(201))).containsExactly(Reason.TOO_LONG);
    assertThat(rules.check("marie", "qwerty123456")).containsExactly(Reason.COMMON);
    assertThat(rules.check("marie", "QWERTY123456"))
        .as("whatever the case")
        .contains(Reason.COMMON);
    assertThat(rules.check("marie.dupont", "je suis MARIE.DUPONT ici"))
        .containsExactly(Reason.CONTAINS_USERNAME);
    assertThat(rules.check("marie", "eiram est mon nom a l'envers"))
        .as("nor backwards")
        .containsExactly(Reason.CONTAINS_USERNAME);
    assertThat(rules.check("marie", "marie")).contains(Reason.TOO_SHORT, Reason.CONTAINS_USERNAME);
  }
}
