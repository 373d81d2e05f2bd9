package coop.sol.web.people;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.HolderAccounts;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.user.NewActivation;
import coop.sol.ledger.user.PeopleStore;
import coop.sol.ledger.user.PersonRow;
import coop.sol.ledger.user.PersonStatus;
import coop.sol.ledger.user.RoleProposal;
import coop.sol.ledger.user.StoredRole;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.directory.Directory;
import coop.sol.web.payment.PublicUrl;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.token.PersonalAccessTokens;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Username;
import coop.sol.web.user.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Enrolling people and resetting their access. Nobody chooses a password for someone else: a new
 * person gets a one-time activation code (shown once, stored hashed, valid {@link #VALID_FOR}),
 * with which they choose their own password ({@link Activations}).
 *
 * <p>Who may enrol whom: an administrator, a network's coordinators (its first ones, granted at
 * once); a coordinator, anyone in their network, a coordinator under dual control (proposed, then
 * approved by another coordinator); a merchant, cashiers of their own shop. The accounts of every
 * strand a role uses are opened at once ({@link HolderAccounts}, the rule the demo uses too).
 * Everything is audited, in the transaction of the change.
 */
@Service
public class People {
  /** How long an activation code works. */
  public static final Duration VALID_FOR = Duration.ofDays(14);

  /** How long a "forgot password" link works. */
  public static final Duration RESET_VALID_FOR = Duration.ofHours(24);

  /** After a "forgot password" link is issued, how long further requests issue nothing. */
  public static final Duration RESET_QUIET_FOR = Duration.ofMinutes(15);

  /** The roles a coordinator may give in their network. */
  public static final Set<Role> NETWORK_ROLES =
      EnumSet.of(
          Role.MEMBER,
          Role.MERCHANT,
          Role.CASHIER,
          Role.EXCHANGE_AGENT,
          Role.ASSOCIATION,
          Role.FUNDER,
          Role.COORDINATOR);

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  private final PeopleStore store;
  private final Users users;
  private final Ledger ledger;
  private final Operations operations;
  private final HolderAccounts holders;
  private final AuditLog audit;
  private final PublicUrl publicUrl;
  private final OnboardingNotifier notifier;
  private final PersonalAccessTokens tokens;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  People(
      DataSource dataSource,
      Users users,
      Ledger ledger,
      Operations operations,
      AuditLog audit,
      PublicUrl publicUrl,
      OnboardingNotifier notifier,
      PersonalAccessTokens tokens,
      Clock clock) {
    this.store = new PeopleStore(dataSource);
    this.users = users;
    this.ledger = ledger;
    this.operations = operations;
    this.holders = new HolderAccounts(ledger.accounts());
    this.audit = audit;
    this.publicUrl = publicUrl;
    this.notifier = notifier;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Someone to enrol.
   *
   * @param email or null
   * @param language "fr", "en", or null for the network's
   * @param roles the roles asked for in the network
   * @param merchant for a cashier, the merchant whose till they work (a merchant enrolling their
   *     own cashier may leave it out)
   */
  public record Enrolment(
      String username,
      String displayName,
      String email,
      String language,
      List<String> roles,
      String merchant,
      Business business) {
    public Enrolment(
        String username,
        String displayName,
        String email,
        String language,
        List<String> roles,
        String merchant) {
      this(username, displayName, email, language, roles, merchant, null);
    }
  }

  /**
   * A merchant's business profile given at enrolment: their listing in the network's directory (as
   * {@code PUT /api/v1/merchants/{id}/profile} writes it) and their category in the network's
   * settings, written in the enrolment's transaction.
   *
   * @param category a code of the network's catalogue of categories, or null
   * @param strands the SOL strands accepted at the till, or null for none said
   */
  public record Business(
      String tradingName,
      String category,
      String address,
      String town,
      String phone,
      String website,
      String openingHours,
      String description,
      List<String> strands) {}

  /** An activation just issued: the code, shown this once. */
  public record Issued(
      long personId,
      String username,
      String displayName,
      String code,
      String link,
      Instant expiresAt,
      List<Role> roles,
      List<Role> pendingRoles) {
    @Override
    public String toString() {
      return "Issued[" + username + ", expires " + expiresAt + "]";
    }
  }

  /**
   * Enrols a person in {@code network} on behalf of {@code caller}, who must be allowed to give
   * every role asked (403 otherwise).
   */
  public Issued enrol(Caller caller, Network network, Enrolment request, String clientAddress) {
    String username = username(request.username());
    String displayName = displayName(request.displayName());
    String email = email(request.email());
    String language = language(request.language());
    Set<Role> roles = roles(request.roles());
    boolean admin = caller.isAdministrator();
    boolean coordinator = caller.holds(Role.COORDINATOR, network.id());
    boolean merchant = caller.holds(Role.MERCHANT, network.id());
    String merchantRef = null;
    if (roles.contains(Role.CASHIER)) {
      merchantRef = request.merchant() == null && merchant ? caller.username() : request.merchant();
    }
    if (admin && !coordinator) {
      // the installation's administrator appoints a network's coordinators, and nobody else
      if (!roles.equals(EnumSet.of(Role.COORDINATOR))) {
        throw forbidden("Un administrateur nomme les coordinateurs d'un réseau, personne d'autre.");
      }
    } else if (!coordinator) {
      boolean ownCashier =
          merchant
              && roles.equals(EnumSet.of(Role.CASHIER))
              && caller.username().equals(merchantRef);
      if (!ownCashier) {
        throw forbidden("Un commerçant inscrit seulement les caissiers de sa propre boutique.");
      }
    }
    List<StoredRole> granted = new ArrayList<>();
    List<Long> proposed = new ArrayList<>();
    for (Role role : roles) {
      if (role == Role.COORDINATOR && !admin) {
        proposed.add(network.id().value()); // dual control: a second coordinator approves
      } else if (role == Role.CASHIER) {
        checkMerchant(network, merchantRef);
        granted.add(new StoredRole(role.name(), network.id().value(), merchantRef));
      } else {
        granted.add(new StoredRole(role.name(), network.id().value(), null));
      }
    }
    PeopleStore.Listing listing = listing(caller, network, username, roles, request.business());
    String code = ActivationCodes.generate(random);
    Instant now = clock.instant();
    NewActivation activation = activation(code, caller.userId(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    if (listing != null) {
      details.put("tradingName", listing.profile().tradingName());
    }
    details.put("roles", granted.stream().map(StoredRole::role).toList());
    if (!proposed.isEmpty()) {
      details.put("proposedRoles", List.of(Role.COORDINATOR.name()));
    }
    details.put("expiresAt", activation.expiresAt().toString());
    Optional<Long> id =
        store.create(
            new PeopleStore.NewPerson(
                username, displayName, email, language, granted, proposed, listing),
            activation,
            caller.userId(),
            personId ->
                audit.entry(
                    new AuditRecord(
                        AuditAction.PERSON_CREATED,
                        Set.of(network.id()),
                        admin,
                        caller.userId(),
                        caller.username(),
                        "person " + username,
                        clientAddress,
                        details)));
    if (id.isEmpty()) {
      throw new ApiProblemException(ProblemCode.USERNAME_TAKEN);
    }
    openAccounts(network.id(), roles, username, displayName);
    Issued issued =
        new Issued(
            id.get(),
            username,
            displayName,
            code,
            link(code),
            activation.expiresAt(),
            granted.stream().map(r -> Role.valueOf(r.role())).toList(),
            proposed.isEmpty() ? List.of() : List.of(Role.COORDINATOR));
    notify(issued, email, language, network, false);
    return issued;
  }

  /**
   * Resets a person's access with a new activation: their password, TOTP secret, sessions, tokens
   * and any unused code stop working. For whoever may manage the person (else 404).
   */
  public Issued reset(Caller caller, long personId, String clientAddress) {
    AppUser person = manageable(caller, personId);
    String code = ActivationCodes.generate(random);
    NewActivation activation = activation(code, caller.userId(), clock.instant());
    Set<NetworkId> networks = networks(person);
    store.reissue(
        person.id(),
        activation,
        audit.entry(
            new AuditRecord(
                AuditAction.ACCESS_RESET,
                networks,
                caller.isAdministrator() || networks.isEmpty(),
                caller.userId(),
                caller.username(),
                "person " + person.username(),
                clientAddress,
                Map.of("expiresAt", activation.expiresAt().toString()))));
    // after the commit: this instance forgets the person's tokens it had verified
    tokens.forgetUser(person.id());
    Issued issued =
        new Issued(
            person.id(),
            person.username(),
            person.displayName(),
            code,
            link(code),
            activation.expiresAt(),
            person.roles().stream().map(RoleGrant::role).distinct().toList(),
            List.of());
    var stored = users.stored(person.id()).orElseThrow();
    Network network =
        networks.isEmpty() ? null : ledger.networks().find(networks.iterator().next()).orElse(null);
    notify(issued, stored.email(), stored.language(), network, true);
    return issued;
  }

  /**
   * A "forgot password" link for a person, at their own request (the link is sent to their
   * address): unlike {@link #reset}, nothing of their access changes now — their password, second
   * factor, sessions and tokens keep working, and so does a code a coordinator gave them. Only the
   * link's use ({@link Activations#activate}) replaces the password, ends their sessions and tokens
   * and consumes it. At most one link is live, and at most one is issued every {@link
   * #RESET_QUIET_FOR} (counted in the database). Nobody is notified here: whoever asked emails the
   * link; the person is the audit entry's actor.
   *
   * @return the link; empty if the person is unknown or disabled, or had one issued too recently
   */
  public Optional<Issued> requestReset(long personId, String clientAddress) {
    Optional<AppUser> found = users.find(personId);
    if (found.isEmpty() || !found.get().enabled()) {
      return Optional.empty();
    }
    AppUser person = found.get();
    String code = ActivationCodes.generate(random);
    Instant now = clock.instant();
    NewActivation activation =
        new NewActivation(
            ActivationCodes.hash(ActivationCodes.normalise(code).orElseThrow()),
            person.id(),
            now,
            now.plus(RESET_VALID_FOR));
    Set<NetworkId> networks = networks(person);
    boolean issued =
        store.issueReset(
            person.id(),
            activation,
            RESET_QUIET_FOR,
            audit.entry(
                new AuditRecord(
                    AuditAction.RESET_REQUESTED,
                    networks,
                    networks.isEmpty(),
                    person.id(),
                    person.username(),
                    "person " + person.username(),
                    clientAddress,
                    Map.of("expiresAt", activation.expiresAt().toString()))));
    if (!issued) {
      return Optional.empty();
    }
    return Optional.of(
        new Issued(
            person.id(),
            person.username(),
            person.displayName(),
            code,
            link(code),
            activation.expiresAt(),
            person.roles().stream().map(RoleGrant::role).distinct().toList(),
            List.of()));
  }

  /**
   * The person's usable activation of this code, for printing their letter: only whoever may manage
   * them, only with the code they were shown, only while it is unused (404 otherwise).
   */
  public Letter letter(Caller caller, long personId, String typedCode) {
    AppUser person = manageable(caller, personId);
    String code =
        ActivationCodes.normalise(typedCode)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.ACTIVATION_INVALID));
    var usable =
        store
            .usable(ActivationCodes.hash(code), clock.instant())
            .filter(a -> a.user().id() == person.id())
            .orElseThrow(() -> new ApiProblemException(ProblemCode.ACTIVATION_INVALID));
    Set<NetworkId> networks = networks(person);
    Network network =
        networks.isEmpty() ? null : ledger.networks().find(networks.iterator().next()).orElse(null);
    String language =
        usable.user().language() != null
            ? usable.user().language()
            : network == null
                ? "fr"
                : ledger.networks().profile(network.id()).orElseThrow().defaultLanguage();
    String grouped = code.replaceAll("(.{4})(?!$)", "$1-");
    return new Letter(
        person.username(),
        person.displayName(),
        network == null ? "SOL" : network.name(),
        grouped,
        link(grouped),
        usable.expiresAt(),
        language);
  }

  /** What an activation letter says. */
  public record Letter(
      String username,
      String displayName,
      String networkName,
      String code,
      String link,
      Instant expiresAt,
      String language) {}

  /** People of the network, for its coordinators. */
  public List<PersonRow> search(
      Network network, String query, Role role, PersonStatus status, int limit) {
    return store.search(
        network.id().value(), query, role == null ? null : role.name(), status, null, limit);
  }

  /** A person the caller may manage; 404 for anyone else. */
  public AppUser manageable(Caller caller, long personId) {
    AppUser person =
        users.find(personId).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    if (!mayManage(caller, person)) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return person;
  }

  /**
   * Whether the caller manages this person: a coordinator of a network where the person has a role
   * or a pending appointment; a merchant, their own cashiers (who hold no other role); an
   * administrator, coordinators (and people proposed as such), who hold no other role.
   */
  public boolean mayManage(Caller caller, AppUser person) {
    if (person.id() == caller.userId()) {
      return false; // one's own password is changed, not reset
    }
    Set<NetworkId> theirs = networksWithProposals(person);
    for (NetworkId network : caller.networksAs(Role.COORDINATOR)) {
      if (theirs.contains(network)) {
        return true;
      }
    }
    boolean onlyCashierOfCaller =
        !person.roles().isEmpty()
            && person.roles().stream()
                .allMatch(
                    g ->
                        g.role() == Role.CASHIER
                            && caller.username().equals(g.merchantRef())
                            && caller.holds(Role.MERCHANT, g.network()));
    if (onlyCashierOfCaller) {
      return true;
    }
    if (caller.isAdministrator()) {
      boolean staffOnly =
          person.roles().stream().allMatch(g -> g.role() == Role.COORDINATOR)
              && (!person.roles().isEmpty() || !theirs.isEmpty());
      return staffOnly;
    }
    return false;
  }

  /**
   * Replaces a person's roles in {@code network} (a coordinator of it): COORDINATOR asked for and
   * not held is proposed, for a second coordinator to approve. Opens the accounts of new roles.
   */
  public AppUser changeRoles(
      Caller caller,
      Network network,
      long personId,
      List<String> requested,
      String merchant,
      String clientAddress) {
    if (!caller.holds(Role.COORDINATOR, network.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    AppUser person = manageable(caller, personId);
    Set<Role> roles = requested.isEmpty() ? EnumSet.noneOf(Role.class) : roles(requested);
    boolean holdsCoordinator =
        person.roles().stream()
            .anyMatch(g -> g.role() == Role.COORDINATOR && network.id().equals(g.network()));
    List<StoredRole> granted = new ArrayList<>();
    boolean propose = false;
    for (Role role : roles) {
      if (role == Role.COORDINATOR && !holdsCoordinator) {
        propose = true;
      } else if (role == Role.CASHIER) {
        checkMerchant(network, merchant);
        granted.add(new StoredRole(role.name(), network.id().value(), merchant));
      } else {
        granted.add(new StoredRole(role.name(), network.id().value(), null));
      }
    }
    store.replaceRoles(
        person.id(),
        network.id().value(),
        granted,
        propose,
        caller.userId(),
        clock.instant(),
        audit.entry(
            new AuditRecord(
                AuditAction.PERSON_ROLES_CHANGED,
                Set.of(network.id()),
                false,
                caller.userId(),
                caller.username(),
                "person " + person.username(),
                clientAddress,
                Map.of(
                    "roles",
                    granted.stream().map(StoredRole::role).toList(),
                    "coordinatorProposed",
                    propose))));
    openAccounts(network.id(), roles, person.username(), person.displayName());
    // tokens carry the roles they were verified with
    tokens.forgetUser(person.id());
    return users.find(person.id()).orElseThrow();
  }

  /** The network's appointments waiting for a second coordinator. */
  public List<RoleProposal> pendingAppointments(Network network) {
    return store.pendingProposals(network.id().value());
  }

  /** The proposals pending for a person in the network, for showing them. */
  public boolean coordinatorPending(Network network, long personId) {
    return pendingAppointments(network).stream().anyMatch(p -> p.userId() == personId);
  }

  /**
   * Approves or declines an appointment, by a coordinator of its network other than its proposer.
   */
  public RoleProposal decide(
      Caller caller, long proposalId, boolean approve, String clientAddress) {
    RoleProposal proposal =
        store
            .proposal(proposalId)
            .filter(p -> caller.holds(Role.COORDINATOR, new NetworkId(p.networkId())))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    NetworkId network = new NetworkId(proposal.networkId());
    var decision =
        store.decide(
            proposalId,
            caller.userId(),
            approve,
            clock.instant(),
            userId ->
                audit.entry(
                    new AuditRecord(
                        approve
                            ? AuditAction.COORDINATOR_APPROVED
                            : AuditAction.COORDINATOR_DECLINED,
                        Set.of(network),
                        false,
                        caller.userId(),
                        caller.username(),
                        "person " + proposal.username(),
                        clientAddress,
                        Map.of("proposal", proposalId, "proposedBy", proposal.proposedByName()))));
    switch (decision) {
      case SAME_COORDINATOR ->
          throw new ApiProblemException(
              HttpStatus.CONFLICT,
              "SELF_APPROVAL",
              "Double contrôle : une nomination est décidée par un autre coordinateur que celui qui"
                  + " l'a proposée.",
              Map.of());
      case NOT_PENDING ->
          throw new ApiProblemException(
              ProblemCode.CONFLICT, "Cette nomination a déjà été approuvée ou refusée.");
      case DONE -> tokens.forgetUser(proposal.userId()); // their tokens' roles change
    }
    return store.proposal(proposalId).orElseThrow();
  }

  /** The network's categories of merchants, for the enrolment form. */
  public List<coop.sol.ledger.settings.MerchantCategory> merchantCategories(Network network) {
    return operations.settings().categories(network.id());
  }

  public PersonStatus status(long personId) {
    return users.stored(personId).map(PeopleStore::status).orElseThrow();
  }

  // --- helpers

  /** The directory listing of a merchant being enrolled; null without a business profile. */
  private PeopleStore.Listing listing(
      Caller caller, Network network, String username, Set<Role> roles, Business business) {
    if (business == null) {
      return null;
    }
    if (!roles.contains(Role.MERCHANT)) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "business : un profil commercial accompagne le rôle MERCHANT seulement.",
          "business");
    }
    MerchantProfile profile =
        Directory.profile(
            network.id(),
            username,
            business.tradingName(),
            business.description(),
            business.address(),
            business.town(),
            business.openingHours(),
            business.phone(),
            business.website(),
            business.strands());
    Set<String> categories = Set.of();
    if (business.category() != null && !business.category().isBlank()) {
      String code = business.category().strip();
      if (operations.settings().unknownCategories(network.id(), Set.of(code)).contains(code)) {
        throw new ApiProblemException(
            ProblemCode.VALIDATION_FAILED,
            "category : une catégorie du réseau (son code), voir ses réglages.",
            "category");
      }
      categories = Set.of(code);
    }
    return new PeopleStore.Listing(profile, categories, Actor.of(caller.username()));
  }

  private void openAccounts(NetworkId network, Set<Role> roles, String username, String name) {
    for (Role role : roles) {
      role.accountKind().ifPresent(kind -> holders.open(network, kind, username, name));
    }
  }

  private void checkMerchant(Network network, String merchantRef) {
    boolean isMerchant =
        merchantRef != null
            && users
                .find(merchantRef)
                .map(
                    m ->
                        m.roles().stream()
                            .anyMatch(
                                g -> g.role() == Role.MERCHANT && network.id().equals(g.network())))
                .orElse(false);
    if (!isMerchant) {
      throw new ApiProblemException(
          ProblemCode.INVALID_ROLES,
          "merchant : un caissier travaille pour un commerçant de ce réseau (son nom d'utilisateur).",
          "merchant");
    }
  }

  private NewActivation activation(String code, long issuedBy, Instant now) {
    return new NewActivation(
        ActivationCodes.hash(ActivationCodes.normalise(code).orElseThrow()),
        issuedBy,
        now,
        now.plus(VALID_FOR));
  }

  /** The page where the code is used, with the code filled in. */
  public String link(String code) {
    return publicUrl.base() + "/activate?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
  }

  private void notify(
      Issued issued, String email, String language, Network network, boolean reset) {
    String lang = language;
    if (lang == null) {
      lang =
          network == null
              ? "fr"
              : ledger.networks().profile(network.id()).map(p -> p.defaultLanguage()).orElse("fr");
    }
    notifier.activationIssued(
        new OnboardingNotifier.ActivationNotice(
            issued.personId(),
            issued.username(),
            issued.displayName(),
            email,
            lang,
            network == null ? "SOL" : network.name(),
            issued.code(),
            issued.link(),
            issued.expiresAt(),
            reset));
  }

  private Set<NetworkId> networks(AppUser person) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : person.roles()) {
      if (grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return networks;
  }

  private Set<NetworkId> networksWithProposals(AppUser person) {
    Set<NetworkId> networks = networks(person);
    for (Network network : ledger.networks().list()) {
      if (!networks.contains(network.id())
          && store.pendingProposals(network.id().value()).stream()
              .anyMatch(p -> p.userId() == person.id())) {
        networks.add(network.id());
      }
    }
    return networks;
  }

  static String username(String username) {
    if (!Username.isValid(username)) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "username : 2 à 63 caractères, minuscules, chiffres, « . », « _ » et « - », commençant"
              + " par une lettre ou un chiffre.",
          "username");
    }
    return username;
  }

  static String displayName(String name) {
    if (name == null || name.isBlank() || name.strip().length() > 200) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "displayName : de 1 à 200 caractères.", "displayName");
    }
    return name.strip();
  }

  static String email(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    String e = email.strip();
    if (!EMAIL.matcher(e).matches()) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "email : une adresse de la forme nom@domaine.", "email");
    }
    return e;
  }

  static String language(String language) {
    if (language == null || language.isBlank()) {
      return null;
    }
    if (!language.equals("fr") && !language.equals("en")) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "language : fr ou en.", "language");
    }
    return language;
  }

  static Set<Role> roles(List<String> names) {
    if (names == null || names.isEmpty() || names.size() > NETWORK_ROLES.size()) {
      throw new ApiProblemException(
          ProblemCode.INVALID_ROLES, ProblemCode.INVALID_ROLES.detail(), "roles");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      Role role = parseRole(name);
      if (role == null || !NETWORK_ROLES.contains(role) || !roles.add(role)) {
        throw new ApiProblemException(
            ProblemCode.INVALID_ROLES, ProblemCode.INVALID_ROLES.detail(), "roles");
      }
    }
    return roles;
  }

  /** A role of a network by its name, or null (for pages' filters). */
  public static Role parseRoleOrNull(String name) {
    Role role = parseRole(name);
    return role == null || !NETWORK_ROLES.contains(role) ? null : role;
  }

  /** A role by its API name; "EXCHANGE_OFFICE" is taken for EXCHANGE_AGENT. */
  static Role parseRole(String name) {
    if (name == null) {
      return null;
    }
    String upper = name.strip().toUpperCase(java.util.Locale.ROOT);
    if (upper.equals("EXCHANGE_OFFICE")) {
      return Role.EXCHANGE_AGENT;
    }
    try {
      return Role.valueOf(upper);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ApiProblemException forbidden(String detail) {
    return new ApiProblemException(ProblemCode.FORBIDDEN, detail);
  }
}
