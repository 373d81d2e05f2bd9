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
import coop.sol.ledger.operation.LinkedOutcome;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.NetworkSettings;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Grants, payments and expiry of earmarked vouchers; see the package comment for the lot design.
 *
 * <p><b>Paying.</b> The lots that may pay a merchant are the beneficiary's lots that are valid (now
 * before their expiry), open, hold something, and allow one of the merchant's categories. They are
 * drawn on earliest expiry first (ties: the older lot), each for as much as it holds, until the
 * amount is covered; the draws are posted as one linked list of PAYMENT transfers keyed {@code
 * <key>/<i>}. If a concurrent payment emptied a lot between the read and the post, the ledger
 * rejects the list (INSUFFICIENT_FUNDS on that lot: nothing posted) and the payment is drawn again
 * from fresh balances. No rounding: amounts are whole minor units.
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
  private static final AccountRequirement MERCHANT =
      AccountRequirement.of(StrandKind.AFFECTE, OwnerKind.MERCHANT);

  /** Draws attempted when concurrent payments keep emptying the lots just read. */
  private static final int ATTEMPTS = 5;

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

  /** A lot by its account, with what is left of it. */
  public Optional<VoucherHolding> lot(NetworkId network, AccountId lotAccount) {
    return store.holding(network, lotAccount);
  }

  /** Pays a merchant from the beneficiary's lots; see the class comment. */
  public Outcome<VoucherPaid> pay(VoucherPayment payment) {
    NetworkId network = payment.network();
    Optional<Account> merchant = accounts.find(network, payment.merchant());
    Optional<OperationReason> refusal = MERCHANT.refusal(merchant);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    Optional<Outcome<VoucherPaid>> earlier = earlier(payment);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Set<String> categories = settings.merchantCategories(network, merchant.get().ownerRef());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Instant now = now();
      List<VoucherHolding> holdings = store.holdings(network, payment.beneficiaryRef());
      var drawable = new ArrayList<VoucherHolding>();
      long drawableTotal = 0;
      boolean validElsewhere = false;
      boolean expiredHere = false;
      for (VoucherHolding h : holdings) {
        if (h.remaining() <= 0 || h.status() != AccountStatus.OPEN) {
          continue;
        }
        boolean allowed = h.lot().allows(categories);
        if (!h.lot().validAt(now)) {
          expiredHere |= allowed;
        } else if (allowed) {
          drawable.add(h);
          drawableTotal += h.remaining();
        } else {
          validElsewhere = true;
        }
      }
      long amount = payment.amount().minorUnits();
      if (drawableTotal == 0) {
        if (validElsewhere) {
          return Outcome.refused(OperationReason.MERCHANT_CATEGORY_NOT_ALLOWED);
        }
        if (expiredHere) {
          return Outcome.refused(OperationReason.VOUCHERS_EXPIRED);
        }
        return Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS);
      }
      if (drawableTotal < amount) {
        return Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS);
      }
      var linked = new ArrayList<TransferCommand>();
      long left = amount;
      for (VoucherHolding h : drawable) {
        if (left == 0) {
          break;
        }
        long draw = Math.min(left, h.remaining());
        linked.add(
            TransferCommand.posted(
                    drawKey(payment.key(), linked.size()),
                    StrandKind.AFFECTE,
                    h.lot().account(),
                    payment.merchant(),
                    Amount.of(draw),
                    TransferCode.PAYMENT)
                .withReference(payment.reference()));
        left -= draw;
      }
      LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
      if (outcome.posted()) {
        return Outcome.done(new VoucherPaid(amount, outcome.transfers(), outcome.replayed()));
      }
      if (outcome.rejection() == RejectionReason.INSUFFICIENT_FUNDS) {
        continue; // a lot was drawn on meanwhile: read the lots again
      }
      Optional<Outcome<VoucherPaid>> concurrent = earlier(payment);
      return concurrent.orElse(Outcome.rejected(outcome.rejection()));
    }
    return Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS);
  }

  /**
   * Returns what is left of every expired lot to its funder (up to 1,000 lots a run). Idempotent
   * and safe to run concurrently with itself and with payments.
   */
  public ExpirySweep expireDue(NetworkId network) {
    List<VoucherStore.ExpiredLot> due = store.expiredWithBalance(network, now(), SWEEP_BATCH);
    var futures = new ArrayList<CompletableFuture<TransferOutcome>>(due.size());
    for (VoucherStore.ExpiredLot e : due) {
      VoucherLot lot = e.holding().lot();
      futures.add(
          transfers.submit(
              network,
              TransferCommand.posted(
                      new IdempotencyKey(
                          "voucher-expiry:" + lot.account() + ":" + e.creditsPosted()),
                      StrandKind.AFFECTE,
                      lot.account(),
                      lot.funder(),
                      Amount.of(e.holding().remaining()),
                      TransferCode.VOUCHER_EXPIRY)
                  .withReference("voucher-lot:" + lot.account())
                  .withMemo("expired " + lot.expiresAt())));
    }
    var returned = new ArrayList<Transfer>();
    int already = 0;
    Map<AccountId, RejectionReason> failed = new HashMap<>();
    for (int i = 0; i < due.size(); i++) {
      TransferOutcome o = futures.get(i).join();
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

  /**
   * The payment already made with this request's key, if any: a replay if it is this request's,
   * refused if the key served another request.
   */
  private Optional<Outcome<VoucherPaid>> earlier(VoucherPayment payment) {
    var found = new ArrayList<Transfer>();
    Optional<Transfer> next;
    while ((next = transfers.findByKey(payment.network(), drawKey(payment.key(), found.size())))
        .isPresent()) {
      found.add(next.get());
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    long total = found.stream().mapToLong(Transfer::amount).sum();
    boolean same =
        total == payment.amount().minorUnits()
            && found.stream()
                .allMatch(
                    t ->
                        t.code() == TransferCode.PAYMENT
                            && t.credit().equals(payment.merchant())
                            && t.reference().equals(payment.reference()));
    return Optional.of(
        same
            ? Outcome.done(new VoucherPaid(total, found, true))
            : Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
  }

  private static boolean sameGrant(VoucherLot lot, VoucherGrant grant) {
    return lot.funder().equals(grant.funder())
        && lot.beneficiaryRef().equals(grant.beneficiaryRef())
        && lot.amount() == grant.amount().minorUnits()
        && lot.expiresAt().equals(grant.expiresAt().truncatedTo(ChronoUnit.MICROS))
        && lot.categories().equals(grant.categories());
  }

  private static IdempotencyKey drawKey(IdempotencyKey key, int index) {
    return OperationKeys.leg(key, Integer.toString(index));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
