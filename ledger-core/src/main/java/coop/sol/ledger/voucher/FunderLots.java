package coop.sol.ledger.voucher;

import java.util.List;

/**
 * The lots a funder granted, newest first, and the totals of all of them (the list may be capped,
 * the totals never are). Amounts in minor units of SOL Affecté.
 *
 * @param lots the newest lots, at most the limit asked for
 * @param count how many lots the funder granted in all
 * @param granted total granted
 * @param remaining total left in the lots
 * @param returned total their expiry gave back to the funder
 */
public record FunderLots(
    List<GrantedLot> lots, long count, long granted, long remaining, long returned) {
  public FunderLots {
    lots = List.copyOf(lots);
  }
}
