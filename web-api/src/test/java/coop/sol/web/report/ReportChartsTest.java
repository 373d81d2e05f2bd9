package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circulation chart's date axis ticks on whole days, so that no date repeats. */
class ReportChartsTest {
  @Test
  void the_date_axis_never_ticks_more_often_than_once_a_day() {
    var units = ReportCharts.dayTickUnits();
    // the smallest unit the axis may choose, even for an hour-long range
    assertThat(units.getCeilingTickUnit(1.0).getSize())
        .isEqualTo((double) Duration.ofDays(1).toMillis());
    assertThat(units.getCeilingTickUnit(Duration.ofHours(3).toMillis()).getSize())
        .isEqualTo((double) Duration.ofDays(1).toMillis());
  }
}
