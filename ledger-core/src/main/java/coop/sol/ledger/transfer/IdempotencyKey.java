package coop.sol.ledger.transfer;

/**
 * The client-chosen key of a transfer, unique per network. Submitting the same key again with the
 * same content returns the original outcome; with different content it is rejected. Callers that
 * serve many clients prefix the key with the client's identity so clients cannot collide.
 */
public record IdempotencyKey(String value) {
  public static final int MAX_LENGTH = 200;

  public IdempotencyKey {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "an idempotency key has 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("an idempotency key is printable ASCII without spaces");
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
