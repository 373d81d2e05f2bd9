package coop.sol.ledger.voucher;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.AccountRequirement;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.SystemAccounts;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Grants and expiry of earmarked vouchers; see the package comment for the lot design. Paying with
 * them is a payment like any other ({@code payment.Payments}, source {@code Vouchers}); where and
 * until when a lot may pay are the ledger's own rules, applied to every debit of the lot.
 *
 * <p><b>Expiry.</b> {@link #expireDue} returns what is left of every expired lot to its funder
 * (VOUCHER_EXPIRY, lot → funder, for the lot's whole available balance). The transfer's key names
 * the lot and its total credits so far ({@code voucher-expiry:<lot>:<credits>}): running the job
 * again, or twice at once, finds the same key and posts nothing new, while value that comes back to
 * an expired lot later (a refund) makes a new state, swept by the next run. The ledger never lets a
 * sweep take more than the lot holds.
 */
public final class Vouchers {
  private static final AccountRequirement FUNDER =
      AccountRequirement.of(StrandKind.AFFECTE, OwnerKind.FUNDER);

  /** Most lots swept by one run of the expiry job; the next run takes the rest. */
  private static final int SWEEP_BATCH = 1_000;

  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;
  private final VoucherStore store;
  private final Clock clock;

  public Vouchers(
      DataSource dataSource,
      Accounts accounts,
      Transfers transfers,
      NetworkSettings settings,
      Clock clock) {
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
    this.store = new VoucherStore(dataSource);
    this.clock = clock;
  }

  /**
   * The network issues SOL Affecté to a funder, against what the funder pays the association
   * outside the ledger (a town hall's budget line): AFFECTE issuance → funder, code ISSUANCE. The
   * funder then grants lots from it. A retry with the same key answers the same transfer.
   */
  public Outcome<FunderFunded> fund(
      NetworkId network, IdempotencyKey key, AccountId funder, Amount amount, Actor by) {
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<OperationReason> refusal = FUNDER.refusal(accounts.find(network, funder));
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    var command =
        TransferCommand.posted(
                key,
                StrandKind.AFFECTE,
                system.get().issuance(StrandKind.AFFECTE),
                funder,
                amount,
                TransferCode.ISSUANCE)
            .withReference("funded-by:" + by.id());
    TransferOutcome outcome = transfers.execute(network, command);
    if (outcome instanceof TransferOutcome.Posted p) {
      return Outcome.done(new FunderFunded(by, p.transfer(), p.replayed()));
    }
    return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
  }

  /**
   * Grants a lot: opens its account and posts the GRANT (funder → lot). A retry with the same key
   * answers the same lot; the same key for a different grant is refused.
   */
  public Outcome<VoucherGranted> grant(VoucherGrant grant) {
    NetworkId network = grant.network();
    Optional<VoucherLot> existing = store.byGrantKey(network, grant.key().value());
    VoucherLot lot;
    if (existing.isPresent()) {
      lot = existing.get();
      if (!sameGrant(lot, grant)) {
        return Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST);
      }
    } else {
      Optional<OperationReason> refusal = FUNDER.refusal(accounts.find(network, grant.funder()));
      if (refusal.isPresent()) {
        return Outcome.refused(refusal.get());
      }
      if (!settings.unknownCategories(network, grant.categories()).isEmpty()) {
        return Outcome.refused(OperationReason.UNKNOWN_CATEGORY);
      }
      Instant now = now();
      if (!grant.expiresAt().isAfter(now)) {
        return Outcome.refused(OperationReason.EXPIRY_NOT_IN_FUTURE);
      }
      Account account =
          accounts.open(
              network,
              StrandKind.AFFECTE,
              OwnerKind.MEMBER,
              grant.beneficiaryRef(),
              grant.label(),
              OptionalLong.of(0));
      var candidate =
          new VoucherLot(
              network,
              account.id(),
              grant.key().value(),
              grant.funder(),
              grant.beneficiaryRef(),
              grant.amount().minorUnits(),
              grant.expiresAt().truncatedTo(ChronoUnit.MICROS),
              grant.categories(),
              now);
      if (store.insert(candidate)) {
        lot = candidate;
      } else {
        // the same grant, submitted concurrently, recorded its lot first: keep that one, and
        // close the account opened for nothing (it never held anything)
        accounts.setStatus(network, account.id(), AccountStatus.CLOSED);
        lot = store.byGrantKey(network, grant.key().value()).orElseThrow();
        if (!sameGrant(lot, grant)) {
          return Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST);
        }
      }
    }
    var command =
        TransferCommand.posted(
                grant.key(),
                StrandKind.AFFECTE,
                lot.funder(),
                lot.account(),
                Amount.of(lot.amount()),
                TransferCode.GRANT)
            .withReference("voucher-lot:" + lot.account())
            .withMemo(grant.label() + " until " + lot.expiresAt() + " " + lot.categories());
    TransferOutcome outcome = transfers.execute(network, command);
    if (outcome instanceof TransferOutcome.Posted p) {
      return Outcome.done(new VoucherGranted(lot, p.transfer(), p.replayed()));
    }
    return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
  }

  /** The beneficiary's lots with what is left of each, earliest expiry first. */
  public List<VoucherHolding> holdings(NetworkId network, String beneficiaryRef) {
    return store.holdings(network, beneficiaryRef);
  }

  /**
   * The lots granted from the funder's {@code funderAccounts}, newest first (at most {@code
   * limit}), with what is left of each and what their expiry returned; totals over all of them.
   */
  public FunderLots grantedBy(
      NetworkId network, java.util.Collection<AccountId> funderAccounts, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit <= 0: " + limit);
    }
    return store.grantedBy(network, funderAccounts, limit);
  }

  /** A lot by its account, with what is left of it. */
  public Optional<VoucherHolding> lot(NetworkId network, AccountId lotAccount) {
    return store.holding(network, lotAccount);
  }

  /**
   * Returns what is left of every expired lot to its funder (up to 1,000 lots a run). Idempotent
   * and safe to run concurrently with itself and with payments.
   */
  public ExpirySweep expireDue(NetworkId network) {
    List<VoucherStore.ExpiredLot> due = store.expiredWithBalance(network, now(), SWEEP_BATCH);
    var sweeps = new ArrayList<TransferCommand>(due.size());
    for (VoucherStore.ExpiredLot e : due) {
      VoucherLot lot = e.holding().lot();
      sweeps.add(
          TransferCommand.posted(
                  new IdempotencyKey("voucher-expiry:" + lot.account() + ":" + e.creditsPosted()),
                  StrandKind.AFFECTE,
                  lot.account(),
                  lot.funder(),
                  Amount.of(e.holding().remaining()),
                  TransferCode.VOUCHER_EXPIRY)
              .withReference("voucher-lot:" + lot.account())
              .withMemo("expired " + lot.expiresAt()));
    }
    List<TransferOutcome> outcomes = transfers.executeEach(network, sweeps);
    var returned = new ArrayList<Transfer>();
    int already = 0;
    Map<AccountId, RejectionReason> failed = new HashMap<>();
    for (int i = 0; i < due.size(); i++) {
      TransferOutcome o = outcomes.get(i);
      if (o instanceof TransferOutcome.Posted p) {
        if (p.replayed()) {
          already++;
        } else {
          returned.add(p.transfer());
        }
      } else {
        RejectionReason reason = ((TransferOutcome.Rejected) o).reason();
        if (reason == RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT) {
          already++; // a concurrent run swept this state of the lot, for its balance then
        } else {
          failed.put(due.get(i).holding().lot().account(), reason);
        }
      }
    }
    return new ExpirySweep(returned, already, failed);
  }

  private static boolean sameGrant(VoucherLot lot, VoucherGrant grant) {
    return lot.funder().equals(grant.funder())
        && lot.beneficiaryRef().equals(grant.beneficiaryRef())
        && lot.amount() == grant.amount().minorUnits()
        && lot.expiresAt().equals(grant.expiresAt().truncatedTo(ChronoUnit.MICROS))
        && lot.categories().equals(grant.categories());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
