package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountStatus;
import java.time.Instant;

/**
 * A lot as its funder follows it: the lot, what is left of it and what its expiry returned.
 *
 * @param label the funder's name for the lot (its account's name)
 * @param returned minor units the expiry sweep gave back to the funder (VOUCHER_EXPIRY), ≥ 0
 */
public record GrantedLot(VoucherHolding holding, String label, long returned) {
  public GrantedLot {
    if (returned < 0) {
      throw new IllegalArgumentException("returned < 0: " + returned);
    }
  }

  /** Where a granted lot stands, as its funder sees it. */
  public enum State {
    /** Valid and holding something: the beneficiary may spend it. */
    ACTIVE,
    /** A coordinator froze the lot's account: it pays no one until unfrozen. */
    FROZEN,
    /** Past its expiry with something left, which the next sweep returns to the funder. */
    EXPIRED,
    /** Nothing left, and the expiry returned nothing: the beneficiary spent it all. */
    SPENT,
    /** Past its expiry, and what was left returned to the funder. */
    SWEPT
  }

  /** The lot's state at {@code now}. */
  public State state(Instant now) {
    boolean expired = !holding.lot().validAt(now);
    if (holding.remaining() == 0) {
      return returned > 0 ? State.SWEPT : State.SPENT;
    }
    if (expired) {
      return State.EXPIRED;
    }
    return holding.status() == AccountStatus.OPEN ? State.ACTIVE : State.FROZEN;
  }
}
