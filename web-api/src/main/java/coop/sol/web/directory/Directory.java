package coop.sol.web.directory;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.directory.DirectoryEntry;
import coop.sol.ledger.directory.DirectorySearch;
import coop.sol.ledger.directory.MerchantDirectory;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may read a network's directory and write a merchant's profile.
 *
 * <ul>
 *   <li>Read: everyone, without logging in, when the network publishes its directory; otherwise
 *       whoever holds a role in the network. Anyone else is answered as if the network did not
 *       exist (404).
 *   <li>Write a profile: the merchant who holds the account named, or a coordinator of its network;
 *       404 for anyone else.
 * </ul>
 */
@Component
public class Directory {
  /** The strands a merchant may accept (never EURO). */
  public static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private static final String OSM_SEARCH = "https://www.openstreetmap.org/search?query=";

  private final Ledger ledger;
  private final MerchantDirectory directory;
  private final AccountAccess access;
  private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

  Directory(Ledger ledger, Operations operations, AccountAccess access) {
    this.ledger = ledger;
    this.directory = operations.directory();
    this.access = access;
  }

  public MerchantDirectory merchants() {
    return directory;
  }

  /** The logged-in caller, if any (the directory's pages and API are open to anonymous readers). */
  public Optional<Caller> caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || trust.isAnonymous(authentication)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Caller.of(authentication));
    } catch (IllegalStateException notASolUser) {
      return Optional.empty();
    }
  }

  /** What a reader gets of a network's directory. */
  public enum Access {
    OPEN,
    /** Members only, and nobody is logged in: the login form, then the directory. */
    LOGIN_NEEDED,
    /** As if the network did not exist. */
    HIDDEN
  }

  /**
   * The network named by {@code code}, or the caller's only network when no code is given; 404 for
   * a code that names none, 400 when the caller must say which.
   */
  public Network network(Optional<Caller> caller, String code) {
    if (code != null && !code.isBlank()) {
      return ledger
          .networks()
          .findByCode(code.strip())
          .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    }
    Set<NetworkId> mine = caller.map(Caller::networks).orElse(Set.of());
    if (mine.size() == 1) {
      return ledger.networks().find(mine.iterator().next()).orElseThrow();
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER, "network : précisez le réseau (son code).");
  }

  public Network network(NetworkId id) {
    return ledger.networks().find(id).orElseThrow();
  }

  public Access access(Optional<Caller> caller, Network network) {
    if (directory.published(network.id())) {
      return Access.OPEN;
    }
    if (caller.isEmpty()) {
      return Access.LOGIN_NEEDED;
    }
    return caller.get().networks().contains(network.id()) ? Access.OPEN : Access.HIDDEN;
  }

  /** The network's directory for this reader: 404 unless {@link Access#OPEN}. */
  public Network readable(Optional<Caller> caller, String code) {
    Network network = network(caller, code);
    if (access(caller, network) != Access.OPEN) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return network;
  }

  public List<DirectoryEntry> search(Network network, DirectorySearch search) {
    return directory.search(network.id(), search);
  }

  /**
   * The merchant account {@code accountId} if the caller may write its holder's profile: the
   * merchant who holds it, or a coordinator of its network. 404 otherwise.
   */
  public Account writable(Caller caller, long accountId) {
    if (accountId <= 0 || caller.networks().isEmpty()) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return ledger
        .accounts()
        .findIn(caller.networks(), new AccountId(accountId))
        .filter(a -> a.ownerKind() == OwnerKind.MERCHANT)
        .filter(a -> access.holds(caller, a) || caller.holds(Role.COORDINATOR, a.network()))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /** The caller's own merchant account in their only merchant network (its oldest). */
  public Optional<Account> ownMerchantAccount(Caller caller) {
    return access.held(caller).stream()
        .filter(a -> a.ownerKind() == OwnerKind.MERCHANT)
        .min((a, b) -> Long.compare(a.id().value(), b.id().value()));
  }

  /** One merchant account per merchant of the network (its oldest), by username. */
  public List<Account> merchantAccounts(NetworkId network) {
    java.util.Map<String, Account> first = new java.util.TreeMap<>();
    for (Account a : ledger.accounts().list(network)) {
      if (a.ownerKind() == OwnerKind.MERCHANT) {
        first.merge(a.ownerRef(), a, (x, y) -> x.id().value() <= y.id().value() ? x : y);
      }
    }
    return List.copyOf(first.values());
  }

  /**
   * A profile from what a client sent, or 400 VALIDATION_FAILED naming the field that ledger-core's
   * {@link MerchantProfile} refuses (tradingName, phone, website, strands...).
   */
  public static MerchantProfile profile(
      NetworkId network,
      String merchant,
      String tradingName,
      String description,
      String address,
      String town,
      String openingHours,
      String phone,
      String website,
      List<String> strandNames) {
    Set<StrandKind> strands = EnumSet.noneOf(StrandKind.class);
    for (String s : strandNames == null ? List.<String>of() : strandNames) {
      StrandKind kind =
          SOL_STRANDS.stream()
              .filter(k -> k.name().equals(s))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ApiProblemException(
                          ProblemCode.VALIDATION_FAILED,
                          "strands : COOPERATION, ENGAGEMENT ou AFFECTE.",
                          "strands"));
      strands.add(kind);
    }
    try {
      return new MerchantProfile(
          network,
          merchant,
          tradingName,
          description,
          address,
          town,
          openingHours,
          phone,
          website,
          strands);
    } catch (MerchantProfile.InvalidProfile invalid) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, invalid.getMessage(), invalid.field());
    }
  }

  /** The OpenStreetMap search for an address, or null when there is no address. */
  public static String mapLink(String fullAddress) {
    if (fullAddress == null || fullAddress.isBlank()) {
      return null;
    }
    return OSM_SEARCH + URLEncoder.encode(fullAddress, StandardCharsets.UTF_8);
  }
}
