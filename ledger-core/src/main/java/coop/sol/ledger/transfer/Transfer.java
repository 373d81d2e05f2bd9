package coop.sol.ledger.transfer;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A journal row as stored: immutable, with its place ({@code seq}) and {@code hash} in its strand's
 * hash chain.
 *
 * @param amount in minor units, > 0
 * @param hash SHA-256 of the previous row's hash and this row's canonical encoding
 */
public record Transfer(
    NetworkId network,
    TransferId id,
    StrandKind strand,
    long seq,
    TransferKind kind,
    AccountId debit,
    AccountId credit,
    long amount,
    TransferCode code,
    IdempotencyKey key,
    Optional<TransferId> pendingId,
    Optional<TransferId> reverses,
    Optional<Instant> expiresAt,
    String reference,
    String memo,
    Instant createdAt,
    byte[] hash) {

  public Transfer {
    hash = hash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transfer t
        && network.equals(t.network)
        && id.equals(t.id)
        && java.util.Arrays.equals(hash, t.hash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id.value());
  }
}
