package coop.sol.ledger.db;

import java.util.Collections;

/**
 * The placeholders of a list in SQL text written out ({@code IN (?, ?, ?)}), for the stores' hot
 * reads that bind one scalar per value: PostgreSQL cannot tell an array parameter's length from a
 * cached plan, so it plans {@code = any(?)} again on every execution.
 */
public final class Placeholders {
  private Placeholders() {}

  /** {@code count} placeholders separated by commas; {@code count} is at least 1. */
  public static String of(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("an SQL list needs at least one value: " + count);
    }
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
