package coop.sol.ledger.card;

/**
 * A network's caps for member cards, in minor units of SOL (all > 0).
 *
 * @param dailyCap the most a card may pay in one local day, all tills together; a holder may choose
 *     less
 * @param paymentCap the most one card payment may be
 * @param offlineCap the most a till that has lost its connection may accept with a card (charged
 *     later, when the PIN is checked): what a lost card with a forged or unknown PIN can cost, per
 *     till, until the till syncs
 */
public record CardCaps(long dailyCap, long paymentCap, long offlineCap) {
  /** 100.00 a day, 50.00 a payment, 10.00 offline. */
  public static final CardCaps DEFAULTS = new CardCaps(10_000, 5_000, 1_000);

  public CardCaps {
    if (dailyCap <= 0 || paymentCap <= 0 || offlineCap <= 0) {
      throw new IllegalArgumentException("caps are > 0");
    }
    if (paymentCap > dailyCap || offlineCap > paymentCap) {
      throw new IllegalArgumentException("offline cap ≤ payment cap ≤ daily cap");
    }
  }
}
