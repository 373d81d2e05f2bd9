package coop.sol.web.audit;

import coop.sol.ledger.network.NetworkId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An entry to write to the audit log.
 *
 * @param networks the networks the action concerns: one row is written for each, so that each
 *     network's coordinators read it
 * @param installationWide also (or only, when {@code networks} is empty) write an installation-wide
 *     row, which administrators read
 * @param actorUserId the authenticated user, or null when nobody is (a refused login)
 * @param actorName the user's name, or the username a refused login tried
 * @param target what the action was done to, for people ("token 12"), at most 200 characters
 * @param details more facts, never a secret; values must serialise as JSON
 */
public record AuditRecord(
    AuditAction action,
    Set<NetworkId> networks,
    boolean installationWide,
    Long actorUserId,
    String actorName,
    String target,
    String clientAddress,
    Map<String, Object> details) {

  public AuditRecord {
    Objects.requireNonNull(action, "action");
    networks = Set.copyOf(networks);
    Objects.requireNonNull(actorName, "actorName");
    target = target == null ? "" : target;
    Objects.requireNonNull(clientAddress, "clientAddress");
    details = Map.copyOf(details);
    if (networks.isEmpty() && !installationWide) {
      throw new IllegalArgumentException("an audit entry concerns a network or the installation");
    }
  }
}
