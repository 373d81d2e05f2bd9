package coop.sol.ledger.volunteer;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
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
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.Transfers;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Allowances and volunteer credits in SOL Engagement.
 *
 * <p>The allowance of an association is the available balance of its SOL Engagement account: what
 * coordinators granted (and anything else it received) minus what it credited. Crediting hours
 * beyond it is refused with {@link OperationReason#OVER_ALLOWANCE}; the ledger itself decides, so
 * two certifications at once can never both spend the last of an allowance.
 *
 * <p>Rounding: {@code floor(minutes × rate per hour / 60)} minor units, down (an association never
 * credits more than its rate); a certification worth less than one minor unit is refused ({@link
 * OperationReason#AMOUNT_ROUNDS_TO_ZERO}).
 */
public final class Volunteering {
  private static final AccountRequirement ASSOCIATION =
      AccountRequirement.of(StrandKind.ENGAGEMENT, OwnerKind.ASSOCIATION);
  private static final AccountRequirement MEMBER =
      AccountRequirement.of(StrandKind.ENGAGEMENT, OwnerKind.MEMBER);

  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;

  public Volunteering(Accounts accounts, Transfers transfers, NetworkSettings settings) {
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
  }

  /** Coordinators grant an association SOL Engagement to credit volunteers with. */
  public Outcome<AllowanceGranted> grantAllowance(
      NetworkId network, IdempotencyKey key, AccountId association, Amount amount, Actor by) {
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<OperationReason> refusal = ASSOCIATION.refusal(accounts.find(network, association));
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    var command =
        TransferCommand.posted(
                key,
                StrandKind.ENGAGEMENT,
                system.get().issuance(StrandKind.ENGAGEMENT),
                association,
                amount,
                TransferCode.VOLUNTEER_ALLOWANCE)
            .withReference("granted-by:" + by.id());
    TransferOutcome outcome = transfers.execute(network, command);
    if (outcome instanceof TransferOutcome.Posted p) {
      return Outcome.done(new AllowanceGranted(by, p.transfer(), p.replayed()));
    }
    return Outcome.rejected(((TransferOutcome.Rejected) outcome).reason());
  }

  /** What the association may still credit, in minor units of SOL Engagement. */
  public Outcome<Long> remainingAllowance(NetworkId network, AccountId association) {
    Optional<Account> account = accounts.find(network, association);
    Optional<OperationReason> refusal = ASSOCIATION.refusal(account);
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    return Outcome.done(Math.max(0, account.get().balance().available()));
  }

  /** Credits certified hours at the association's rate, within its allowance. */
  public Outcome<HoursCredited> certify(VolunteerHours hours) {
    var network = hours.network();
    Optional<Account> association = accounts.find(network, hours.association());
    Optional<OperationReason> refusal =
        ASSOCIATION
            .refusal(association)
            .or(() -> MEMBER.refusal(accounts.find(network, hours.member())));
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get());
    }
    Optional<Long> rate =
        settings.volunteerRate(network, association.get().ownerRef()).map(Versioned::value);
    if (rate.isEmpty()) {
      return Outcome.refused(OperationReason.NO_VOLUNTEER_RATE);
    }
    long amount = credit(hours.minutes(), rate.get());
    if (amount == 0) {
      return Outcome.refused(OperationReason.AMOUNT_ROUNDS_TO_ZERO);
    }
    String memo =
        hours.minutes()
            + " min"
            + (hours.description().isEmpty() ? "" : " - " + hours.description());
    var command =
        TransferCommand.posted(
                hours.key(),
                StrandKind.ENGAGEMENT,
                hours.association(),
                hours.member(),
                Amount.of(amount),
                TransferCode.VOLUNTEER_CREDIT)
            .withMemo(memo);
    TransferOutcome outcome = transfers.execute(network, command);
    if (outcome instanceof TransferOutcome.Posted p) {
      return Outcome.done(
          new HoursCredited(hours.minutes(), rate.get(), amount, p.transfer(), p.replayed()));
    }
    RejectionReason reason = ((TransferOutcome.Rejected) outcome).reason();
    return reason == RejectionReason.INSUFFICIENT_FUNDS
        ? Outcome.refused(OperationReason.OVER_ALLOWANCE)
        : Outcome.rejected(reason);
  }

  /** {@code floor(minutes × minorPerHour / 60)}, exact. */
  static long credit(long minutes, long minorPerHour) {
    return BigInteger.valueOf(minutes)
        .multiply(BigInteger.valueOf(minorPerHour))
        .divide(BigInteger.valueOf(60))
        .longValueExact();
  }
}
