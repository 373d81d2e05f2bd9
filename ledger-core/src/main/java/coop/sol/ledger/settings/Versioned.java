package coop.sol.ledger.settings;

import coop.sol.ledger.operation.Actor;
import java.time.Instant;

/**
 * One version of a setting: in force from {@code effectiveFrom} until the next version.
 *
 * @param version increasing with each change of this kind of setting (not contiguous)
 */
public record Versioned<T>(long version, Instant effectiveFrom, Actor changedBy, T value) {}
