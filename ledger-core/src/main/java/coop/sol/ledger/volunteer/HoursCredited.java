package coop.sol.ledger.volunteer;

import coop.sol.ledger.transfer.Transfer;

/**
 * Volunteer hours credited.
 *
 * @param minorPerHour the association's rate applied, SOL Engagement minor units per hour
 * @param amount credited, in minor units: {@code floor(minutes × minorPerHour / 60)}
 * @param transfer the VOLUNTEER_CREDIT transfer, association → member
 */
public record HoursCredited(
    long minutes, long minorPerHour, long amount, Transfer transfer, boolean replayed) {}
