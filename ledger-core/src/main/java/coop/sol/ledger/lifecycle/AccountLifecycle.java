package coop.sol.ledger.lifecycle;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Freezes, unfreezes and closes accounts, one at a time or every account a person holds in a
 * network (whatever the role: member, merchant, voucher lots...). Each change is recorded with its
 * reason; a change to the status an account already has records nothing (a retry changes nothing),
 * so the outcome lists the changes actually made. System accounts have no life cycle ({@link
 * OperationReason#WRONG_OWNER_KIND}); a closed account is closed for good ({@link
 * OperationReason#ACCOUNT_CLOSED}); an account closes only with zero balances, posted and pending
 * ({@link OperationReason#ACCOUNT_NOT_EMPTY}: move what it holds first, by a correction that a
 * second coordinator approves, which a frozen account accepts).
 *
 * <p>Each operation runs under the network writer's lock: a freeze that returned stops every later
 * payment, on every instance, and a close sees balances no batch is changing.
 */
public final class AccountLifecycle {
  private final LifecycleStore store;
  private final Clock clock;

  public AccountLifecycle(DataSource dataSource, Clock clock) {
    this.store = new LifecycleStore(dataSource);
    this.clock = clock;
  }

  public Outcome<List<StatusChange>> freeze(
      NetworkId network, AccountId account, String reason, Actor by) {
    return change(network, account, null, AccountStatus.FROZEN, reason, by);
  }

  public Outcome<List<StatusChange>> unfreeze(
      NetworkId network, AccountId account, String reason, Actor by) {
    return change(network, account, null, AccountStatus.OPEN, reason, by);
  }

  public Outcome<List<StatusChange>> close(
      NetworkId network, AccountId account, String reason, Actor by) {
    return change(network, account, null, AccountStatus.CLOSED, reason, by);
  }

  /**
   * Freezes every account of {@code ownerRef} in the network (closed ones stay closed) and ends the
   * person's open sessions, on every instance (their credentials version moves on).
   */
  public Outcome<List<StatusChange>> freezePerson(
      NetworkId network, String ownerRef, String reason, Actor by) {
    return change(network, null, ownerRef, AccountStatus.FROZEN, reason, by);
  }

  /** Unfreezes every frozen account of {@code ownerRef} in the network. */
  public Outcome<List<StatusChange>> unfreezePerson(
      NetworkId network, String ownerRef, String reason, Actor by) {
    return change(network, null, ownerRef, AccountStatus.OPEN, reason, by);
  }

  /**
   * Closes every account of {@code ownerRef} in the network, all or none: refused with {@link
   * OperationReason#ACCOUNT_NOT_EMPTY} while one of them holds anything. In the same transaction
   * every account of theirs is renamed {@code pseudonym}, so is their listing in the directory (its
   * other fields emptied), and their open sessions end: the journal names accounts by id only, so
   * its rows and hash chains are untouched.
   */
  public Outcome<List<StatusChange>> closePerson(
      NetworkId network, String ownerRef, String reason, Actor by, String pseudonym) {
    return change(network, null, ownerRef, AccountStatus.CLOSED, reason, by, pseudonym);
  }

  /** The changes of an account's status, oldest first. */
  public List<StatusChange> history(NetworkId network, AccountId account) {
    return store.history(network, account);
  }

  private Outcome<List<StatusChange>> change(
      NetworkId network,
      AccountId one,
      String ownerRef,
      AccountStatus to,
      String reason,
      Actor by) {
    return change(network, one, ownerRef, to, reason, by, null);
  }

  private Outcome<List<StatusChange>> change(
      NetworkId network,
      AccountId one,
      String ownerRef,
      AccountStatus to,
      String reason,
      Actor by,
      String rename) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      throw new IllegalArgumentException("a reason has 1 to 500 characters");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return store.underWriterLock(
        network,
        locked -> {
          List<Account> accounts =
              one != null ? locked.account(network, one) : locked.owned(network, ownerRef);
          if (accounts.isEmpty()) {
            return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
          }
          boolean person = one == null;
          List<Account> toChange = new ArrayList<>();
          for (Account a : accounts) {
            if (a.ownerKind() == OwnerKind.SYSTEM) {
              return Outcome.refused(OperationReason.WRONG_OWNER_KIND);
            }
            if (a.status() == to) {
              continue;
            }
            if (a.status() == AccountStatus.CLOSED) {
              if (person) {
                continue; // a person's closed accounts stay as they are
              }
              return Outcome.refused(OperationReason.ACCOUNT_CLOSED);
            }
            if (to == AccountStatus.CLOSED && !empty(a.balance())) {
              return Outcome.refused(OperationReason.ACCOUNT_NOT_EMPTY);
            }
            toChange.add(a);
          }
          List<StatusChange> changes = new ArrayList<>();
          for (Account a : toChange) {
            changes.add(locked.change(a, to, reason, by, now));
          }
          if (rename != null) {
            locked.rename(network, ownerRef, rename);
            locked.pseudonymizeListing(network, ownerRef, rename, now);
          }
          if (person && to != AccountStatus.OPEN) {
            // a frozen or closed person's open sessions end at once, on every instance
            locked.endSessions(ownerRef);
          }
          return Outcome.done(List.copyOf(changes));
        });
  }

  private static boolean empty(Balance balance) {
    return balance.posted() == 0 && balance.debitsPending() == 0 && balance.creditsPending() == 0;
  }
}
