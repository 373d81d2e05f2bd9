package coop.sol.ledger.auditlog;

import java.time.Instant;

/**
 * An entry as read back.
 *
 * @param network the network's code, or null for an installation-wide entry
 * @param detailsJson the entry's details, one JSON object
 */
public record LoggedEvent(
    long id,
    Instant occurredAt,
    String network,
    String actor,
    String action,
    String target,
    String clientAddress,
    String detailsJson) {}
