package coop.sol.ledger.token;

import coop.sol.ledger.user.StoredUser;
import java.time.Instant;
import java.util.List;

/**
 * What a valid token stands for: its id, scopes and expiry, and its owner (enabled) with roles.
 *
 * @param lastUsedAt null if never used before
 */
public record TokenGrant(
    long tokenId, List<String> scopes, Instant lastUsedAt, Instant expiresAt, StoredUser user) {
  public TokenGrant {
    scopes = List.copyOf(scopes);
  }
}
