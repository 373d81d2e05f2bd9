package coop.sol.ledger.reconversion;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.Networks;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.LinkedOutcome;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.SystemAccounts;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.Transfers;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Turns merchants' SOL Coopération into euros. One linked list, all or nothing:
 *
 * <ol>
 *   <li>RECONVERSION, merchant → Coopération issuance: the net SOL (they stop circulating);
 *   <li>RECONVERSION_FEE, merchant → the association's fund: the fee, if not zero;
 *   <li>RESERVE_WITHDRAWAL, euro ledger, guarantee fund → euros outside: the euros paid out.
 * </ol>
 *
 * Rounding is in {@link ReconversionQuote}. Refused for anything but a merchant's account ({@link
 * OperationReason#ONLY_MERCHANTS_RECONVERT}) of SOL Coopération ({@link
 * OperationReason#STRAND_NOT_CONVERTIBLE}), when the euros round to zero, and when the guarantee
 * fund holds less than the euros to pay ({@link OperationReason#RESERVE_INSUFFICIENT}).
 */
public final class Reconversions {
  private final Networks networks;
  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;

  public Reconversions(
      Networks networks, Accounts accounts, Transfers transfers, NetworkSettings settings) {
    this.networks = networks;
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
  }

  /** What reconverting {@code sol} minor units would give now, at the network's rates. */
  public Outcome<ReconversionQuote> quote(NetworkId network, Amount sol) {
    Optional<Versioned<NetworkRates>> rates = settings.rates(network);
    if (rates.isEmpty()) {
      return Outcome.refused(OperationReason.RATES_NOT_SET);
    }
    Network scales = networks.find(network).orElseThrow();
    try {
      return Outcome.done(
          ReconversionQuote.of(
              sol.minorUnits(),
              rates.get().value().reconversionFee(),
              rates.get().value().euroRate(),
              scales.scale(StrandKind.COOPERATION),
              scales.scale(StrandKind.EURO)));
    } catch (ArithmeticException tooMuch) {
      return Outcome.rejected(RejectionReason.BALANCE_OVERFLOW);
    }
  }

  public Outcome<Reconverted> reconvert(ReconversionRequest request) {
    NetworkId network = request.network();
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<Account> account = accounts.find(network, request.account());
    if (account.isEmpty()) {
      return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
    }
    if (account.get().ownerKind() != OwnerKind.MERCHANT) {
      return Outcome.refused(OperationReason.ONLY_MERCHANTS_RECONVERT);
    }
    if (account.get().strand() != StrandKind.COOPERATION) {
      return Outcome.refused(OperationReason.STRAND_NOT_CONVERTIBLE);
    }
    Outcome<ReconversionQuote> quoted = quote(network, request.sol());
    if (!(quoted instanceof Outcome.Done<ReconversionQuote> done)) {
      return quoted.failure();
    }
    ReconversionQuote q = done.value();
    if (q.euros() == 0) {
      return Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO);
    }
    String reference = "reconversion";
    Network scales = networks.find(network).orElseThrow();
    int solScale = scales.scale(StrandKind.COOPERATION);
    String memo =
        Decimals.format(q.sol(), solScale)
            + " SOL: fee "
            + Decimals.format(q.fee(), solScale)
            + " SOL, paid "
            + Decimals.format(q.euros(), scales.scale(StrandKind.EURO))
            + " EUR";
    var linked = new ArrayList<TransferCommand>(3);
    linked.add(
        TransferCommand.posted(
                OperationKeys.leg(request.key(), "sol"),
                StrandKind.COOPERATION,
                request.account(),
                system.get().issuance(StrandKind.COOPERATION),
                Amount.of(q.net()),
                TransferCode.RECONVERSION)
            .withReference(reference)
            .withMemo(memo));
    if (q.fee() > 0) {
      linked.add(
          TransferCommand.posted(
                  OperationKeys.leg(request.key(), "fee"),
                  StrandKind.COOPERATION,
                  request.account(),
                  system.get().fund(StrandKind.COOPERATION),
                  Amount.of(q.fee()),
                  TransferCode.RECONVERSION_FEE)
              .withReference(reference)
              .withMemo(memo));
    }
    int euroLeg = linked.size();
    linked.add(
        TransferCommand.posted(
                OperationKeys.leg(request.key(), "euros"),
                StrandKind.EURO,
                system.get().euroReserve(),
                system.get().euroOutside(),
                Amount.of(q.euros()),
                TransferCode.RESERVE_WITHDRAWAL)
            .withReference(reference)
            .withMemo(memo));
    LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
    if (outcome.posted()) {
      return Outcome.done(new Reconverted(q, outcome.transfers(), outcome.replayed()));
    }
    if (outcome.failedLeg() == euroLeg
        && outcome.rejection() == RejectionReason.INSUFFICIENT_FUNDS) {
      return Outcome.refused(OperationReason.RESERVE_INSUFFICIENT);
    }
    return Outcome.rejected(outcome.rejection());
  }
}
