package coop.sol.ledger.user;

import java.time.Instant;

/**
 * A coordinator's appointment waiting for (or decided by) a second coordinator.
 *
 * @param status PENDING, APPROVED or DECLINED
 */
public record RoleProposal(
    long id,
    long networkId,
    long userId,
    String username,
    String displayName,
    String role,
    long proposedBy,
    String proposedByName,
    Instant proposedAt,
    String status) {}
