package coop.sol.ledger.directory;

import coop.sol.ledger.settings.MerchantCategory;
import java.time.Instant;
import java.util.List;

/**
 * A merchant as the directory shows it: its profile, and its categories in the network's settings
 * (the ones earmarked vouchers follow), with who last changed the profile and when.
 */
public record DirectoryEntry(
    MerchantProfile profile,
    List<MerchantCategory> categories,
    Instant changedAt,
    String changedBy) {
  public DirectoryEntry {
    categories = List.copyOf(categories);
  }
}
