package coop.sol.ledger.testing;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.SystemAccounts;
import coop.sol.ledger.transfer.WriterSettings;
import java.time.Instant;

/**
 * A {@link LedgerFixture} with the SOL operations on top, a {@link TestClock} shared by both, and
 * the network set up (system accounts; rates 1 SOL = 1 EUR, no bonus, 5 % reconversion fee unless a
 * test changes them). The fixture's issuance accounts are the network's, so balances funded with
 * {@code withBalance} count as circulation like any other issuance.
 */
public final class OperationsFixture implements AutoCloseable {
  public static final Instant START = Instant.parse("2030-01-01T08:00:00Z");
  public static final Actor ADMIN = Actor.of("admin");

  public final TestClock clock;
  public final LedgerFixture fx;
  public final Operations ops;
  public final SystemAccounts system;

  private OperationsFixture(TestClock clock, LedgerFixture fx) {
    this.clock = clock;
    this.fx = fx;
    this.ops = new Operations(fx.ledger, fx.dataSource, clock);
    for (StrandKind strand :
        new StrandKind[] {StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE}) {
      fx.issuance(strand); // opened first, so that set-up adopts them
    }
    this.system = ops.settings().setUp(network());
    setRates("1", 0, 500);
  }

  public static OperationsFixture create() {
    var clock = new TestClock(START);
    return new OperationsFixture(clock, LedgerFixture.create(WriterSettings.DEFAULTS, clock));
  }

  public NetworkId network() {
    return fx.network.id();
  }

  public void setRates(String eurosPerSol, int bonusBp, int feeBp) {
    ops.settings()
        .changeRates(
            network(),
            new NetworkRates(
                EuroRate.of(eurosPerSol), BasisPoints.of(bonusBp), BasisPoints.of(feeBp)),
            ADMIN);
  }

  public LedgerFixture.AccountBuilder aMember() {
    return fx.aMember();
  }

  public LedgerFixture.AccountBuilder aMerchant() {
    return fx.aMerchant();
  }

  public LedgerFixture.AccountBuilder an(OwnerKind kind) {
    return fx.anAccount(kind);
  }

  public long balance(Account account) {
    return fx.balance(account).posted();
  }

  public long balance(AccountId account) {
    return fx.balance(account).posted();
  }

  public void assertInvariants() {
    fx.assertInvariants();
  }

  @Override
  public void close() {
    fx.close();
  }
}
