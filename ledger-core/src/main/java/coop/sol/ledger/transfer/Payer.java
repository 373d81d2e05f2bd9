package coop.sol.ledger.transfer;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who pays: an owner, as the ledger knows owners ({@code owner_ref}), with the kinds of accounts
 * they hold in the network (a member's MEMBER accounts, a merchant's MERCHANT accounts...). A payer
 * pays only from an account they hold: the ledger knows nothing of logins, and the web layer tells
 * it who the authenticated caller is in these terms.
 */
public record Payer(String ownerRef, Set<OwnerKind> ownerKinds) {
  public Payer {
    Objects.requireNonNull(ownerRef, "ownerRef");
    ownerKinds = ownerKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ownerKinds));
  }

  /** The holder of {@code account} (a pay token's member, whoever presents it). */
  public static Payer holderOf(Account account) {
    return new Payer(account.ownerRef(), Set.of(account.ownerKind()));
  }

  /** Whether this payer holds {@code account}. */
  public boolean holds(Account account) {
    return account.ownerRef().equals(ownerRef) && ownerKinds.contains(account.ownerKind());
  }
}
