package coop.sol.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.web.problem.ApiProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class DatesTest {

  @Test
  void iso_dates_within_1900_to_9999_are_taken() {
    assertThat(Dates.day("d", "2026-03-14")).isEqualTo(LocalDate.of(2026, 3, 14));
    assertThat(Dates.day("d", "1900-01-01")).isEqualTo(Dates.FIRST_DAY);
    assertThat(Dates.day("d", "9999-12-31")).isEqualTo(Dates.LAST_DAY);
    assertThat(Dates.month("m", "2026-03")).isEqualTo(YearMonth.of(2026, 3));
    assertThat(Dates.year("y", "2026")).isEqualTo(Year.of(2026));
    assertThat(Dates.instant("i", "2026-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(Dates.instant("i", "9999-12-31T23:59:59.999Z")).isNotNull();
    assertThat(Dates.days("p", "2026-01-01..2026-04-01"))
        .isEqualTo(new Dates.Days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1)));
  }

  @Test
  void anything_else_is_invalid_period_naming_the_parameter() {
    refused(() -> Dates.instant("from", "+999999999-12-31T23:59:59Z"), "from");
    refused(() -> Dates.instant("to", "-999999999-01-01T00:00:00Z"), "to");
    refused(() -> Dates.instant("to", "1899-12-31T23:59:59Z"), "to");
    refused(() -> Dates.instant("to", "+10000-01-01T00:00:00Z"), "to");
    refused(() -> Dates.instant("to", "2026-01-01"), "to");
    refused(() -> Dates.day("date", "1899-12-31"), "date");
    refused(() -> Dates.day("date", "+10000-01-01"), "date");
    refused(() -> Dates.day("date", "0000-01-01"), "date");
    refused(() -> Dates.day("date", "2026-02-30"), "date");
    refused(() -> Dates.day("date", "٢٠٢٦-٠١-٠١"), "date");
    refused(() -> Dates.day("date", null), "date");
    refused(() -> Dates.month("date", "1899-12"), "date");
    refused(() -> Dates.year("date", "1899"), "date");
    refused(() -> Dates.year("date", "+99999"), "date");
    refused(() -> Dates.days("period", "2026-04-01..2026-01-01"), "period");
    refused(() -> Dates.days("period", "2026-01-01..2026-01-01"), "period");
    refused(() -> Dates.days("period", "1000-01-01..2026-01-01"), "period");
    refused(() -> Dates.days("period", "2026-01-01"), "period");
    refused(() -> Dates.days("period", null), "period");
    refused(() -> Dates.supported("expiresAt", Instant.MAX), "expiresAt");
  }

  private static void refused(Runnable parse, String field) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_PERIOD");
              assertThat(e.status().value()).isEqualTo(400);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.detail()).startsWith(field + " : ");
            });
  }
}
