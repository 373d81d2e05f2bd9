package coop.sol.ledger.user;

import java.time.Instant;

/** An activation neither used, replaced nor expired, and the person it is for. */
public record UsableActivation(long activationId, Instant expiresAt, StoredUser user) {}
