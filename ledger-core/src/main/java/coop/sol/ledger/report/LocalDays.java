package coop.sol.ledger.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The local date of instants in one time zone, remembering the bounds of the last day found:
 * journal rows come roughly in time order, so most rows fall in the same day as the previous one.
 */
final class LocalDays {
  private final ZoneId zone;
  private LocalDate day;
  private Instant dayStart = Instant.MAX;
  private Instant dayEnd = Instant.MIN;

  LocalDays(ZoneId zone) {
    this.zone = zone;
  }

  LocalDate of(Instant t) {
    if (t.isBefore(dayStart) || !t.isBefore(dayEnd)) {
      day = t.atZone(zone).toLocalDate();
      dayStart = day.atStartOfDay(zone).toInstant();
      dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return day;
  }
}
