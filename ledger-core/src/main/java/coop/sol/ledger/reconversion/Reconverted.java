package coop.sol.ledger.reconversion;

import coop.sol.ledger.transfer.Transfer;
import java.util.List;

/**
 * A reconversion made.
 *
 * @param transfers RECONVERSION (merchant → issuance, net), RECONVERSION_FEE (merchant → fund, fee,
 *     if not zero), RESERVE_WITHDRAWAL (euro ledger: reserve → euros outside)
 */
public record Reconverted(ReconversionQuote quote, List<Transfer> transfers, boolean replayed) {
  public Reconverted {
    transfers = List.copyOf(transfers);
  }
}
