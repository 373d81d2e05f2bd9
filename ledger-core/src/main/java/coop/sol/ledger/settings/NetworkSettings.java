package coop.sol.ledger.settings;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Reads and changes a network's settings. A change adds a version in force from now (the clock's
 * instant); reads without an instant return the version in force now. Thread-safe.
 */
public final class NetworkSettings {
  private static final int MAX_REF_LENGTH = 100;

  private final SettingsStore store;
  private final Accounts accounts;
  private final Clock clock;

  /** Roles never change once assigned, so they are cached per network. */
  private final ConcurrentHashMap<NetworkId, SystemAccounts> systemAccounts =
      new ConcurrentHashMap<>();

  public NetworkSettings(DataSource dataSource, Accounts accounts, Clock clock) {
    this.store = new SettingsStore(dataSource);
    this.accounts = accounts;
    this.clock = clock;
  }

  // --- system accounts

  /**
   * Makes sure every {@link AccountRole} of the network has its account: adopts an existing SYSTEM
   * account with the role's conventional owner_ref in the role's strand, or opens one (no credit
   * limit for issuance and the euros outside, limit 0 for funds and the reserve). Idempotent.
   */
  public SystemAccounts setUp(NetworkId network) {
    var roles = store.roles(network);
    for (AccountRole role : AccountRole.values()) {
      if (roles.containsKey(role)) {
        continue;
      }
      AccountId account =
          store
              .systemAccount(network, role.strand(), role.ownerRef())
              .orElseGet(
                  () ->
                      accounts
                          .open(
                              network,
                              role.strand(),
                              OwnerKind.SYSTEM,
                              role.ownerRef(),
                              accountName(role),
                              role.unlimited() ? OptionalLong.empty() : OptionalLong.of(0))
                          .id());
      store.assignRole(network, role, account);
    }
    return systemAccounts(network).orElseThrow();
  }

  /** The network's system accounts, once {@link #setUp} has run. */
  public Optional<SystemAccounts> systemAccounts(NetworkId network) {
    SystemAccounts cached = systemAccounts.get(network);
    if (cached != null) {
      return Optional.of(cached);
    }
    var roles = store.roles(network);
    if (roles.size() < AccountRole.values().length) {
      return Optional.empty();
    }
    var found = new SystemAccounts(roles);
    systemAccounts.put(network, found);
    return Optional.of(found);
  }

  private static String accountName(AccountRole role) {
    return switch (role) {
      case COOPERATION_ISSUANCE -> "Émission SOL Coopération";
      case ENGAGEMENT_ISSUANCE -> "Émission SOL Engagement";
      case AFFECTE_ISSUANCE -> "Émission SOL Affecté";
      case COOPERATION_FUND -> "Fonds de l'association (Coopération)";
      case ENGAGEMENT_FUND -> "Fonds de l'association (Engagement)";
      case AFFECTE_FUND -> "Fonds de l'association (Affecté)";
      case EURO_RESERVE -> "Fonds de garantie en euros";
      case EURO_OUTSIDE -> "Euros hors du réseau";
    };
  }

  // --- rates

  public Versioned<NetworkRates> changeRates(NetworkId network, NetworkRates rates, Actor actor) {
    return store.insertRates(network, rates, now(), actor);
  }

  /** The rates in force now. */
  public Optional<Versioned<NetworkRates>> rates(NetworkId network) {
    return rates(network, now());
  }

  /** The rates that were in force at {@code at}. */
  public Optional<Versioned<NetworkRates>> rates(NetworkId network, Instant at) {
    return store.rates(network, at);
  }

  /** Every version, oldest first. */
  public List<Versioned<NetworkRates>> ratesHistory(NetworkId network) {
    return store.ratesHistory(network);
  }

  // --- merchant categories

  /** Adds a category to the network's catalogue, or renames it. */
  public void defineCategory(NetworkId network, MerchantCategory category) {
    store.defineCategory(network, category);
  }

  public List<MerchantCategory> categories(NetworkId network) {
    return store.categories(network);
  }

  /** Those of {@code codes} the network's catalogue does not define. */
  public Set<String> unknownCategories(NetworkId network, Set<String> codes) {
    var unknown = new TreeSet<>(codes);
    categories(network).forEach(c -> unknown.remove(c.code()));
    return unknown;
  }

  /**
   * Sets the categories of a merchant (the owner_ref of its accounts). Refused with {@link
   * OperationReason#UNKNOWN_CATEGORY} if a code is not in the catalogue.
   */
  public Outcome<Versioned<Set<String>>> changeMerchantCategories(
      NetworkId network, String merchantRef, Set<String> codes, Actor actor) {
    checkRef(merchantRef);
    codes.forEach(MerchantCategory::checkCode);
    if (!unknownCategories(network, codes).isEmpty()) {
      return Outcome.refused(OperationReason.UNKNOWN_CATEGORY);
    }
    return Outcome.done(store.insertMerchantCategories(network, merchantRef, codes, now(), actor));
  }

  /** The categories of a merchant now; empty if it has none. */
  public Set<String> merchantCategories(NetworkId network, String merchantRef) {
    return store
        .merchantCategories(network, merchantRef, now())
        .map(Versioned::value)
        .orElse(Set.of());
  }

  // --- rewards

  /** Sets the share of a purchase paid in euros that a merchant gives back in SOL Coopération. */
  public Versioned<BasisPoints> changeRewardRate(
      NetworkId network, String merchantRef, BasisPoints rate, Actor actor) {
    checkRef(merchantRef);
    return store.insertRewardRate(network, merchantRef, rate, now(), actor);
  }

  public Optional<Versioned<BasisPoints>> rewardRate(NetworkId network, String merchantRef) {
    return store.rewardRate(network, merchantRef, now());
  }

  // --- volunteering

  /**
   * Sets what an association credits per hour of volunteering, in minor units of SOL Engagement
   * (6000 = 60.00 SOL an hour, the historic 1 SOL a minute).
   */
  public Versioned<Long> changeVolunteerRate(
      NetworkId network, String associationRef, long minorPerHour, Actor actor) {
    checkRef(associationRef);
    if (minorPerHour <= 0) {
      throw new IllegalArgumentException("a volunteer rate is > 0 minor units per hour");
    }
    return store.insertVolunteerRate(network, associationRef, minorPerHour, now(), actor);
  }

  /** The association's rate now, in minor units of SOL Engagement per hour. */
  public Optional<Versioned<Long>> volunteerRate(NetworkId network, String associationRef) {
    return store.volunteerRate(network, associationRef, now());
  }

  // --- fonte

  /**
   * Sets the fonte rule of a SOL strand. Refused if the fund account is not an account of that
   * strand in this network.
   */
  public Outcome<Versioned<FonteRule>> changeFonteRule(
      NetworkId network, StrandKind strand, FonteRule rule, Actor actor) {
    if (strand == StrandKind.EURO) {
      throw new IllegalArgumentException("the euro ledger has no fonte");
    }
    Optional<Account> fund = accounts.find(network, rule.fund());
    if (fund.isEmpty()) {
      return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
    }
    if (fund.get().strand() != strand) {
      return Outcome.refused(OperationReason.WRONG_STRAND);
    }
    return Outcome.done(store.insertFonteRule(network, strand, rule, now(), actor));
  }

  /** The strand's fonte rule in force now. */
  public Optional<Versioned<FonteRule>> fonteRule(NetworkId network, StrandKind strand) {
    return store.fonteRule(network, strand, now());
  }

  /** A given version of a fonte rule (the one a fonte run applied). */
  public Optional<Versioned<FonteRule>> fonteRuleVersion(NetworkId network, long version) {
    return store.fonteRuleVersion(network, version);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void checkRef(String ref) {
    if (ref == null || ref.isEmpty() || ref.length() > MAX_REF_LENGTH) {
      throw new IllegalArgumentException("an owner reference has 1 to 100 characters");
    }
  }
}
