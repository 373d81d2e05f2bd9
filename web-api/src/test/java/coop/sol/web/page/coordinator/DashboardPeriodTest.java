package coop.sol.web.page.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The dashboard's date follows the period chosen, whatever the form still held. */
class DashboardPeriodTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  @Test
  void a_month_chosen_as_a_day_becomes_a_day_of_it() {
    assertThat(DashboardPage.fitted("day", "2026-12", TODAY)).isEqualTo("2026-12-02");
    assertThat(DashboardPage.fitted("day", "2026-03", TODAY)).isEqualTo("2026-03-01");
    assertThat(DashboardPage.fitted("day", "2025", TODAY)).isEqualTo("2025-01-01");
    assertThat(DashboardPage.fitted("day", "2026-11-30", TODAY)).isEqualTo("2026-11-30");
    // the day's period parses what the form now holds
    assertThat(DashboardPage.period("day", DashboardPage.fitted("day", "2026-03", TODAY), TODAY))
        .isNotNull();
  }

  @Test
  void a_day_chosen_as_a_month_or_a_year_keeps_its_month_or_year() {
    assertThat(DashboardPage.fitted("month", "2026-03-15", TODAY)).isEqualTo("2026-03");
    assertThat(DashboardPage.fitted("month", "2026", TODAY)).isEqualTo("2026-12");
    assertThat(DashboardPage.fitted("month", "2024", TODAY)).isEqualTo("2024-01");
    assertThat(DashboardPage.fitted("year", "2026-03-15", TODAY)).isEqualTo("2026");
    assertThat(DashboardPage.fitted("year", "2025-07", TODAY)).isEqualTo("2025");
    // what is not a date is the parser's to refuse
    assertThat(DashboardPage.fitted("day", "hier", TODAY)).isEqualTo("hier");
  }
}
