package coop.sol.ledger.settings;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.StrandKind;
import java.util.EnumMap;
import java.util.Map;

/** The account playing each {@link AccountRole} in a network. */
public record SystemAccounts(Map<AccountRole, AccountId> byRole) {
  public SystemAccounts {
    var copy = new EnumMap<AccountRole, AccountId>(AccountRole.class);
    copy.putAll(byRole);
    for (AccountRole role : AccountRole.values()) {
      if (!copy.containsKey(role)) {
        throw new IllegalArgumentException("no account for " + role);
      }
    }
    byRole = Map.copyOf(copy);
  }

  public AccountId get(AccountRole role) {
    return byRole.get(role);
  }

  public AccountId issuance(StrandKind strand) {
    return get(AccountRole.issuance(strand));
  }

  public AccountId fund(StrandKind strand) {
    return get(AccountRole.fund(strand));
  }

  public AccountId euroReserve() {
    return get(AccountRole.EURO_RESERVE);
  }

  public AccountId euroOutside() {
    return get(AccountRole.EURO_OUTSIDE);
  }
}
