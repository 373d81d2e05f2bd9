package coop.sol.ledger.lifecycle;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import java.time.Instant;
import java.util.Optional;

/**
 * A change of an account's credit limit, in minor units: a raise waits (PROPOSED) for a second
 * coordinator, who APPLIES or DECLINES it; a cut is APPLIED by its author at once.
 */
public record CreditLimitChange(
    NetworkId network,
    long id,
    AccountId account,
    long oldLimit,
    long newLimit,
    String reason,
    Actor proposedBy,
    Instant proposedAt,
    Status status,
    Optional<Actor> decidedBy,
    Optional<Instant> decidedAt) {

  public enum Status {
    PROPOSED,
    APPLIED,
    DECLINED,
    WITHDRAWN
  }

  public boolean raise() {
    return newLimit > oldLimit;
  }
}
