package coop.sol.ledger.transfer;

import java.time.Duration;

/**
 * Tuning of the write path.
 *
 * @param maxBatch most transfers decided and committed together
 * @param queueCapacity most submissions waiting per network; beyond it callers get LEDGER_BUSY
 * @param linger how long the writer waits for more submissions when the queue holds fewer than
 *     maxBatch; zero commits what is there at once (batches then form while the last commit runs)
 * @param idleRelease after this long without submissions the writer gives its connection (and the
 *     network's advisory lock) back, so that quiet networks hold no database connection
 */
public record WriterSettings(int maxBatch, int queueCapacity, Duration linger, Duration idleRelease) {

  public static final WriterSettings DEFAULTS =
      new WriterSettings(1_000, 20_000, Duration.ZERO, Duration.ofSeconds(10));

  public WriterSettings {
    if (maxBatch < 1 || queueCapacity < 1 || linger.isNegative() || idleRelease.isNegative()) {
      throw new IllegalArgumentException("invalid writer settings");
    }
  }
}
