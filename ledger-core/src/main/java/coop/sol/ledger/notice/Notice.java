package coop.sol.ledger.notice;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A notice as stored.
 *
 * @param network the network it concerns; null for the installation (an activation)
 * @param params what the texts need (amounts as decimal strings, names...), never a secret
 */
public record Notice(
    long id,
    long userId,
    Long network,
    NoticeKind kind,
    String eventKey,
    Map<String, String> params,
    Instant createdAt,
    Optional<Instant> readAt,
    EmailStatus emailStatus,
    int emailAttempts) {
  public Notice {
    params = Map.copyOf(params);
  }
}
