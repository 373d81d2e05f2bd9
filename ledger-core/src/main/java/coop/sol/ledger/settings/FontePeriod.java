package coop.sol.ledger.settings;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A fonte period: the calendar days from {@code start} (included) to {@code end} (excluded), in the
 * time zone of the strand's fonte rule. It is also the idle window: an account is charged for the
 * period if it made no outgoing payment during it.
 */
public record FontePeriod(LocalDate start, LocalDate end) {
  public FontePeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a period ends after it starts: " + start + ".." + end);
    }
  }

  @Override
  public String toString() {
    return start + ".." + end;
  }
}
