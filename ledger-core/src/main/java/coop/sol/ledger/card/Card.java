package coop.sol.ledger.card;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import java.time.Instant;

/**
 * One version of a member card, as stored (without its PIN hash, which never leaves the store).
 *
 * @param number the 12 digits printed on this version (the last a Luhn check digit)
 * @param holderName the name printed on the card
 * @param holderUserId the user who holds the card online, or null
 * @param blockedReason why it is blocked; null unless {@code state} is BLOCKED
 * @param wrongPins wrong PINs typed in a row since the last right one (0 to 3)
 * @param holderDailyCap the holder's own daily cap in minor units, or null for the network's
 */
public record Card(
    CardId id,
    int version,
    NetworkId network,
    String number,
    AccountId holderAccount,
    String holderName,
    Long holderUserId,
    CardState state,
    BlockReason blockedReason,
    int wrongPins,
    Long holderDailyCap,
    Instant issuedAt,
    String issuedBy,
    Instant blockedAt,
    Instant replacedAt) {

  /** The first word of the holder's name: what a till shows the cashier. */
  public String holderFirstName() {
    String name = holderName.strip();
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }

  /** The daily cap in force: the holder's, or else the network's. */
  public long dailyCap(CardCaps caps) {
    return holderDailyCap == null ? caps.dailyCap() : Math.min(holderDailyCap, caps.dailyCap());
  }
}
