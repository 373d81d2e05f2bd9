package coop.sol.ledger.peopleimport;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.StrandKind;
import java.util.List;
import java.util.Set;

/**
 * A person of the file, as valid as the file alone can say (whether the username, the cashier's
 * merchant and the categories exist is the database's to say).
 *
 * @param line its line number (the header is line 1)
 * @param email or null
 * @param language "fr", "en" or null (the network's)
 * @param roles the roles' names as the people API takes them (MEMBER, CASHIER...), in file order
 * @param merchant for a cashier, their merchant's username; else null
 * @param listing the merchant's directory listing, or null when the line gives none
 * @param categories the merchant's categories (codes), empty when none given
 * @param balances the opening balances given, each in one strand
 */
public record ImportLine(
    int line,
    String username,
    String displayName,
    String email,
    String language,
    List<String> roles,
    String merchant,
    MerchantProfile listing,
    Set<String> categories,
    List<OpeningBalance> balances) {
  public ImportLine {
    roles = List.copyOf(roles);
    categories = Set.copyOf(categories);
    balances = List.copyOf(balances);
  }

  /**
   * An opening balance: {@code amount} minor units (> 0) credited to the person's account of {@code
   * holder} kind in {@code strand} (the account of the first role of the line that has one in that
   * strand).
   */
  public record OpeningBalance(StrandKind strand, OwnerKind holder, long amount) {
    public OpeningBalance {
      if (amount <= 0) {
        throw new IllegalArgumentException("an opening balance is > 0");
      }
    }
  }
}
