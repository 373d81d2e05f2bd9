package coop.sol.ledger.volunteer;

import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.transfer.Transfer;

/** An allowance granted to an association (VOLUNTEER_ALLOWANCE, Engagement issuance → it). */
public record AllowanceGranted(Actor grantedBy, Transfer transfer, boolean replayed) {}
