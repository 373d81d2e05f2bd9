package coop.sol.ledger.directory;

import static coop.sol.ledger.jooq.Tables.ACCOUNT;
import static coop.sol.ledger.jooq.Tables.DIRECTORY_PUBLICATION;
import static coop.sol.ledger.jooq.Tables.MERCHANT_PROFILE;

import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.jooq.tables.records.MerchantProfileRecord;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The directory's tables ({@code merchant_profile}, {@code directory_publication}, V21). */
public final class DirectoryStore {
  private final DSLContext sql;

  /** Where reads that may lag run (a replica, or the primary): see {@link ReadSource}. */
  private final DSLContext laggingSql;

  DirectoryStore(ReadSource reads) {
    this.sql = DSL.using(reads.primary(), SQLDialect.POSTGRES);
    this.laggingSql = DSL.using(reads.mayLag(), SQLDialect.POSTGRES);
  }

  /** A profile with who wrote it last and when. */
  record Stored(MerchantProfile profile, Instant changedAt, String changedBy) {}

  void save(MerchantProfile p, Instant at, String by) {
    write(sql, p, at, by);
  }

  /**
   * Writes a merchant's profile (the whole of it) within the caller's transaction {@code t}: how
   * enrolling a merchant lists them in the same transaction ({@code PeopleStore.create}).
   */
  public static void write(DSLContext t, MerchantProfile p, Instant at, String by) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    String[] strands = p.strands().stream().sorted().map(StrandKind::name).toArray(String[]::new);
    t.insertInto(MERCHANT_PROFILE)
        .set(MERCHANT_PROFILE.NETWORK_ID, p.network().value())
        .set(MERCHANT_PROFILE.MERCHANT_REF, p.merchantRef())
        .set(MERCHANT_PROFILE.TRADING_NAME, p.tradingName())
        .set(MERCHANT_PROFILE.DESCRIPTION, p.description())
        .set(MERCHANT_PROFILE.ADDRESS, p.address())
        .set(MERCHANT_PROFILE.TOWN, p.town())
        .set(MERCHANT_PROFILE.OPENING_HOURS, p.openingHours())
        .set(MERCHANT_PROFILE.PHONE, p.phone())
        .set(MERCHANT_PROFILE.WEBSITE, p.website())
        .set(MERCHANT_PROFILE.STRANDS, strands)
        .set(MERCHANT_PROFILE.CHANGED_AT, when)
        .set(MERCHANT_PROFILE.CHANGED_BY, by)
        .onConflict(MERCHANT_PROFILE.NETWORK_ID, MERCHANT_PROFILE.MERCHANT_REF)
        .doUpdate()
        .set(MERCHANT_PROFILE.TRADING_NAME, p.tradingName())
        .set(MERCHANT_PROFILE.DESCRIPTION, p.description())
        .set(MERCHANT_PROFILE.ADDRESS, p.address())
        .set(MERCHANT_PROFILE.TOWN, p.town())
        .set(MERCHANT_PROFILE.OPENING_HOURS, p.openingHours())
        .set(MERCHANT_PROFILE.PHONE, p.phone())
        .set(MERCHANT_PROFILE.WEBSITE, p.website())
        .set(MERCHANT_PROFILE.STRANDS, strands)
        .set(MERCHANT_PROFILE.CHANGED_AT, when)
        .set(MERCHANT_PROFILE.CHANGED_BY, by)
        .execute();
  }

  /**
   * A listing is shown while its merchant has an account that is not closed: a closed merchant's
   * listing (pseudonymized when the person was closed) is no longer in the directory.
   */
  private static final Condition LISTED =
      DSL.exists(
          DSL.selectOne()
              .from(ACCOUNT)
              .where(ACCOUNT.NETWORK_ID.eq(MERCHANT_PROFILE.NETWORK_ID))
              .and(ACCOUNT.OWNER_REF.eq(MERCHANT_PROFILE.MERCHANT_REF))
              .and(ACCOUNT.OWNER_KIND.eq(OwnerKind.MERCHANT.name()))
              .and(ACCOUNT.STATUS.ne(AccountStatus.CLOSED.name())));

  Optional<Stored> find(NetworkId network, String merchantRef) {
    return sql.selectFrom(MERCHANT_PROFILE)
        .where(MERCHANT_PROFILE.NETWORK_ID.eq(network.value()))
        .and(MERCHANT_PROFILE.MERCHANT_REF.eq(merchantRef))
        .and(LISTED)
        .fetchOptional()
        .map(DirectoryStore::stored);
  }

  /** Every profile of the network, by trading name, read where {@code freshness} says. */
  List<Stored> all(NetworkId network, Freshness freshness) {
    return (freshness == Freshness.CURRENT ? sql : laggingSql)
        .selectFrom(MERCHANT_PROFILE)
        .where(MERCHANT_PROFILE.NETWORK_ID.eq(network.value()))
        .and(LISTED)
        .orderBy(DSL.lower(MERCHANT_PROFILE.TRADING_NAME), MERCHANT_PROFILE.MERCHANT_REF)
        .fetch(DirectoryStore::stored);
  }

  boolean published(NetworkId network) {
    return sql.select(DIRECTORY_PUBLICATION.PUBLISHED)
        .from(DIRECTORY_PUBLICATION)
        .where(DIRECTORY_PUBLICATION.NETWORK_ID.eq(network.value()))
        .fetchOptional(DIRECTORY_PUBLICATION.PUBLISHED)
        .orElse(false);
  }

  /** Whether that changed anything. */
  boolean publish(NetworkId network, boolean published, Instant at, String by) {
    return sql.insertInto(DIRECTORY_PUBLICATION)
            .set(DIRECTORY_PUBLICATION.NETWORK_ID, network.value())
            .set(DIRECTORY_PUBLICATION.PUBLISHED, published)
            .set(DIRECTORY_PUBLICATION.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
            .set(DIRECTORY_PUBLICATION.CHANGED_BY, by)
            .onConflict(DIRECTORY_PUBLICATION.NETWORK_ID)
            .doUpdate()
            .set(DIRECTORY_PUBLICATION.PUBLISHED, published)
            .set(DIRECTORY_PUBLICATION.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
            .set(DIRECTORY_PUBLICATION.CHANGED_BY, by)
            .where(DIRECTORY_PUBLICATION.PUBLISHED.ne(published))
            .execute()
        > 0;
  }

  private static Stored stored(MerchantProfileRecord r) {
    Set<StrandKind> strands = EnumSet.noneOf(StrandKind.class);
    Arrays.stream(r.getStrands()).map(StrandKind::valueOf).forEach(strands::add);
    return new Stored(
        new MerchantProfile(
            new NetworkId(r.getNetworkId()),
            r.getMerchantRef(),
            r.getTradingName(),
            r.getDescription(),
            r.getAddress(),
            r.getTown(),
            r.getOpeningHours(),
            r.getPhone(),
            r.getWebsite(),
            strands),
        r.getChangedAt().toInstant(),
        r.getChangedBy());
  }
}
