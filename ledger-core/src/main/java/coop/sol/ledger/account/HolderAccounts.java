package coop.sol.ledger.account;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The accounts a holder of each kind has in a network, one per strand their role uses, opened with
 * a credit limit of 0: the one rule the demo network and the people a coordinator enrols share.
 *
 * <ul>
 *   <li>a member: SOL Coopération and SOL Engagement (their SOL Affecté are lots, each an account
 *       its grant opens);
 *   <li>a merchant: the three SOL strands (paid in any of them);
 *   <li>an exchange office: SOL Coopération (what it sells from); its euro till is opened by the
 *       exchange operations at its first sale ({@code ExchangeOffices.openOffice});
 *   <li>an association: SOL Coopération and SOL Engagement (volunteering);
 *   <li>a funder: SOL Affecté (what it issues as vouchers).
 * </ul>
 */
public final class HolderAccounts {
  private final Accounts accounts;

  public HolderAccounts(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The strands a holder of {@code kind} has an account in; none for SYSTEM. */
  public static List<StrandKind> strands(OwnerKind kind) {
    return switch (kind) {
      case MEMBER, ASSOCIATION -> List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT);
      case MERCHANT -> List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);
      case EXCHANGE_OFFICE -> List.of(StrandKind.COOPERATION);
      case FUNDER -> List.of(StrandKind.AFFECTE);
      case SYSTEM -> List.of();
    };
  }

  /**
   * Opens what is missing of the holder's accounts, keeping those they have. Idempotent, also when
   * called several times at once ({@link Accounts#openOnce}).
   *
   * @param name the accounts' name (the holder's display name)
   * @return the holder's accounts in those strands, in the order of {@link #strands}
   */
  public List<Account> open(NetworkId network, OwnerKind kind, String ownerRef, String name) {
    List<Account> existing = accounts.findByOwner(network, kind, ownerRef);
    List<Account> result = new ArrayList<>();
    for (StrandKind strand : strands(kind)) {
      result.add(
          existing.stream()
              .filter(a -> a.strand() == strand)
              .findFirst()
              .orElseGet(
                  () ->
                      accounts.openOnce(
                          network, strand, kind, ownerRef, name, OptionalLong.of(0))));
    }
    return result;
  }
}
