package coop.sol.ledger.exchange;

import java.util.OptionalLong;

/**
 * What a network sets its exchange offices' sales to, in euro minor units (cents).
 *
 * @param confirmAbove above this, a sale asks the agent to confirm it (the pages' safety net, not a
 *     ledger rule); empty: never
 * @param dailyLimit the most euros one office may take in one day, in the network's time zone (the
 *     ledger refuses a sale beyond it: OFFICE_DAILY_LIMIT_EXCEEDED); empty: no limit
 */
public record ExchangeLimits(OptionalLong confirmAbove, OptionalLong dailyLimit) {
  public static final ExchangeLimits NONE =
      new ExchangeLimits(OptionalLong.empty(), OptionalLong.empty());

  public ExchangeLimits {
    if (confirmAbove.isPresent() && confirmAbove.getAsLong() <= 0
        || dailyLimit.isPresent() && dailyLimit.getAsLong() <= 0) {
      throw new IllegalArgumentException("limits are > 0 when set");
    }
  }

  /** Whether a sale of {@code euros} (minor units) asks for confirmation. */
  public boolean asksConfirmation(long euros) {
    return confirmAbove.isPresent() && euros > confirmAbove.getAsLong();
  }
}
