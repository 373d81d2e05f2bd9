package coop.sol.ledger.transfer;

import java.time.Duration;

/**
 * Tuning of the write path.
 *
 * @param maxBatch most transfers decided and committed together
 * @param queueCapacity most submissions waiting per network; beyond it callers get LEDGER_BUSY
 * @param linger how long the writer waits for more submissions when the queue holds fewer than
 *     maxBatch; zero commits what is there at once (batches then form while the last commit runs)
 * @param idleRelease after this long without submissions the writer gives its connection back, so
 *     that quiet networks hold no database connection
 * @param answerTimeout how long a caller waits for the outcome of what it submitted, whatever the
 *     door or the operation; past it the answer is {@code LEDGER_TIMEOUT} (the transfer may still
 *     post: a retry with the same key tells)
 */
public record WriterSettings(
    int maxBatch,
    int queueCapacity,
    Duration linger,
    Duration idleRelease,
    Duration answerTimeout) {

  /** The answer timeout of {@link #DEFAULTS}. */
  public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(10);

  public static final WriterSettings DEFAULTS =
      new WriterSettings(1_000, 20_000, Duration.ZERO, Duration.ofSeconds(10));

  public WriterSettings {
    if (maxBatch < 1
        || queueCapacity < 1
        || linger.isNegative()
        || idleRelease.isNegative()
        || answerTimeout.isNegative()
        || answerTimeout.isZero()) {
      throw new IllegalArgumentException("invalid writer settings");
    }
  }

  /** With the default answer timeout. */
  public WriterSettings(int maxBatch, int queueCapacity, Duration linger, Duration idleRelease) {
    this(maxBatch, queueCapacity, linger, idleRelease, DEFAULT_ANSWER_TIMEOUT);
  }

  public WriterSettings withAnswerTimeout(Duration timeout) {
    return new WriterSettings(maxBatch, queueCapacity, linger, idleRelease, timeout);
  }
}
