package coop.sol.ledger.transfer;

import java.time.Instant;

/**
 * What a coordinator looks a transfer up by; each part null for "any", all given parts must match.
 *
 * @param reference a part of the transfer's reference (any case)
 * @param amount the exact amount, minor units of the transfer's strand
 * @param from created at or after
 * @param to created before
 * @param limit at most this many, newest first: 1 to 500
 */
public record TransferSearch(
    TransferId id, String reference, Long amount, Instant from, Instant to, int limit) {
  public TransferSearch {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit is 1 to 500");
    }
    if (reference != null && reference.isBlank()) {
      reference = null;
    }
  }
}
