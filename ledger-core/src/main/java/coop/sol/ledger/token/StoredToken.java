package coop.sol.ledger.token;

import java.time.Instant;
import java.util.List;

/**
 * A token as its owner sees it in listings: never the secret nor its hash.
 *
 * @param scopes the scope names, as stored
 * @param lastUsedAt null if never used
 */
public record StoredToken(
    long id,
    String name,
    String prefix,
    List<String> scopes,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt) {
  public StoredToken {
    scopes = List.copyOf(scopes);
  }
}
