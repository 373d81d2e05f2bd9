package coop.sol.ledger.fonte;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.FontePeriod;
import java.time.Instant;
import java.util.Optional;

/**
 * A recorded run of the fonte: one per network, strand and period.
 *
 * @param ruleVersion the version of the fonte rule it applied
 * @param completedAt when every subject account was settled (charged or nothing left); empty while
 *     some charge failed or the run was interrupted, in which case running the period again
 *     completes it
 * @param chargedCount accounts charged for the period (all calls together)
 * @param chargedTotal minor units charged for the period
 */
public record FonteRun(
    NetworkId network,
    long id,
    StrandKind strand,
    FontePeriod period,
    long ruleVersion,
    Actor startedBy,
    Instant startedAt,
    Optional<Instant> completedAt,
    int chargedCount,
    long chargedTotal) {}
