package coop.sol.ledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void a_list_has_one_placeholder_per_value_and_never_none() {
    assertThat(Placeholders.of(1)).isEqualTo("?");
    assertThat(Placeholders.of(3)).isEqualTo("?, ?, ?");
    assertThatThrownBy(() -> Placeholders.of(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
