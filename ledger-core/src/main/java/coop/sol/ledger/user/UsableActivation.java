package coop.sol.ledger.user;

import java.time.Instant;

/**
 * An activation neither used, replaced nor expired, and the person it is for.
 *
 * @param reset whether it is a "forgot password" link (the person's current password and second
 *     factor stay until it is used), rather than an access issued at enrolment or by a reset
 */
public record UsableActivation(
    long activationId, Instant expiresAt, StoredUser user, boolean reset) {}
