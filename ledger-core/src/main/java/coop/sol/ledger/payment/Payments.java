package coop.sol.ledger.payment;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
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
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import coop.sol.ledger.voucher.VoucherHolding;
import coop.sol.ledger.voucher.Vouchers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one path every payment takes, whatever its door (the API, the pages, a payment request, a pay
 * token, a voucher payment, the till): it builds the PAYMENT transfers and asks the ledger, which
 * decides them under its writer with the rules that protect money — both accounts in the network
 * and in one strand, the payer holding the debit account, no payment into a system account, a
 * voucher lot's own rules (its categories, its expiry), account status and limits — and answers a
 * typed outcome. The doors authenticate and authorize the caller, and translate.
 *
 * <p><b>Keys.</b> A payment's first transfer has the order's key; a payment drawn on several
 * voucher lots keys the others {@code <key>/1}, {@code <key>/2}..., posted as one linked list (all
 * or none). A retry with the same key answers the payment made (replayed), and posts nothing.
 */
public final class Payments {
  /** Draws attempted when concurrent payments keep emptying the lots just read. */
  private static final int VOUCHER_ATTEMPTS = 5;

  /** A leg's key: its payment's key, a slash, its index (1, 2...; the first leg has none). */
  private static final Pattern LEG = Pattern.compile("(.+)/([0-9]{1,3})");

  private final Accounts accounts;
  private final Transfers transfers;
  private final Vouchers vouchers;
  private final NetworkSettings settings;
  private final Clock clock;

  public Payments(
      Accounts accounts,
      Transfers transfers,
      Vouchers vouchers,
      NetworkSettings settings,
      Clock clock) {
    this.accounts = accounts;
    this.transfers = transfers;
    this.vouchers = vouchers;
    this.settings = settings;
    this.clock = clock;
  }

  /** Pays; see the class comment. Never throws for a business reason. */
  public Outcome<Paid> pay(PaymentOrder order) {
    if (order.source() instanceof Source.FromAccount from) {
      TransferCommand command =
          TransferCommand.posted(
                  order.key(),
                  order.strand(),
                  from.account(),
                  order.payee(),
                  order.amount(),
                  TransferCode.PAYMENT)
              .withReference(order.reference())
              .withMemo(order.memo())
              .paidBy(order.payer());
      TransferOutcome outcome = transfers.execute(order.network(), command);
      if (outcome instanceof TransferOutcome.Posted posted) {
        return Outcome.done(
            new Paid(List.of(posted.transfer()), posted.transfer().amount(), posted.replayed()));
      }
      return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
    }
    return fromVouchers(order);
  }

  /**
   * The transfers of the payment {@code id} belongs to, in order (one, or one per voucher lot drawn
   * on); empty if there is no such transfer in the network.
   */
  public Optional<List<Transfer>> legs(NetworkId network, TransferId id) {
    Optional<Transfer> found = transfers.find(network, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Transfer transfer = found.get();
    if (transfer.code() != TransferCode.PAYMENT) {
      return Optional.of(List.of(transfer));
    }
    Matcher leg = LEG.matcher(transfer.key().value());
    String base = leg.matches() ? leg.group(1) : transfer.key().value();
    List<Transfer> legs = group(network, base, transfer);
    return Optional.of(legs.contains(transfer) ? legs : List.of(transfer));
  }

  /**
   * The legs keyed {@code base}, {@code base/1}... (or {@code base/0}, {@code base/1}... for
   * voucher payments made before the first leg took the payment's key), that belong with {@code
   * like}: the same payee, in the same commit.
   */
  private List<Transfer> group(NetworkId network, String base, Transfer like) {
    var legs = new ArrayList<Transfer>();
    Optional<Transfer> first = sameGroup(transfers.findByKey(network, key(base)), like);
    if (first.isEmpty()) {
      first = sameGroup(transfers.findByKey(network, key(base + "/0")), like);
    }
    if (first.isEmpty()) {
      return legs;
    }
    legs.add(first.get());
    for (int i = 1; ; i++) {
      Optional<Transfer> next = sameGroup(transfers.findByKey(network, key(base + "/" + i)), like);
      if (next.isEmpty()) {
        return legs;
      }
      legs.add(next.get());
    }
  }

  private static Optional<Transfer> sameGroup(Optional<Transfer> candidate, Transfer like) {
    return candidate.filter(
        t ->
            t.code() == TransferCode.PAYMENT
                && t.credit().equals(like.credit())
                && t.createdAt().equals(like.createdAt()));
  }

  // --- earmarked vouchers

  /**
   * The payer's voucher lots that a payment of {@code amount} to {@code payee} would draw on now,
   * in the order it draws them (valid now, open, holding something, allowing one of the payee's
   * categories; earliest expiry first, ties the older lot), each with what it would give; only the
   * first lots needed when {@code amount} is given (> 0), all of them otherwise. What the pages
   * show before a payment ("paid by the town hall's food voucher"); the payment itself decides
   * again.
   *
   * @return empty when none may pay there (or the payee is not a merchant of SOL Affecté)
   */
  public List<VoucherDraw> voucherDraw(
      NetworkId network, String payerRef, AccountId payee, long amount) {
    Optional<Account> merchant = accounts.find(network, payee);
    if (merchant.isEmpty()
        || merchant.get().strand() != StrandKind.AFFECTE
        || merchant.get().ownerKind() != OwnerKind.MERCHANT) {
      return List.of();
    }
    Set<String> categories = settings.merchantCategories(network, merchant.get().ownerRef());
    Instant now = clock.instant();
    var draws = new ArrayList<VoucherDraw>();
    long left = amount;
    for (VoucherHolding h : vouchers.holdings(network, payerRef)) {
      if (amount > 0 && left <= 0) {
        break;
      }
      if (paysHere(h, now, categories)) {
        long draw = amount > 0 ? Math.min(left, h.remaining()) : h.remaining();
        draws.add(new VoucherDraw(h, draw));
        left -= draw;
      }
    }
    return List.copyOf(draws);
  }

  /**
   * A lot a voucher payment draws on.
   *
   * @param draw what it gives, in minor units, > 0
   */
  public record VoucherDraw(VoucherHolding holding, long draw) {}

  private Outcome<Paid> fromVouchers(PaymentOrder order) {
    if (order.payer() == null) {
      throw new IllegalArgumentException("a payment with vouchers names its payer");
    }
    NetworkId network = order.network();
    Optional<Account> payee = accounts.find(network, order.payee());
    if (payee.isEmpty()) {
      return Outcome.rejected(RejectionReason.CREDIT_ACCOUNT_NOT_FOUND);
    }
    if (order.strand() != StrandKind.AFFECTE || payee.get().strand() != StrandKind.AFFECTE) {
      return Outcome.rejected(RejectionReason.STRAND_MISMATCH);
    }
    if (payee.get().ownerKind() != OwnerKind.MERCHANT) {
      return Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED);
    }
    Optional<Outcome<Paid>> earlier = earlier(order);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Set<String> categories = settings.merchantCategories(network, payee.get().ownerRef());
    for (int attempt = 1; attempt <= VOUCHER_ATTEMPTS; attempt++) {
      List<VoucherHolding> drawable = new ArrayList<>();
      Optional<RejectionReason> none = drawable(order, categories, drawable);
      if (none.isPresent()) {
        return Outcome.rejected(none.get());
      }
      var linked = new ArrayList<TransferCommand>();
      long left = order.amount().minorUnits();
      for (VoucherHolding h : drawable) {
        if (left == 0) {
          break;
        }
        long draw = Math.min(left, h.remaining());
        linked.add(
            TransferCommand.posted(
                    legKey(order.key(), linked.size()),
                    StrandKind.AFFECTE,
                    h.lot().account(),
                    order.payee(),
                    Amount.of(draw),
                    TransferCode.PAYMENT)
                .withReference(order.reference())
                .withMemo(order.memo())
                .paidBy(order.payer()));
        left -= draw;
      }
      LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
      if (outcome.posted()) {
        return Outcome.done(
            new Paid(outcome.transfers(), order.amount().minorUnits(), outcome.replayed()));
      }
      if (outcome.rejection() == RejectionReason.INSUFFICIENT_FUNDS) {
        continue; // a lot was drawn on meanwhile: read the lots again
      }
      return earlier(order).orElse(Outcome.rejected(outcome.rejection()));
    }
    return Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS);
  }

  /**
   * Fills {@code drawable} with the payer's lots that may pay here now, earliest expiry first; or
   * says why none covers the amount.
   */
  private Optional<RejectionReason> drawable(
      PaymentOrder order, Set<String> categories, List<VoucherHolding> drawable) {
    Instant now = clock.instant();
    long total = 0;
    boolean validElsewhere = false;
    boolean expiredHere = false;
    boolean frozen = false;
    for (VoucherHolding h : vouchers.holdings(order.network(), order.payer().ownerRef())) {
      if (h.remaining() > 0 && h.status() == AccountStatus.FROZEN) {
        frozen = true;
      }
      if (h.remaining() <= 0 || h.status() != AccountStatus.OPEN) {
        continue;
      }
      boolean allowed = h.lot().allows(categories);
      if (!h.lot().validAt(now)) {
        expiredHere |= allowed;
      } else if (paysHere(h, now, categories)) {
        drawable.add(h);
        total += h.remaining();
      } else {
        validElsewhere = true;
      }
    }
    if (total < order.amount().minorUnits() && frozen) {
      // lots frozen by a coordinator (the payer's, or the whole person) pay nothing
      return Optional.of(RejectionReason.DEBIT_ACCOUNT_FROZEN);
    }
    if (total == 0 && validElsewhere) {
      return Optional.of(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED);
    }
    if (total == 0 && expiredHere) {
      return Optional.of(RejectionReason.VOUCHERS_EXPIRED);
    }
    if (total < order.amount().minorUnits()) {
      return Optional.of(RejectionReason.INSUFFICIENT_FUNDS);
    }
    return Optional.empty();
  }

  /**
   * The voucher payment already made with this order's key, if any: a replay if it is this order's,
   * refused if the key served another request.
   */
  private Optional<Outcome<Paid>> earlier(PaymentOrder order) {
    NetworkId network = order.network();
    Optional<Transfer> first = transfers.findByKey(network, order.key());
    List<Transfer> found;
    if (first.isPresent()) {
      found = group(network, order.key().value(), first.get());
      if (found.isEmpty()) {
        return Optional.of(Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
      }
    } else {
      // a voucher payment made before its first leg took the payment's key: <key>/0, <key>/1...
      Optional<Transfer> legacy = transfers.findByKey(network, key(order.key().value() + "/0"));
      if (legacy.isEmpty()) {
        return Optional.empty();
      }
      found = group(network, order.key().value(), legacy.get());
    }
    long total = found.stream().mapToLong(Transfer::amount).sum();
    boolean same =
        total == order.amount().minorUnits()
            && found.stream()
                .allMatch(
                    t ->
                        t.credit().equals(order.payee())
                            && t.reference().equals(order.reference()));
    return Optional.of(
        same
            ? Outcome.done(new Paid(found, total, true))
            : Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
  }

  /** A lot that may pay a merchant of {@code categories} at {@code now}. */
  private static boolean paysHere(VoucherHolding h, Instant now, Set<String> categories) {
    return h.remaining() > 0
        && h.status() == AccountStatus.OPEN
        && h.lot().validAt(now)
        && h.lot().allows(categories);
  }

  /** Leg 0 has the payment's key; leg i the key {@code <key>/i}. */
  static IdempotencyKey legKey(IdempotencyKey key, int index) {
    return index == 0 ? key : OperationKeys.leg(key, Integer.toString(index));
  }

  private static IdempotencyKey key(String value) {
    return new IdempotencyKey(value);
  }
}
