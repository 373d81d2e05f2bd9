package coop.sol.ledger.directory;

import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A network's directory of merchants: their public profiles, searchable, with their categories from
 * the network's settings, and whether the network publishes it to everyone. Who may write a profile
 * (the merchant, a coordinator) is the caller's to decide; this class checks that the profile is a
 * merchant's of the network. Thread-safe.
 */
public final class MerchantDirectory {
  private final DirectoryStore store;
  private final Accounts accounts;
  private final NetworkSettings settings;
  private final Clock clock;

  public MerchantDirectory(
      DataSource dataSource, Accounts accounts, NetworkSettings settings, Clock clock) {
    this(ReadSource.primaryOnly(dataSource), accounts, settings, clock);
  }

  /**
   * A directory whose searches (the listing and its printed guide) may read on {@code
   * reads.mayLag()}; a profile just saved is read back on the primary ({@link #entry}).
   */
  public MerchantDirectory(
      ReadSource reads, Accounts accounts, NetworkSettings settings, Clock clock) {
    this.store = new DirectoryStore(reads);
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Writes a merchant's profile (the whole of it: a field left empty is cleared). Refused with
   * {@link OperationReason#ACCOUNT_NOT_FOUND} if no merchant of the network has that username.
   *
   * @param by who writes it: the merchant's or a coordinator's username
   */
  public Outcome<DirectoryEntry> save(MerchantProfile profile, String by) {
    if (accounts
        .findByOwner(profile.network(), OwnerKind.MERCHANT, profile.merchantRef())
        .isEmpty()) {
      return Outcome.refused(OperationReason.ACCOUNT_NOT_FOUND);
    }
    store.save(profile, clock.instant(), by);
    return Outcome.done(entry(profile.network(), profile.merchantRef()).orElseThrow());
  }

  /** A merchant's entry, if it has a profile. */
  public Optional<DirectoryEntry> entry(NetworkId network, String merchantRef) {
    Map<String, MerchantCategory> catalogue = catalogue(network);
    return store.find(network, merchantRef).map(s -> entry(s, catalogue));
  }

  /** The merchants with a profile that match, by trading name. */
  public List<DirectoryEntry> search(NetworkId network, DirectorySearch search) {
    Map<String, MerchantCategory> catalogue = catalogue(network);
    return store.all(network, Freshness.MAY_LAG).stream()
        .map(s -> entry(s, catalogue))
        .filter(search::matches)
        .toList();
  }

  /** Whether the directory is public, readable without logging in (else members only). */
  public boolean published(NetworkId network) {
    return store.published(network);
  }

  /** Publishes the directory or keeps it for members; whether that changed anything. */
  public boolean publish(NetworkId network, boolean published, String by) {
    return store.publish(network, published, clock.instant(), by);
  }

  /** The network's categories of merchants, by code. */
  public List<MerchantCategory> categories(NetworkId network) {
    return catalogue(network).values().stream()
        .sorted(java.util.Comparator.comparing(MerchantCategory::code))
        .toList();
  }

  /** A merchant's categories in the network's settings, with their labels, by code. */
  public List<MerchantCategory> merchantCategories(NetworkId network, String merchantRef) {
    return categoriesOf(network, merchantRef, catalogue(network));
  }

  private List<MerchantCategory> categoriesOf(
      NetworkId network, String merchantRef, Map<String, MerchantCategory> catalogue) {
    return settings.merchantCategories(network, merchantRef).stream()
        .sorted()
        .map(code -> catalogue.getOrDefault(code, new MerchantCategory(code, code)))
        .toList();
  }

  private Map<String, MerchantCategory> catalogue(NetworkId network) {
    return settings.categories(network).stream()
        .collect(Collectors.toMap(MerchantCategory::code, Function.identity()));
  }

  private DirectoryEntry entry(DirectoryStore.Stored s, Map<String, MerchantCategory> catalogue) {
    List<MerchantCategory> categories =
        categoriesOf(s.profile().network(), s.profile().merchantRef(), catalogue);
    return new DirectoryEntry(s.profile(), categories, s.changedAt(), s.changedBy());
  }
}
