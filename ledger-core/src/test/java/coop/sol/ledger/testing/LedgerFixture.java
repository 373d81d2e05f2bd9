package coop.sol.ledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.Balance;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ledger on a fresh database with one network, and small builders for accounts with a balance:
 * {@code fixture.aMember().withBalance("50.00")}. Balances are funded by real ISSUANCE transfers
 * from the strand's system issuance account, so the journal explains them.
 */
public final class LedgerFixture implements AutoCloseable {
  public final HikariDataSource dataSource;
  public final Ledger ledger;
  public final Network network;
  private final Map<StrandKind, Account> issuance = new EnumMap<>(StrandKind.class);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private LedgerFixture(HikariDataSource dataSource, Ledger ledger) {
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.network = ledger.networks().create("net-" + NAMES.incrementAndGet(), "Réseau de test");
  }

  public static LedgerFixture create() {
    return create(WriterSettings.DEFAULTS, Clock.systemUTC());
  }

  public static LedgerFixture create(WriterSettings settings, Clock clock) {
    return on(TestDatabase.newDatabase(), settings, clock);
  }

  /** A ledger on the given database (closed with the fixture), with a new network. */
  public static LedgerFixture on(HikariDataSource ds, WriterSettings settings, Clock clock) {
    return new LedgerFixture(ds, new Ledger(ds, settings, clock, WriteObserver.NONE));
  }

  /** The system account that issues a strand's money (no credit limit). */
  public synchronized Account issuance(StrandKind strand) {
    return issuance.computeIfAbsent(
        strand,
        s ->
            ledger
                .accounts()
                .open(
                    network.id(),
                    s,
                    OwnerKind.SYSTEM,
                    "issuance",
                    "Émission " + s,
                    OptionalLong.empty()));
  }

  public AccountBuilder aMember() {
    return new AccountBuilder(OwnerKind.MEMBER);
  }

  public AccountBuilder aMerchant() {
    return new AccountBuilder(OwnerKind.MERCHANT);
  }

  public AccountBuilder anAccount(OwnerKind kind) {
    return new AccountBuilder(kind);
  }

  public static IdempotencyKey key() {
    return new IdempotencyKey(UUID.randomUUID().toString());
  }

  public static Amount sol(String decimal) {
    return Decimals.parseAmount(decimal, 2);
  }

  public TransferOutcome pay(Account from, Account to, String amount) {
    return ledger
        .transfers()
        .execute(
            network.id(),
            TransferCommand.posted(
                key(), from.strand(), from.id(), to.id(), sol(amount), TransferCode.PAYMENT));
  }

  public Balance balance(Account account) {
    return balance(account.id());
  }

  public Balance balance(AccountId id) {
    return ledger.accounts().find(network.id(), id).orElseThrow().balance();
  }

  /** Asserts the ledger's invariants: chains valid, balances equal replay, zero sum per strand. */
  public void assertInvariants() {
    var report = ledger.verifier().verify(network.id());
    assertThat(report.firstDiscrepancy()).as("journal verification").isEmpty();
    for (StrandKind strand : StrandKind.values()) {
      assertThat(ledger.accounts().postedSum(network.id(), strand))
          .as("sum of %s balances", strand)
          .isZero();
    }
  }

  @Override
  public void close() {
    ledger.close();
    dataSource.close();
  }

  public final class AccountBuilder {
    private final OwnerKind kind;
    private StrandKind strand = StrandKind.COOPERATION;
    private long creditLimit;
    private String name;

    private AccountBuilder(OwnerKind kind) {
      this.kind = kind;
      this.name = kind.name().toLowerCase() + "-" + NAMES.incrementAndGet();
    }

    public AccountBuilder in(StrandKind newStrand) {
      this.strand = newStrand;
      return this;
    }

    public AccountBuilder withCreditLimit(String decimal) {
      this.creditLimit = Decimals.parse(decimal, 2);
      return this;
    }

    public AccountBuilder named(String newName) {
      this.name = newName;
      return this;
    }

    public Account open() {
      return ledger
          .accounts()
          .open(network.id(), strand, kind, name, name, OptionalLong.of(creditLimit));
    }

    public Account withBalance(String decimal) {
      Account account = open();
      if (Decimals.parse(decimal, 2) > 0) {
        var outcome =
            ledger
                .transfers()
                .execute(
                    network.id(),
                    TransferCommand.posted(
                        key(),
                        strand,
                        issuance(strand).id(),
                        account.id(),
                        sol(decimal),
                        TransferCode.ISSUANCE));
        assertThat(outcome.isPosted()).as("funding %s", outcome).isTrue();
      }
      return account;
    }
  }
}
