package coop.sol.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link Instant} as {@link DateTimeFormatter#ISO_INSTANT} does, and as Jackson did
 * before ({@code 2026-12-05T23:18:34.261708Z}: UTC, the fraction in groups of three digits and only
 * when not zero), without building a formatter's context and a string for each one. Every line of a
 * history page carries its time, and the formatter was a fortieth of the application's CPU on
 * history reads (async-profiler, BENCHMARKS.md). Years outside 0000–9999 are rare enough to go
 * through the formatter.
 */
final class InstantJson extends StdSerializer<Instant> {
  /** 10000-01-01T00:00:00Z: from there on, years take five digits and a sign. */
  private static final long YEAR_10000 = 253_402_300_800L;

  /** 0000-01-01T00:00:00Z. */
  private static final long YEAR_0 = -62_167_219_200L;

  private static final int SECONDS_PER_DAY = 86_400;

  InstantJson() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator json, SerializationContext context) {
    long seconds = value.getEpochSecond();
    if (seconds < YEAR_0 || seconds >= YEAR_10000) {
      json.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
      return;
    }
    char[] text = new char[30];
    int length = write(seconds, value.getNano(), text);
    json.writeString(text, 0, length);
  }

  /** Writes the instant into {@code text} (30 chars at least); returns how many it took. */
  private static int write(long seconds, int nanos, char[] text) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    digits(text, 0, day.getYear(), 4);
    text[4] = '-';
    digits(text, 5, day.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, day.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, second / 3600, 2);
    text[13] = ':';
    digits(text, 14, second / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, second % 60, 2);
    int at = 19;
    if (nanos > 0) {
      text[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        digits(text, at, nanos / 1_000_000, 3);
        at += 3;
      } else if (nanos % 1_000 == 0) {
        digits(text, at, nanos / 1_000, 6);
        at += 6;
      } else {
        digits(text, at, nanos, 9);
        at += 9;
      }
    }
    text[at++] = 'Z';
    return at;
  }

  /** {@code value} (≥ 0) in {@code width} decimal digits, zeros first. */
  private static void digits(char[] text, int from, int value, int width) {
    for (int at = from + width - 1; at >= from; at--) {
      text[at] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
