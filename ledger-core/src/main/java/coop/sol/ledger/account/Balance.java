package coop.sol.ledger.account;

/**
 * An account's totals in minor units, TigerBeetle-style: every column only grows with posted
 * transfers; pending columns grow with pending transfers and shrink when they are resolved.
 */
public record Balance(
    long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {

  public static final Balance ZERO = new Balance(0, 0, 0, 0);

  /** Credits minus debits, posted only. */
  public long posted() {
    return Math.subtractExact(creditsPosted, debitsPosted);
  }

  /** Net of the pending transfers: what would change if they all posted in full. */
  public long pending() {
    return Math.subtractExact(creditsPending, debitsPending);
  }

  /**
   * What the account may still spend before its limit: posted balance minus pending debits. Pending
   * credits are not spendable until posted.
   */
  public long available() {
    return Math.subtractExact(posted(), debitsPending);
  }
}
