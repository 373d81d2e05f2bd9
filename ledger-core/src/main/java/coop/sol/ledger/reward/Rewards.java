package coop.sol.ledger.reward;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.Networks;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.AccountRequirement;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import java.util.Optional;

/**
 * Pays members the reward of merchants on purchases paid in euros.
 *
 * <p>The reward is {@code floor(euros / euro rate × merchant's rate)} in minor units of SOL
 * Coopération, computed in one exact division (no intermediate rounding) and rounded <b>down</b>: a
 * merchant never pays more than its rate. A purchase whose reward rounds to zero is refused ({@link
 * OperationReason#AMOUNT_ROUNDS_TO_ZERO}) rather than recorded as nothing. The merchant pays from
 * its own balance: without enough SOL the ledger rejects the reward (INSUFFICIENT_FUNDS).
 */
public final class Rewards {
  private static final AccountRequirement MERCHANT =
      AccountRequirement.of(StrandKind.COOPERATION, OwnerKind.MERCHANT);
  private static final AccountRequirement MEMBER =
      AccountRequirement.of(StrandKind.COOPERATION, OwnerKind.MEMBER);

  private final Networks networks;
  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;

  public Rewards(
      Networks networks, Accounts accounts, Transfers transfers, NetworkSettings settings) {
    this.networks = networks;
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
  }

  public Outcome<RewardPaid> reward(PurchaseReward purchase) {
    var network = purchase.network();
    Optional<Account> merchant = accounts.find(network, purchase.merchant());
    Optional<OperationReason> refusal =
        MERCHANT
            .refusal(merchant)
            .or(() -> MEMBER.refusal(accounts.find(network, purchase.member())));
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    Optional<Versioned<NetworkRates>> rates = settings.rates(network);
    if (rates.isEmpty()) {
      return Outcome.refused(OperationReason.RATES_NOT_SET);
    }
    Optional<BasisPoints> rate =
        settings.rewardRate(network, merchant.get().ownerRef()).map(Versioned::value);
    if (rate.isEmpty() || rate.get().isZero()) {
      return Outcome.refused(OperationReason.NO_REWARD_RATE);
    }
    Network scales = networks.find(network).orElseThrow();
    long amount;
    try {
      amount =
          rates
              .get()
              .value()
              .euroRate()
              .solFor(
                  purchase.eurosPaid().minorUnits(),
                  scales.scale(StrandKind.EURO),
                  scales.scale(StrandKind.COOPERATION),
                  rate.get());
    } catch (ArithmeticException tooMuch) {
      return Outcome.rejected(RejectionReason.BALANCE_OVERFLOW);
    }
    if (amount == 0) {
      return Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO);
    }
    var command =
        TransferCommand.posted(
                purchase.key(),
                StrandKind.COOPERATION,
                purchase.merchant(),
                purchase.member(),
                Amount.of(amount),
                TransferCode.REWARD)
            .withReference(purchase.receipt())
            .withMemo(
                "reward "
                    + rate.get()
                    + " of "
                    + coop.sol.ledger.money.Decimals.format(
                        purchase.eurosPaid().minorUnits(), scales.scale(StrandKind.EURO))
                    + " EUR");
    TransferOutcome outcome = transfers.execute(network, command);
    if (outcome instanceof TransferOutcome.Posted p) {
      return Outcome.done(new RewardPaid(rate.get(), amount, p.transfer(), p.replayed()));
    }
    return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
  }
}
