package coop.sol.ledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.OptionalLong;

/** Builds journals at chosen local times (Europe/Paris) for report tests. */
public final class Journals {
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  public final LedgerFixture fx;
  public final SettableClock clock;

  public Journals(LedgerFixture fx, SettableClock clock) {
    this.fx = fx;
    this.clock = clock;
  }

  /** The ledger's clock now reads this Paris local time, e.g. "2026-03-01T00:30". */
  public Journals at(String parisLocalTime) {
    clock.set(LocalDateTime.parse(parisLocalTime).atZone(PARIS).toInstant());
    return this;
  }

  public Account open(OwnerKind kind, StrandKind strand, String name) {
    return fx.ledger
        .accounts()
        .open(
            fx.network.id(),
            strand,
            kind,
            name,
            name,
            kind == OwnerKind.SYSTEM ? OptionalLong.empty() : OptionalLong.of(0));
  }

  /** Posts a transfer and returns its journal row; fails the test if it is rejected. */
  public Transfer post(TransferCode code, Account from, Account to, long minor) {
    return posted(
        fx.ledger
            .transfers()
            .execute(
                fx.network.id(),
                TransferCommand.posted(
                    LedgerFixture.key(),
                    from.strand(),
                    from.id(),
                    to.id(),
                    Amount.of(minor),
                    code)));
  }

  public Transfer pending(TransferCode code, Account from, Account to, long minor) {
    return posted(
        fx.ledger
            .transfers()
            .execute(
                fx.network.id(),
                TransferCommand.pending(
                    LedgerFixture.key(),
                    from.strand(),
                    from.id(),
                    to.id(),
                    Amount.of(minor),
                    code,
                    null)));
  }

  public Transfer postPending(Transfer pending, long minor) {
    return posted(
        fx.ledger
            .transfers()
            .execute(
                fx.network.id(),
                TransferCommand.postPending(LedgerFixture.key(), pending.id(), Amount.of(minor))));
  }

  public Transfer voidPending(Transfer pending) {
    return posted(
        fx.ledger
            .transfers()
            .execute(
                fx.network.id(), TransferCommand.voidPending(LedgerFixture.key(), pending.id())));
  }

  private static Transfer posted(TransferOutcome outcome) {
    assertThat(outcome).isInstanceOf(TransferOutcome.Posted.class);
    return ((TransferOutcome.Posted) outcome).transfer();
  }
}
