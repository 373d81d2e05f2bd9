package coop.sol.web.page.association;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Volunteer time as people say it: hours and minutes, not a count of minutes. */
class DurationTest {
  @Test
  void minutes_read_as_hours_and_minutes() {
    assertThat(AssociationPages.duration(45)).isEqualTo("45 min");
    assertThat(AssociationPages.duration(60)).isEqualTo("1 h");
    assertThat(AssociationPages.duration(150)).isEqualTo("2 h 30");
    assertThat(AssociationPages.duration(605)).isEqualTo("10 h 05");
  }
}
