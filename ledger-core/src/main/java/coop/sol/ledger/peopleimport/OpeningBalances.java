package coop.sol.ledger.peopleimport;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.Accounts;
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
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.Transfers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opening balances an import gives: what a person held in the network's previous system, now
 * issued to their account, once.
 *
 * <p>Each is one linked list (all or nothing): ISSUANCE, the strand's issuance account → the
 * person's account; and for SOL Coopération, which is euro-backed, the euros that back it already
 * in the guarantee fund, RESERVE_DEPOSIT euros outside → the reserve, {@code floor(SOL × rate)} at
 * the network's rate (left out when that rounds to zero), so the coverage ratio stays true.
 *
 * <p>The key is {@link #key}: the network, the username and the strand — never the line's number
 * nor the file — so running a file again, reordered or not, or two runs at once, post each balance
 * once; a run with another amount for the same person and strand is refused by the ledger ({@code
 * EXISTS_WITH_DIFFERENT_AMOUNT}), never posted twice.
 */
public final class OpeningBalances {
  private final Networks networks;
  private final Accounts accounts;
  private final Transfers transfers;
  private final NetworkSettings settings;

  public OpeningBalances(
      Networks networks, Accounts accounts, Transfers transfers, NetworkSettings settings) {
    this.networks = networks;
    this.accounts = accounts;
    this.transfers = transfers;
    this.settings = settings;
  }

  /**
   * An opening balance on the journal.
   *
   * @param replayed whether an earlier run had posted it (this one posted nothing)
   */
  public record Posted(List<Transfer> transfers, boolean replayed) {
    public Posted {
      transfers = List.copyOf(transfers);
    }
  }

  /** The idempotency key of a person's opening balance in a strand. */
  public static IdempotencyKey key(NetworkId network, String username, StrandKind strand) {
    return new IdempotencyKey(
        "opening:" + network.value() + ":" + username + ":" + strand.name().toLowerCase());
  }

  /** Why balances cannot be posted in the network at all, if so. */
  public Optional<OperationReason> unavailable(NetworkId network, boolean cooperation) {
    if (settings.systemAccounts(network).isEmpty()) {
      return Optional.of(OperationReason.NOT_SET_UP);
    }
    if (cooperation && settings.rates(network).isEmpty()) {
      return Optional.of(OperationReason.RATES_NOT_SET);
    }
    return Optional.empty();
  }

  /**
   * Posts {@code balance} to {@code username}'s account of its holder kind, or answers the one an
   * earlier run posted (a replay).
   */
  public Outcome<Posted> post(
      NetworkId network, String username, ImportLine.OpeningBalance balance) {
    StrandKind strand = balance.strand();
    Optional<SystemAccounts> system = settings.systemAccounts(network);
    if (system.isEmpty()) {
      return Outcome.refused(OperationReason.NOT_SET_UP);
    }
    Optional<Account> account =
        accounts.findByOwner(network, balance.holder(), username).stream()
            .filter(a -> a.strand() == strand)
            .findFirst();
    if (account.isEmpty()) {
      return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
    }
    Network scales = networks.find(network).orElseThrow();
    IdempotencyKey key = key(network, username, strand);
    String memo = "opening balance " + Decimals.format(balance.amount(), scales.scale(strand));
    List<TransferCommand> linked = new ArrayList<>(2);
    linked.add(
        TransferCommand.posted(
                OperationKeys.leg(key, "sol"),
                strand,
                system.get().issuance(strand),
                account.get().id(),
                Amount.of(balance.amount()),
                TransferCode.ISSUANCE)
            .withReference("import:" + username)
            .withMemo(memo));
    if (strand == StrandKind.COOPERATION) {
      Optional<Versioned<NetworkRates>> rates = settings.rates(network);
      if (rates.isEmpty()) {
        return Outcome.refused(OperationReason.RATES_NOT_SET);
      }
      long euros =
          rates
              .get()
              .value()
              .euroRate()
              .eurosFor(balance.amount(), scales.scale(strand), scales.scale(StrandKind.EURO));
      if (euros > 0) {
        linked.add(
            TransferCommand.posted(
                    OperationKeys.leg(key, "euros"),
                    StrandKind.EURO,
                    system.get().euroOutside(),
                    system.get().euroReserve(),
                    Amount.of(euros),
                    TransferCode.RESERVE_DEPOSIT)
                .withReference("import:" + username)
                .withMemo(memo));
      }
    }
    LinkedOutcome outcome = LinkedOutcome.of(transfers.executeLinked(network, linked));
    if (!outcome.posted()) {
      return Outcome.rejected(outcome.rejection());
    }
    return Outcome.done(new Posted(outcome.transfers(), outcome.replayed()));
  }
}
