package coop.sol.ledger.lifecycle;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Credit limits under dual control: a coordinator cuts a limit at once, but a raise — the account
 * may then owe the network more — is a proposal a second coordinator approves (applied) or declines
 * ({@link OperationReason#SELF_APPROVAL} for its author), like a correction. Each step runs under
 * the network writer's lock, so no batch decides with a limit being changed, and the account's
 * CHECK refuses a limit below what it already uses ({@link OperationReason#CREDIT_LIMIT_IN_USE}).
 */
public final class CreditLimits {
  private final LifecycleStore store;
  private final Clock clock;

  public CreditLimits(DataSource dataSource, Clock clock) {
    this.store = new LifecycleStore(dataSource);
    this.clock = clock;
  }

  /**
   * Proposes {@code newLimit} (minor units, ≥ 0) for the account: applied at once if lower than the
   * current one, else PROPOSED until another coordinator decides.
   */
  public Outcome<CreditLimitChange> propose(
      NetworkId network, AccountId id, long newLimit, String reason, Actor by) {
    if (newLimit < 0) {
      throw new IllegalArgumentException("a credit limit is >= 0");
    }
    Instant now = now();
    return store.underWriterLock(
        network,
        locked -> {
          List<Account> found = locked.account(network, id);
          if (found.isEmpty()) {
            return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
          }
          Account account = found.get(0);
          if (account.ownerKind() == OwnerKind.SYSTEM || account.creditLimit().isEmpty()) {
            return Outcome.refused(OperationReason.WRONG_OWNER_KIND);
          }
          if (account.status() == AccountStatus.CLOSED) {
            return Outcome.refused(OperationReason.ACCOUNT_CLOSED);
          }
          if (account.creditLimit().getAsLong() == newLimit) {
            return Outcome.refused(OperationReason.CREDIT_LIMIT_UNCHANGED);
          }
          boolean cut = newLimit < account.creditLimit().getAsLong();
          if (cut && account.balance().available() < -newLimit) {
            return Outcome.refused(OperationReason.CREDIT_LIMIT_IN_USE);
          }
          CreditLimitChange change = locked.proposeLimit(account, newLimit, reason, by, now);
          if (!cut) {
            return Outcome.done(change);
          }
          locked.setLimit(account, newLimit);
          return Outcome.done(
              locked.decideLimit(change, CreditLimitChange.Status.APPLIED, by, now));
        });
  }

  /** A second coordinator approves a raise: the limit is set. */
  public Outcome<CreditLimitChange> approve(NetworkId network, long id, Actor by) {
    return decide(network, id, by, CreditLimitChange.Status.APPLIED);
  }

  /** A second coordinator declines a raise: nothing changes. */
  public Outcome<CreditLimitChange> decline(NetworkId network, long id, Actor by) {
    return decide(network, id, by, CreditLimitChange.Status.DECLINED);
  }

  public Optional<CreditLimitChange> find(NetworkId network, long id) {
    return store.limitChange(network, id);
  }

  /** The raises waiting for a second coordinator, oldest first. */
  public List<CreditLimitChange> awaitingApproval(NetworkId network) {
    return store.proposedLimitChanges(network);
  }

  private Outcome<CreditLimitChange> decide(
      NetworkId network, long id, Actor by, CreditLimitChange.Status status) {
    Instant now = now();
    return store.underWriterLock(
        network,
        locked -> {
          Optional<CreditLimitChange> found = locked.lockLimitChange(network, id);
          if (found.isEmpty()) {
            return Outcome.refused(OperationReason.CREDIT_LIMIT_CHANGE_NOT_FOUND);
          }
          CreditLimitChange change = found.get();
          if (change.status() != CreditLimitChange.Status.PROPOSED) {
            return Outcome.refused(OperationReason.CREDIT_LIMIT_CHANGE_ALREADY_DECIDED);
          }
          if (change.proposedBy().equals(by)) {
            return Outcome.refused(OperationReason.SELF_APPROVAL);
          }
          if (status == CreditLimitChange.Status.APPLIED) {
            Account account = locked.account(network, change.account()).get(0);
            if (account.status() == AccountStatus.CLOSED) {
              return Outcome.refused(OperationReason.ACCOUNT_CLOSED);
            }
            locked.setLimit(account, change.newLimit());
          }
          return Outcome.done(locked.decideLimit(change, status, by, now));
        });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
