package coop.sol.ledger.refund;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.LinkedOutcome;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.Payments;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import coop.sol.ledger.transfer.Transfers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Refunds payments, by reversal: each REFUND transfer names the payment transfer it reverses,
 * debits the payee and credits the payer's account, so the journal ties every refund to its
 * payment. The ledger refuses reversals beyond a transfer's amount (REVERSAL_EXCEEDS_ORIGINAL),
 * which is what keeps the total of refunds within the payment, also when refunds race.
 *
 * <p>For a payment of several transfers the amount is spread from the <b>last</b> transfer to the
 * first, each taking what it has left to refund (for a voucher payment, the value goes back to the
 * lot that expires last). Anything beyond what the whole payment has left is put on the last
 * transfer, for the ledger to reject. No rounding: amounts are whole minor units.
 *
 * <p>Each refund transfer has the key {@code <key>/<index of the payment transfer>}; a retry with
 * the same key answers the refund already made.
 *
 * <p>This is the one refund of the installation: the API, the pages and the till all refund through
 * {@link #refund(RefundOrder)}, naming the payment by any of its transfers; who may refund how much
 * (a cashier's limit) is theirs to decide before.
 */
public final class Refunds {
  private final Transfers transfers;
  private final Payments payments;
  private final RefundStore store;

  public Refunds(DataSource dataSource, Transfers transfers, Payments payments) {
    this.transfers = transfers;
    this.payments = payments;
    this.store = new RefundStore(dataSource);
  }

  /**
   * What is left to refund of the payment {@code payment} belongs to (all its legs), in minor
   * units.
   */
  public Outcome<Long> refundable(NetworkId network, TransferId payment) {
    Optional<List<Transfer>> legs = payments.legs(network, payment);
    if (legs.isEmpty()) {
      return Outcome.refused(OperationReason.PAYMENT_NOT_FOUND);
    }
    Map<TransferId, Long> reversed =
        store.reversedSoFar(network, legs.get().stream().map(Transfer::id).toList());
    return Outcome.done(
        legs.get().stream().mapToLong(t -> t.amount() - reversed.getOrDefault(t.id(), 0L)).sum());
  }

  /**
   * Refunds all or part of the payment named by one of its transfers: every leg of a payment drawn
   * on several voucher lots, the amount spread as the class comment says; {@code amount} null
   * refunds all that is left (REVERSAL_EXCEEDS_ORIGINAL when nothing is).
   */
  public Outcome<Refunded> refund(RefundOrder order) {
    Optional<List<Transfer>> legs = payments.legs(order.network(), order.payment());
    if (legs.isEmpty()) {
      return Outcome.refused(OperationReason.PAYMENT_NOT_FOUND);
    }
    List<TransferId> ids = legs.get().stream().map(Transfer::id).toList();
    Amount amount = order.amount();
    if (amount == null) {
      // all that is left: a retry answers the refund this key made, whatever its amount
      Optional<Outcome<Refunded>> earlier =
          earlier(order.network(), order.key(), order.payee(), ids, null);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      long left = refundable(order.network(), order.payment()).orElseThrow();
      if (left <= 0) {
        return Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL);
      }
      amount = Amount.of(left);
    }
    return refund(
        new RefundRequest(order.network(), order.key(), order.payee(), ids, amount, order.memo()));
  }

  public Outcome<Refunded> refund(RefundRequest request) {
    NetworkId network = request.network();
    Optional<Outcome<Refunded>> earlier = earlier(request);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    var legs = new ArrayList<Transfer>(request.payment().size());
    for (TransferId id : request.payment()) {
      Optional<Transfer> t = transfers.find(network, id);
      if (t.isEmpty()) {
        return Outcome.refused(OperationReason.PAYMENT_NOT_FOUND);
      }
      if (t.get().code() != TransferCode.PAYMENT
          || (t.get().kind() != TransferKind.POSTED
              && t.get().kind() != TransferKind.POST_PENDING)) {
        return Outcome.refused(OperationReason.TRANSFER_NOT_REFUNDABLE);
      }
      if (!t.get().credit().equals(request.payee())) {
        return Outcome.refused(OperationReason.NOT_THE_PAYEE);
      }
      legs.add(t.get());
    }
    long[] shares = spread(legs, request.amount().minorUnits(), network);
    var linked = new ArrayList<TransferCommand>();
    for (int i = 0; i < legs.size(); i++) {
      if (shares[i] == 0) {
        continue;
      }
      Transfer leg = legs.get(i);
      linked.add(
          TransferCommand.posted(
                  legKey(request.key(), i),
                  leg.strand(),
                  request.payee(),
                  leg.debit(),
                  Amount.of(shares[i]),
                  TransferCode.REFUND)
              .reversing(leg.id())
              .withReference(leg.reference())
              .withMemo(request.memo()));
    }
    LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
    if (outcome.posted()) {
      return Outcome.done(
          new Refunded(request.amount().minorUnits(), outcome.transfers(), outcome.replayed()));
    }
    if (isKeyConflict(outcome.rejection())) {
      // a concurrent retry with the same key posted first: answer what it posted
      Optional<Outcome<Refunded>> concurrent = earlier(request);
      if (concurrent.isPresent()) {
        return concurrent.get();
      }
    }
    return Outcome.rejected(outcome.rejection());
  }

  /** Shares of {@code amount} per leg, from the last leg back; any excess on the last leg. */
  private long[] spread(List<Transfer> legs, long amount, NetworkId network) {
    Map<TransferId, Long> reversed =
        store.reversedSoFar(network, legs.stream().map(Transfer::id).toList());
    long[] shares = new long[legs.size()];
    long left = amount;
    for (int i = legs.size() - 1; i >= 0 && left > 0; i--) {
      Transfer leg = legs.get(i);
      long room = leg.amount() - reversed.getOrDefault(leg.id(), 0L);
      shares[i] = Math.min(room, left);
      left -= shares[i];
    }
    shares[legs.size() - 1] += left;
    return shares;
  }

  /**
   * The refund already made with this request's key, if any: answered as a replay if it is this
   * request's, refused if the key served another request.
   */
  private Optional<Outcome<Refunded>> earlier(RefundRequest request) {
    return earlier(
        request.network(),
        request.key(),
        request.payee(),
        request.payment(),
        request.amount().minorUnits());
  }

  /**
   * The refund made with {@code key} of these payment transfers, if any: a replay if it is the same
   * refund (of {@code amount} minor units, or of any amount when null), refused otherwise.
   */
  private Optional<Outcome<Refunded>> earlier(
      NetworkId network,
      IdempotencyKey key,
      AccountId payee,
      List<TransferId> payment,
      Long amount) {
    var found = new ArrayList<Transfer>();
    boolean same = true;
    for (int i = 0; i < payment.size(); i++) {
      Optional<Transfer> t = transfers.findByKey(network, legKey(key, i));
      if (t.isPresent()) {
        found.add(t.get());
        same &=
            t.get().code() == TransferCode.REFUND
                && t.get().debit().equals(payee)
                && t.get().reverses().equals(Optional.of(payment.get(i)));
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    long total = found.stream().mapToLong(Transfer::amount).sum();
    if (!same || (amount != null && total != amount)) {
      return Optional.of(Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
    }
    return Optional.of(Outcome.done(new Refunded(total, found, true)));
  }

  private static IdempotencyKey legKey(IdempotencyKey key, int index) {
    return OperationKeys.leg(key, Integer.toString(index));
  }

  private static boolean isKeyConflict(RejectionReason reason) {
    return reason == RejectionReason.EXISTS_WITH_DIFFERENT_AMOUNT
        || reason == RejectionReason.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT
        || reason == RejectionReason.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT
        || reason == RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS;
  }
}
