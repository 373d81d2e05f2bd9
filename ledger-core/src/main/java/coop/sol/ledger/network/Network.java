package coop.sol.ledger.network;

import java.util.Map;

/** A network and the scale (decimals) of each of its ledgers. */
public record Network(NetworkId id, String code, String name, Map<StrandKind, Integer> scales) {
  public Network {
    scales = Map.copyOf(scales);
  }

  public int scale(StrandKind strand) {
    return scales.get(strand);
  }
}
