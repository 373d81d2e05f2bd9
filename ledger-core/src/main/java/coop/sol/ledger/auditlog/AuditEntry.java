package coop.sol.ledger.auditlog;

import coop.sol.ledger.network.NetworkId;
import java.util.Objects;
import java.util.Set;

/**
 * An entry to write to the audit log.
 *
 * @param action a stable upper-case name ({@code AUTH_TOKEN_CREATED}...)
 * @param networks the networks the action concerns: one row is written for each, so that each
 *     network's coordinators read it
 * @param installationWide also (or only, when {@code networks} is empty) write an installation-wide
 *     row, which administrators read
 * @param actorUserId the authenticated user, or null when nobody is (a refused login)
 * @param actorName the user's name, or the username a refused login tried
 * @param target what the action was done to, for people ("token 12"); longer than 200 characters is
 *     cut
 * @param detailsJson more facts as one JSON object, never a secret
 */
public record AuditEntry(
    String action,
    Set<NetworkId> networks,
    boolean installationWide,
    Long actorUserId,
    String actorName,
    String target,
    String clientAddress,
    String detailsJson) {

  public AuditEntry {
    Objects.requireNonNull(action, "action");
    networks = Set.copyOf(networks);
    Objects.requireNonNull(actorName, "actorName");
    target = target == null ? "" : target;
    Objects.requireNonNull(clientAddress, "clientAddress");
    detailsJson = detailsJson == null ? "{}" : detailsJson;
    if (networks.isEmpty() && !installationWide) {
      throw new IllegalArgumentException("an audit entry concerns a network or the installation");
    }
  }
}
