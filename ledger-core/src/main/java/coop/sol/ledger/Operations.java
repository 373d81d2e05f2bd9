package coop.sol.ledger;

import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.correction.Corrections;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.directory.MerchantDirectory;
import coop.sol.ledger.exchange.ExchangeOffices;
import coop.sol.ledger.fonte.Fonte;
import coop.sol.ledger.lifecycle.AccountLifecycle;
import coop.sol.ledger.lifecycle.CreditLimits;
import coop.sol.ledger.network.Networks;
import coop.sol.ledger.payment.MemberPayments;
import coop.sol.ledger.payment.Payments;
import coop.sol.ledger.peopleimport.OpeningBalances;
import coop.sol.ledger.reconversion.Reconversions;
import coop.sol.ledger.refund.Refunds;
import coop.sol.ledger.reward.Rewards;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.till.TillDays;
import coop.sol.ledger.transfer.Transfers;
import coop.sol.ledger.volunteer.Volunteering;
import coop.sol.ledger.voucher.Vouchers;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The SOL operations of an installation, over a {@link Ledger}: the currency rules every network
 * applies (docs/sol-operations.md). Each family is its own package; this class wires them to the
 * ledger, the database and a clock. It holds no thread or connection of its own: closing the ledger
 * is enough. Thread-safe.
 */
public final class Operations {
  private final NetworkSettings settings;
  private final ExchangeOffices exchange;
  private final Rewards rewards;
  private final Volunteering volunteering;
  private final Vouchers vouchers;
  private final Reconversions reconversions;
  private final Fonte fonte;
  private final Payments payments;
  private final MemberPayments memberPayments;
  private final Refunds refunds;
  private final TillDays tillDays;
  private final Corrections corrections;
  private final AccountLifecycle lifecycle;
  private final CreditLimits creditLimits;
  private final MerchantDirectory directory;
  private final OpeningBalances openingBalances;

  /**
   * @param dataSource the ledger's database (the operations' tables are in the same schema)
   * @param clock the ledger's clock: settings take effect, vouchers expire and fonte periods end by
   *     it
   */
  public Operations(Ledger ledger, DataSource dataSource, Clock clock) {
    this(ledger, ReadSource.primaryOnly(dataSource), clock);
  }

  /**
   * @param reads the ledger's database ({@code reads.primary()}, which every operation writes and
   *     reads), and where the reads that may lag run (the directory's searches)
   */
  public Operations(Ledger ledger, ReadSource reads, Clock clock) {
    DataSource dataSource = reads.primary();
    Networks networks = ledger.networks();
    Accounts accounts = ledger.accounts();
    Transfers transfers = ledger.transfers();
    this.settings = new NetworkSettings(dataSource, accounts, clock);
    this.exchange = new ExchangeOffices(dataSource, networks, accounts, transfers, settings, clock);
    this.rewards = new Rewards(networks, accounts, transfers, settings);
    this.volunteering = new Volunteering(accounts, transfers, settings);
    this.vouchers = new Vouchers(dataSource, accounts, transfers, settings, clock);
    this.reconversions = new Reconversions(networks, accounts, transfers, settings);
    this.fonte = new Fonte(dataSource, accounts, transfers, settings, clock);
    this.payments = new Payments(accounts, transfers, vouchers, settings, clock);
    this.memberPayments = new MemberPayments(dataSource, clock);
    this.refunds = new Refunds(dataSource, transfers, payments);
    this.tillDays = new TillDays(dataSource, refunds);
    this.corrections = new Corrections(dataSource, accounts, transfers, clock);
    this.lifecycle = new AccountLifecycle(dataSource, clock);
    this.creditLimits = new CreditLimits(dataSource, clock);
    this.directory = new MerchantDirectory(reads, accounts, settings, clock);
    this.openingBalances = new OpeningBalances(networks, accounts, transfers, settings);
  }

  /** Rates, categories, per-merchant and per-association settings, fonte rules, system accounts. */
  public NetworkSettings settings() {
    return settings;
  }

  /** Selling SOL Coopération for euros; tills; the reserve statement. */
  public ExchangeOffices exchange() {
    return exchange;
  }

  /** Merchants' rewards on purchases paid in euros. */
  public Rewards rewards() {
    return rewards;
  }

  /** Allowances and volunteer credits in SOL Engagement. */
  public Volunteering volunteering() {
    return volunteering;
  }

  /** Earmarked vouchers (SOL Affecté): grants, payments, expiry. */
  public Vouchers vouchers() {
    return vouchers;
  }

  /** Merchants turning SOL Coopération into euros. */
  public Reconversions reconversions() {
    return reconversions;
  }

  /** The fonte: preview, manual and scheduled runs. */
  public Fonte fonte() {
    return fonte;
  }

  /**
   * The one path of every payment (whatever the door: the API, a page, a payment request, a pay
   * token, vouchers): the ledger decides each under the rules that protect money.
   */
  public Payments payments() {
    return payments;
  }

  /** Whether members of a network may pay each other (a network setting the ledger applies). */
  public MemberPayments memberPayments() {
    return memberPayments;
  }

  /** Refunds of payments. */
  public Refunds refunds() {
    return refunds;
  }

  /** The QR sales tills took, by day and by who took them. */
  public TillDays tillDays() {
    return tillDays;
  }

  /** Corrections under dual control. */
  public Corrections corrections() {
    return corrections;
  }

  /** Freezing, unfreezing and closing accounts, one or all of a person's. */
  public AccountLifecycle lifecycle() {
    return lifecycle;
  }

  /** Credit limits: cuts at once, raises under dual control. */
  public CreditLimits creditLimits() {
    return creditLimits;
  }

  /** The directory of merchants: their public profiles, and whether it is published. */
  public MerchantDirectory directory() {
    return directory;
  }

  /** The opening balances of people imported from a file, posted once each. */
  public OpeningBalances openingBalances() {
    return openingBalances;
  }
}
