package coop.sol.ledger.correction;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Proposes, approves, declines and withdraws corrections.
 *
 * <p>Approval posts the CORRECTION transfer while the proposal's row is locked, then records the
 * decision in the same database transaction. The transfer carries the key {@code correction:<id>},
 * the reference {@code correction:<id> approved-by:<approver>} and the reason as memo, so the
 * journal alone says what was corrected, why and who approved it. If the process stops between the
 * post and the commit, the proposal stays PROPOSED with its transfer posted: the next approval or
 * decline finds the transfer by its key and records the approval it carries, so a posted correction
 * is never marked declined and never posted twice.
 */
public final class Corrections {
  private final CorrectionStore store;
  private final Accounts accounts;
  private final Transfers transfers;
  private final Clock clock;

  public Corrections(DataSource dataSource, Accounts accounts, Transfers transfers, Clock clock) {
    this.store = new CorrectionStore(dataSource);
    this.accounts = accounts;
    this.transfers = transfers;
    this.clock = clock;
  }

  /** Records a proposal; nothing is posted until another coordinator approves it. */
  public Outcome<Correction> propose(NetworkId network, CorrectionProposal proposal, Actor by) {
    StrandKind strand;
    AccountId debit;
    AccountId credit;
    if (proposal.reverses() != null) {
      Optional<Transfer> original = transfers.find(network, proposal.reverses());
      if (original.isEmpty()) {
        return Outcome.refused(OperationReason.TRANSFER_NOT_FOUND);
      }
      strand = original.get().strand();
      debit = original.get().credit();
      credit = original.get().debit();
    } else {
      strand = proposal.strand();
      debit = proposal.debit();
      credit = proposal.credit();
      for (AccountId id : List.of(debit, credit)) {
        Optional<Account> account = accounts.find(network, id);
        if (account.isEmpty()) {
          return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
        }
        if (account.get().strand() != strand) {
          return Outcome.refused(OperationReason.WRONG_STRAND);
        }
      }
    }
    return Outcome.done(
        store.insert(
            network,
            strand,
            debit,
            credit,
            proposal.amount().minorUnits(),
            proposal.reverses(),
            proposal.reason(),
            by,
            now()));
  }

  /**
   * A second coordinator approves: the correction is posted. Refused for its own author ({@link
   * OperationReason#SELF_APPROVAL}) and once decided; if the ledger rejects the transfer (say, the
   * debited account no longer holds the amount), the proposal stays PROPOSED.
   */
  public Outcome<Correction> approve(NetworkId network, long id, Actor by) {
    return store.inTransaction(
        locked -> {
          Optional<Correction> found = locked.lock(network, id);
          Optional<OperationReason> refusal = refusalToDecide(found, by);
          if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
          }
          Correction c = found.get();
          TransferOutcome outcome = transfers.execute(network, command(c, by));
          if (outcome instanceof TransferOutcome.Posted p) {
            return Outcome.done(
                locked.decide(network, id, CorrectionStatus.POSTED, by, now(), p.transfer().id()));
          }
          Optional<Correction> recorded = recordEarlierPost(network, c, locked);
          if (recorded.isPresent()) {
            // approved and posted by someone else, whose decision was not recorded yet
            return Outcome.done(recorded.get());
          }
          return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
        });
  }

  /** A second coordinator turns the proposal down; nothing is posted. */
  public Outcome<Correction> decline(NetworkId network, long id, Actor by) {
    return store.inTransaction(
        locked -> {
          Optional<Correction> found = locked.lock(network, id);
          Optional<OperationReason> refusal = refusalToDecide(found, by);
          if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
          }
          if (recordEarlierPost(network, found.get(), locked).isPresent()) {
            return Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED);
          }
          return Outcome.done(
              locked.decide(network, id, CorrectionStatus.DECLINED, by, now(), null));
        });
  }

  /** Its author takes the proposal back; nothing is posted. */
  public Outcome<Correction> withdraw(NetworkId network, long id, Actor by) {
    return store.inTransaction(
        locked -> {
          Optional<Correction> found = locked.lock(network, id);
          if (found.isEmpty()) {
            return Outcome.refused(OperationReason.CORRECTION_NOT_FOUND);
          }
          if (found.get().status() != CorrectionStatus.PROPOSED) {
            return Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED);
          }
          if (!found.get().proposedBy().equals(by)) {
            return Outcome.refused(OperationReason.NOT_THE_AUTHOR);
          }
          if (recordEarlierPost(network, found.get(), locked).isPresent()) {
            return Outcome.refused(OperationReason.CORRECTION_ALREADY_DECIDED);
          }
          return Outcome.done(
              locked.decide(network, id, CorrectionStatus.WITHDRAWN, by, now(), null));
        });
  }

  public Optional<Correction> find(NetworkId network, long id) {
    return store.find(network, id);
  }

  /** The proposals waiting for a second coordinator, oldest first. */
  public List<Correction> awaitingApproval(NetworkId network) {
    return store.withStatus(network, CorrectionStatus.PROPOSED);
  }

  private static Optional<OperationReason> refusalToDecide(Optional<Correction> found, Actor by) {
    if (found.isEmpty()) {
      return Optional.of(OperationReason.CORRECTION_NOT_FOUND);
    }
    if (found.get().status() != CorrectionStatus.PROPOSED) {
      return Optional.of(OperationReason.CORRECTION_ALREADY_DECIDED);
    }
    if (found.get().proposedBy().equals(by)) {
      return Optional.of(OperationReason.SELF_APPROVAL);
    }
    return Optional.empty();
  }

  /**
   * If the correction's transfer is in the journal although the proposal is still PROPOSED (an
   * approval stopped before it recorded its decision), records the approval the transfer carries.
   */
  private Optional<Correction> recordEarlierPost(
      NetworkId network, Correction c, CorrectionStore locked) {
    return transfers
        .findByKey(network, key(c.id()))
        .map(
            t ->
                locked.decide(
                    network,
                    c.id(),
                    CorrectionStatus.POSTED,
                    approver(c.id(), t.reference()),
                    t.createdAt(),
                    t.id()));
  }

  private static TransferCommand command(Correction c, Actor approver) {
    var command =
        TransferCommand.posted(
                key(c.id()),
                c.strand(),
                c.debit(),
                c.credit(),
                Amount.of(c.amount()),
                TransferCode.CORRECTION)
            .withReference(reference(c.id(), approver))
            .withMemo(c.reason());
    return c.reverses().map(command::reversing).orElse(command);
  }

  static String reference(long correctionId, Actor approver) {
    return "correction:" + correctionId + " approved-by:" + approver.id();
  }

  static Actor approver(long correctionId, String reference) {
    String prefix = "correction:" + correctionId + " approved-by:";
    if (!reference.startsWith(prefix)) {
      throw new IllegalStateException("not a correction's reference: " + reference);
    }
    return new Actor(reference.substring(prefix.length()));
  }

  static IdempotencyKey key(long correctionId) {
    return new IdempotencyKey("correction:" + correctionId);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
