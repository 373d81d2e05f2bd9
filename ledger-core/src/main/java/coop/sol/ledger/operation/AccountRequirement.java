package coop.sol.ledger.operation;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an operation requires of an account it names: that it exists, is of the operation's strand,
 * and belongs to one of the owner kinds that play that part (a reward goes to a member, a
 * reconversion is by a merchant...). The ledger checks existence and strand again when it posts;
 * checking first lets the operation say which rule failed.
 */
public record AccountRequirement(StrandKind strand, Set<OwnerKind> ownerKinds) {
  public AccountRequirement {
    ownerKinds = Set.copyOf(ownerKinds);
  }

  public static AccountRequirement of(StrandKind strand, OwnerKind first, OwnerKind... others) {
    return new AccountRequirement(strand, EnumSet.of(first, others));
  }

  /** The reason the account does not qualify, or empty if it does. */
  public Optional<OperationReason> refusal(Optional<Account> account) {
    if (account.isEmpty()) {
      return Optional.of(OperationReason.ACCOUNT_NOT_FOUND);
    }
    if (account.get().strand() != strand) {
      return Optional.of(OperationReason.WRONG_STRAND);
    }
    if (!ownerKinds.contains(account.get().ownerKind())) {
      return Optional.of(OperationReason.WRONG_OWNER_KIND);
    }
    return Optional.empty();
  }
}
