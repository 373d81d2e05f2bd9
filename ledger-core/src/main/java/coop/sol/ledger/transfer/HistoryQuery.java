package coop.sol.ledger.transfer;

import java.time.Instant;
import java.util.Set;

/**
 * A page of an account's history, newest first.
 *
 * @param before cursor: only transfers with a smaller id (null = from the newest)
 * @param from inclusive lower bound on the time (null = none)
 * @param to exclusive upper bound on the time (null = none)
 * @param codes only these codes (empty = all)
 * @param limit page size, 1 to 500
 */
public record HistoryQuery(
    TransferId before, Instant from, Instant to, Set<TransferCode> codes, int limit) {
  public HistoryQuery {
    codes = codes == null ? Set.of() : Set.copyOf(codes);
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit is 1 to 500");
    }
  }

  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(null, null, null, Set.of(), limit);
  }
}
