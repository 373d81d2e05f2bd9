package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.Callers;
import coop.sol.web.user.Role;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A network of its own with a journal of known figures, all of today: 100.00 issued to the member,
 * who pays 30.00 to a merchant, who pays 5.00 to another merchant. Circulation 0 → 100.00; payments
 * 2 for 35.00; the member holds 70.00, the merchants 25.00 and 5.00.
 */
final class SmallJournal {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  final Callers callers;
  final Network network;
  final String coordinator;
  final String member;
  final String member2;
  final String merchant;
  final String merchant2;
  final Transfer memberPays;

  SmallJournal(Callers callers) {
    this.callers = callers;
    network = callers.newNetwork("rapport");
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    member = callers.newUser("membre", Role.MEMBER, network, "100.00");
    member2 = callers.newUser("membre", Role.MEMBER, network, null);
    merchant = callers.newUser("commerce", Role.MERCHANT, network, null);
    merchant2 = callers.newUser("commerce", Role.MERCHANT, network, null);
    memberPays = pay(member, OwnerKind.MEMBER, merchant, 3000, "p1");
    pay(merchant, OwnerKind.MERCHANT, merchant2, 500, "p2");
  }

  Transfer pay(String from, OwnerKind fromKind, String to, long minor, String key) {
    Account debit = callers.account(network, fromKind, from, StrandKind.COOPERATION);
    Account credit = callers.account(network, OwnerKind.MERCHANT, to, StrandKind.COOPERATION);
    var outcome =
        callers
            .ledger()
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                    new IdempotencyKey(key),
                    StrandKind.COOPERATION,
                    debit.id(),
                    credit.id(),
                    Amount.of(minor),
                    TransferCode.PAYMENT));
    assertThat(outcome.isPosted()).isTrue();
    return ((TransferOutcome.Posted) outcome).transfer();
  }

  static String month() {
    return YearMonth.now(PARIS).toString();
  }
}
