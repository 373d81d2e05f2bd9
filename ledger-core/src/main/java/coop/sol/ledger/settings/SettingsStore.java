package coop.sol.ledger.settings;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static coop.sol.ledger.jooq.Tables.FONTE_RULE;
import static coop.sol.ledger.jooq.Tables.MERCHANT_CATEGORIES;
import static coop.sol.ledger.jooq.Tables.MERCHANT_CATEGORY;
import static coop.sol.ledger.jooq.Tables.MERCHANT_REWARD_RATE;
import static coop.sol.ledger.jooq.Tables.NETWORK_ACCOUNT;
import static coop.sol.ledger.jooq.Tables.NETWORK_RATES;
import static coop.sol.ledger.jooq.Tables.VOLUNTEER_RATE;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.jooq.tables.records.FonteRuleRecord;
import coop.sol.ledger.jooq.tables.records.NetworkRatesRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The settings tables, through jOOQ; records stay here. */
public final class SettingsStore {
  private final DSLContext sql;

  SettingsStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  // --- system accounts

  Map<AccountRole, AccountId> roles(NetworkId network) {
    var roles = new EnumMap<AccountRole, AccountId>(AccountRole.class);
    sql.select(NETWORK_ACCOUNT.ROLE, NETWORK_ACCOUNT.ACCOUNT_ID)
        .from(NETWORK_ACCOUNT)
        .where(NETWORK_ACCOUNT.NETWORK_ID.eq(network.value()))
        .forEach(r -> roles.put(AccountRole.valueOf(r.value1()), new AccountId(r.value2())));
    return roles;
  }

  /** The oldest SYSTEM account of the strand with this owner_ref, if any. */
  Optional<AccountId> systemAccount(NetworkId network, StrandKind strand, String ownerRef) {
    return sql.select(ACCOUNT.ACCOUNT_ID)
        .from(ACCOUNT)
        .where(ACCOUNT.NETWORK_ID.eq(network.value()))
        .and(ACCOUNT.OWNER_KIND.eq(OwnerKind.SYSTEM.name()))
        .and(ACCOUNT.OWNER_REF.eq(ownerRef))
        .and(ACCOUNT.STRAND_ID.eq(strand.id()))
        .orderBy(ACCOUNT.ACCOUNT_ID)
        .limit(1)
        .fetchOptional(ACCOUNT.ACCOUNT_ID)
        .map(AccountId::new);
  }

  /** Records the role's account unless the role has one already (a concurrent set-up won). */
  void assignRole(NetworkId network, AccountRole role, AccountId account) {
    sql.insertInto(NETWORK_ACCOUNT)
        .set(NETWORK_ACCOUNT.NETWORK_ID, network.value())
        .set(NETWORK_ACCOUNT.ROLE, role.name())
        .set(NETWORK_ACCOUNT.ACCOUNT_ID, account.value())
        .set(NETWORK_ACCOUNT.STRAND_ID, role.strand().id())
        .onConflictDoNothing()
        .execute();
  }

  // --- rates

  Versioned<NetworkRates> insertRates(
      NetworkId network, NetworkRates rates, Instant at, Actor actor) {
    return toRates(
        sql.insertInto(NETWORK_RATES)
            .set(NETWORK_RATES.NETWORK_ID, network.value())
            .set(NETWORK_RATES.EFFECTIVE_FROM, utc(at))
            .set(NETWORK_RATES.EURO_PER_SOL, rates.euroRate().eurosPerSol())
            .set(NETWORK_RATES.PURCHASE_BONUS_BP, rates.purchaseBonus().value())
            .set(NETWORK_RATES.RECONVERSION_FEE_BP, rates.reconversionFee().value())
            .set(NETWORK_RATES.CHANGED_BY, actor.id())
            .returning()
            .fetchOne());
  }

  Optional<Versioned<NetworkRates>> rates(NetworkId network, Instant at) {
    return sql.selectFrom(NETWORK_RATES)
        .where(NETWORK_RATES.NETWORK_ID.eq(network.value()))
        .and(NETWORK_RATES.EFFECTIVE_FROM.le(utc(at)))
        .orderBy(NETWORK_RATES.EFFECTIVE_FROM.desc(), NETWORK_RATES.VERSION_ID.desc())
        .limit(1)
        .fetchOptional(SettingsStore::toRates);
  }

  List<Versioned<NetworkRates>> ratesHistory(NetworkId network) {
    return sql.selectFrom(NETWORK_RATES)
        .where(NETWORK_RATES.NETWORK_ID.eq(network.value()))
        .orderBy(NETWORK_RATES.EFFECTIVE_FROM, NETWORK_RATES.VERSION_ID)
        .fetch(SettingsStore::toRates);
  }

  private static Versioned<NetworkRates> toRates(NetworkRatesRecord r) {
    return new Versioned<>(
        r.getVersionId(),
        r.getEffectiveFrom().toInstant(),
        new Actor(r.getChangedBy()),
        new NetworkRates(
            new EuroRate(r.getEuroPerSol()),
            new BasisPoints(r.getPurchaseBonusBp()),
            new BasisPoints(r.getReconversionFeeBp())));
  }

  // --- categories

  void defineCategory(NetworkId network, MerchantCategory category) {
    sql.insertInto(MERCHANT_CATEGORY)
        .set(MERCHANT_CATEGORY.NETWORK_ID, network.value())
        .set(MERCHANT_CATEGORY.CODE, category.code())
        .set(MERCHANT_CATEGORY.LABEL, category.label())
        .onConflict(MERCHANT_CATEGORY.NETWORK_ID, MERCHANT_CATEGORY.CODE)
        .doUpdate()
        .set(MERCHANT_CATEGORY.LABEL, category.label())
        .execute();
  }

  List<MerchantCategory> categories(NetworkId network) {
    return sql.select(MERCHANT_CATEGORY.CODE, MERCHANT_CATEGORY.LABEL)
        .from(MERCHANT_CATEGORY)
        .where(MERCHANT_CATEGORY.NETWORK_ID.eq(network.value()))
        .orderBy(MERCHANT_CATEGORY.CODE)
        .fetch(r -> new MerchantCategory(r.value1(), r.value2()));
  }

  Versioned<Set<String>> insertMerchantCategories(
      NetworkId network, String merchantRef, Set<String> codes, Instant at, Actor actor) {
    return insertMerchantCategories(sql, network, merchantRef, codes, at, actor);
  }

  /**
   * A new version of a merchant's categories, within the caller's transaction {@code t} (codes
   * checked against the catalogue by the caller): how enrolling a merchant gives their category in
   * the same transaction ({@code PeopleStore.create}).
   */
  public static Versioned<Set<String>> insertMerchantCategories(
      DSLContext t,
      NetworkId network,
      String merchantRef,
      Set<String> codes,
      Instant at,
      Actor actor) {
    var r =
        t.insertInto(MERCHANT_CATEGORIES)
            .set(MERCHANT_CATEGORIES.NETWORK_ID, network.value())
            .set(MERCHANT_CATEGORIES.MERCHANT_REF, merchantRef)
            .set(MERCHANT_CATEGORIES.EFFECTIVE_FROM, utc(at))
            .set(MERCHANT_CATEGORIES.CATEGORIES, new TreeSet<>(codes).toArray(String[]::new))
            .set(MERCHANT_CATEGORIES.CHANGED_BY, actor.id())
            .returning()
            .fetchOne();
    return new Versioned<>(
        r.getVersionId(), r.getEffectiveFrom().toInstant(), actor, codeSet(r.getCategories()));
  }

  Optional<Versioned<Set<String>>> merchantCategories(
      NetworkId network, String merchantRef, Instant at) {
    return sql.selectFrom(MERCHANT_CATEGORIES)
        .where(MERCHANT_CATEGORIES.NETWORK_ID.eq(network.value()))
        .and(MERCHANT_CATEGORIES.MERCHANT_REF.eq(merchantRef))
        .and(MERCHANT_CATEGORIES.EFFECTIVE_FROM.le(utc(at)))
        .orderBy(MERCHANT_CATEGORIES.EFFECTIVE_FROM.desc(), MERCHANT_CATEGORIES.VERSION_ID.desc())
        .limit(1)
        .fetchOptional(
            r ->
                new Versioned<>(
                    r.getVersionId(),
                    r.getEffectiveFrom().toInstant(),
                    new Actor(r.getChangedBy()),
                    codeSet(r.getCategories())));
  }

  private static Set<String> codeSet(String[] codes) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(codes)));
  }

  // --- rewards and volunteering

  Versioned<BasisPoints> insertRewardRate(
      NetworkId network, String merchantRef, BasisPoints rate, Instant at, Actor actor) {
    var r =
        sql.insertInto(MERCHANT_REWARD_RATE)
            .set(MERCHANT_REWARD_RATE.NETWORK_ID, network.value())
            .set(MERCHANT_REWARD_RATE.MERCHANT_REF, merchantRef)
            .set(MERCHANT_REWARD_RATE.EFFECTIVE_FROM, utc(at))
            .set(MERCHANT_REWARD_RATE.REWARD_BP, rate.value())
            .set(MERCHANT_REWARD_RATE.CHANGED_BY, actor.id())
            .returning()
            .fetchOne();
    return new Versioned<>(r.getVersionId(), r.getEffectiveFrom().toInstant(), actor, rate);
  }

  Optional<Versioned<BasisPoints>> rewardRate(NetworkId network, String merchantRef, Instant at) {
    return sql.selectFrom(MERCHANT_REWARD_RATE)
        .where(MERCHANT_REWARD_RATE.NETWORK_ID.eq(network.value()))
        .and(MERCHANT_REWARD_RATE.MERCHANT_REF.eq(merchantRef))
        .and(MERCHANT_REWARD_RATE.EFFECTIVE_FROM.le(utc(at)))
        .orderBy(MERCHANT_REWARD_RATE.EFFECTIVE_FROM.desc(), MERCHANT_REWARD_RATE.VERSION_ID.desc())
        .limit(1)
        .fetchOptional(
            r ->
                new Versioned<>(
                    r.getVersionId(),
                    r.getEffectiveFrom().toInstant(),
                    new Actor(r.getChangedBy()),
                    new BasisPoints(r.getRewardBp())));
  }

  Versioned<Long> insertVolunteerRate(
      NetworkId network, String associationRef, long minorPerHour, Instant at, Actor actor) {
    var r =
        sql.insertInto(VOLUNTEER_RATE)
            .set(VOLUNTEER_RATE.NETWORK_ID, network.value())
            .set(VOLUNTEER_RATE.ASSOCIATION_REF, associationRef)
            .set(VOLUNTEER_RATE.EFFECTIVE_FROM, utc(at))
            .set(VOLUNTEER_RATE.MINOR_PER_HOUR, minorPerHour)
            .set(VOLUNTEER_RATE.CHANGED_BY, actor.id())
            .returning()
            .fetchOne();
    return new Versioned<>(
        r.getVersionId(), r.getEffectiveFrom().toInstant(), actor, r.getMinorPerHour());
  }

  Optional<Versioned<Long>> volunteerRate(NetworkId network, String associationRef, Instant at) {
    return sql.selectFrom(VOLUNTEER_RATE)
        .where(VOLUNTEER_RATE.NETWORK_ID.eq(network.value()))
        .and(VOLUNTEER_RATE.ASSOCIATION_REF.eq(associationRef))
        .and(VOLUNTEER_RATE.EFFECTIVE_FROM.le(utc(at)))
        .orderBy(VOLUNTEER_RATE.EFFECTIVE_FROM.desc(), VOLUNTEER_RATE.VERSION_ID.desc())
        .limit(1)
        .fetchOptional(
            r ->
                new Versioned<>(
                    r.getVersionId(),
                    r.getEffectiveFrom().toInstant(),
                    new Actor(r.getChangedBy()),
                    r.getMinorPerHour()));
  }

  // --- fonte

  Versioned<FonteRule> insertFonteRule(
      NetworkId network, StrandKind strand, FonteRule rule, Instant at, Actor actor) {
    return toFonteRule(
        sql.insertInto(FONTE_RULE)
            .set(FONTE_RULE.NETWORK_ID, network.value())
            .set(FONTE_RULE.STRAND_ID, strand.id())
            .set(FONTE_RULE.EFFECTIVE_FROM, utc(at))
            .set(FONTE_RULE.ENABLED, rule.enabled())
            .set(FONTE_RULE.RATE_BP, rule.rate().value())
            .set(FONTE_RULE.IDLE_MONTHS, rule.idle().getMonths())
            .set(FONTE_RULE.IDLE_DAYS, rule.idle().getDays())
            .set(FONTE_RULE.FIRST_PERIOD_START, rule.firstPeriodStart())
            .set(FONTE_RULE.TIME_ZONE, rule.zone().getId())
            .set(FONTE_RULE.MINIMUM, rule.minimum())
            .set(FONTE_RULE.FUND_ACCOUNT_ID, rule.fund().value())
            .set(FONTE_RULE.CHANGED_BY, actor.id())
            .returning()
            .fetchOne());
  }

  Optional<Versioned<FonteRule>> fonteRule(NetworkId network, StrandKind strand, Instant at) {
    return sql.selectFrom(FONTE_RULE)
        .where(FONTE_RULE.NETWORK_ID.eq(network.value()))
        .and(FONTE_RULE.STRAND_ID.eq(strand.id()))
        .and(FONTE_RULE.EFFECTIVE_FROM.le(utc(at)))
        .orderBy(FONTE_RULE.EFFECTIVE_FROM.desc(), FONTE_RULE.VERSION_ID.desc())
        .limit(1)
        .fetchOptional(SettingsStore::toFonteRule);
  }

  Optional<Versioned<FonteRule>> fonteRuleVersion(NetworkId network, long version) {
    return sql.selectFrom(FONTE_RULE)
        .where(FONTE_RULE.NETWORK_ID.eq(network.value()))
        .and(FONTE_RULE.VERSION_ID.eq(version))
        .fetchOptional(SettingsStore::toFonteRule);
  }

  private static Versioned<FonteRule> toFonteRule(FonteRuleRecord r) {
    return new Versioned<>(
        r.getVersionId(),
        r.getEffectiveFrom().toInstant(),
        new Actor(r.getChangedBy()),
        new FonteRule(
            r.getEnabled(),
            new BasisPoints(r.getRateBp()),
            Period.ofMonths(r.getIdleMonths()).plusDays(r.getIdleDays()),
            r.getFirstPeriodStart(),
            ZoneId.of(r.getTimeZone()),
            r.getMinimum(),
            new AccountId(r.getFundAccountId())));
  }

  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
