package coop.sol.ledger.user;

import java.time.Instant;
import java.util.Objects;

/**
 * An activation code to store: its SHA-256 hash only, the code itself is shown once to whoever
 * issues it.
 *
 * @param issuedBy the user who issued it; null when nobody is logged in (the command line)
 */
public record NewActivation(byte[] codeHash, Long issuedBy, Instant issuedAt, Instant expiresAt) {
  public NewActivation {
    Objects.requireNonNull(codeHash, "codeHash");
    if (codeHash.length != 32) {
      throw new IllegalArgumentException("a SHA-256 hash has 32 bytes");
    }
    codeHash = codeHash.clone();
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("an activation expires after it is issued");
    }
  }

  @Override
  public byte[] codeHash() {
    return codeHash.clone();
  }
}
