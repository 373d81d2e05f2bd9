package coop.sol.ledger.operation;

import coop.sol.ledger.transfer.IdempotencyKey;

/**
 * Idempotency keys of the transfers an operation posts. An operation that posts several transfers
 * derives one key per transfer from the caller's key ({@code <key>/<leg>}), so a retry with the
 * same key posts nothing new and answers the original transfers. The caller's key therefore has at
 * most {@link #MAX_CALLER_KEY_LENGTH} characters.
 */
public final class OperationKeys {
  /** Room left for the longest suffix an operation adds. */
  public static final int MAX_CALLER_KEY_LENGTH = IdempotencyKey.MAX_LENGTH - 20;

  private OperationKeys() {}

  /** The key of one leg of the operation keyed {@code key}, e.g. {@code "k1/bonus"}. */
  public static IdempotencyKey leg(IdempotencyKey key, String leg) {
    check(key);
    return new IdempotencyKey(key.value() + "/" + leg);
  }

  /** Rejects (as a programming error) a caller key too long to derive legs from. */
  public static IdempotencyKey check(IdempotencyKey key) {
    if (key.value().length() > MAX_CALLER_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an operation's key has at most " + MAX_CALLER_KEY_LENGTH + " characters");
    }
    return key;
  }
}
