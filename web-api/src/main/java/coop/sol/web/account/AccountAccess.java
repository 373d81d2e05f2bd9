package coop.sol.web.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Payer;
import coop.sol.web.auth.Caller;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which ledger accounts a caller may see and debit.
 *
 * <ul>
 *   <li>A caller <em>holds</em> the accounts whose owner is their username, of the kind their role
 *       in that network holds (a member's MEMBER accounts, a merchant's MERCHANT accounts...). They
 *       may see and debit those.
 *   <li>A coordinator may see every account of their network, and debit none of them as such.
 *   <li>Nobody sees anything of a network they hold no role in. Cashiers see no account (the till's
 *       view comes with the payment requests); administrators run the installation, not the money,
 *       and see none either.
 * </ul>
 *
 * An account outside what a caller may see does not exist for them: callers answer 404, so that ids
 * reveal nothing.
 */
@Component
public class AccountAccess {
  /**
   * What never changes about an account once opened: where it is, its strand and whose it is. A
   * payment needs only this before it goes to the ledger, whose writer reads the account's row
   * (status, balance, holder) inside the batch that posts it and refuses there what it must.
   */
  public record Identity(
      AccountId id, NetworkId network, StrandKind strand, OwnerKind ownerKind, String ownerRef) {
    static Identity of(Account account) {
      return new Identity(
          account.id(),
          account.network(),
          account.strand(),
          account.ownerKind(),
          account.ownerRef());
    }
  }

  private final Ledger ledger;

  /**
   * Identities by account id, remembered: they never change, so no instance can hold a stale one
   * (accounts are never deleted; a closed account's payments are refused by the ledger).
   */
  private final Cache<Long, Identity> identities =
      Caffeine.newBuilder().maximumSize(100_000).build();

  public AccountAccess(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The accounts the caller holds, network by network, strand by strand. */
  public List<Account> held(Caller caller) {
    List<Account> accounts = new ArrayList<>();
    for (RoleGrant grant : caller.grants()) {
      Optional<OwnerKind> kind = grant.role().accountKind();
      if (kind.isPresent() && grant.network() != null) {
        accounts.addAll(
            ledger.accounts().findByOwner(grant.network(), kind.get(), caller.username()));
      }
    }
    return accounts;
  }

  /**
   * The caller as the ledger knows a payer in {@code network}: their username and the kinds of
   * accounts their roles there hold. The ledger posts a payment only from an account its payer
   * holds, whatever the door.
   */
  public Payer payer(Caller caller, NetworkId network) {
    Set<OwnerKind> kinds = EnumSet.noneOf(OwnerKind.class);
    for (RoleGrant grant : caller.grants()) {
      if (network.equals(grant.network())) {
        grant.role().accountKind().ifPresent(kinds::add);
      }
    }
    return new Payer(caller.username(), kinds);
  }

  /** Whether the caller holds {@code account}, and so may see and debit it. */
  public boolean holds(Caller caller, Account account) {
    return holds(caller, account.network(), account.ownerKind(), account.ownerRef());
  }

  /** Whether the caller holds the account of this identity, and so may see and debit it. */
  public boolean holds(Caller caller, Identity account) {
    return holds(caller, account.network(), account.ownerKind(), account.ownerRef());
  }

  private static boolean holds(
      Caller caller, NetworkId network, OwnerKind ownerKind, String ownerRef) {
    if (!ownerRef.equals(caller.username())) {
      return false;
    }
    return caller.grants().stream()
        .anyMatch(
            grant ->
                network.equals(grant.network())
                    && grant.role().accountKind().filter(ownerKind::equals).isPresent());
  }

  public boolean canSee(Caller caller, Account account) {
    return holds(caller, account) || caller.holds(Role.COORDINATOR, account.network());
  }

  /**
   * The merchant account with this id if the caller takes payments for it: the merchant who holds
   * it, or a cashier of that merchant in its network. Empty otherwise, as if it did not exist.
   */
  public Optional<Account> till(Caller caller, long id) {
    if (id <= 0 || caller.networks().isEmpty()) {
      return Optional.empty();
    }
    return ledger
        .accounts()
        .findIn(caller.networks(), new AccountId(id))
        .filter(account -> account.ownerKind() == OwnerKind.MERCHANT)
        .filter(account -> holds(caller, account) || isCashierOf(caller, account));
  }

  /** Whether the caller works the till of {@code account}'s merchant, as a cashier. */
  public boolean isCashierOf(Caller caller, Account account) {
    return account.ownerKind() == OwnerKind.MERCHANT
        && caller.grants().stream()
            .anyMatch(
                grant ->
                    grant.role() == Role.CASHIER
                        && account.network().equals(grant.network())
                        && account.ownerRef().equals(grant.merchantRef()));
  }

  /** The account with this id if the caller may see it; empty otherwise, as if it did not exist. */
  public Optional<Account> visible(Caller caller, long id) {
    if (id <= 0 || caller.networks().isEmpty()) {
      return Optional.empty();
    }
    return ledger
        .accounts()
        .findIn(caller.networks(), new AccountId(id))
        .filter(account -> canSee(caller, account));
  }

  /**
   * The identity of the account with this id if the caller may see it, as {@link #visible} decides;
   * read from the database once per account and instance, then remembered.
   */
  public Optional<Identity> visibleIdentity(Caller caller, long id) {
    if (id <= 0 || caller.networks().isEmpty()) {
      return Optional.empty();
    }
    Identity known = identities.getIfPresent(id);
    if (known == null) {
      Optional<Account> found = ledger.accounts().findIn(caller.networks(), new AccountId(id));
      if (found.isEmpty()) {
        return Optional.empty();
      }
      known = Identity.of(found.get());
      identities.put(id, known);
    }
    Identity identity = known;
    return caller.networks().contains(identity.network())
            && (holds(caller, identity) || caller.holds(Role.COORDINATOR, identity.network()))
        ? Optional.of(identity)
        : Optional.empty();
  }
}
