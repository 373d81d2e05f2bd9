package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/networks/{id}/settings}: a network's currency rules. Anyone with a role in the
 * network reads its rates, categories and fonte rules (members should know what melts and what a
 * SOL is worth); coordinators also read every merchant's and association's settings and who changed
 * what, and change them. A change adds a version in force from now; each is audited. The first
 * change also sets up the network's system accounts (issuance, funds, euro reserve).
 */
@RestController
@RequestMapping(
    path = "/api/v1/networks/{id}/settings",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Paramètres du réseau", description = "Taux, catégories, fonte")
class NetworkSettingsController {
  private static final String DEFAULT_ZONE = "Europe/Paris";

  private final NetworkSettings settings;
  private final OperationContext context;
  private final NetworkSettingsChanges changes;

  NetworkSettingsController(
      Operations operations, OperationContext context, NetworkSettingsChanges changes) {
    this.settings = operations.settings();
    this.context = context;
    this.changes = changes;
  }

  /**
   * @param rates null until a coordinator sets them
   * @param merchants every merchant for coordinators, their own for a merchant, none for others
   * @param associations every association for coordinators, their own for an association
   */
  @Schema(name = "NetworkSettings")
  record SettingsView(
      long networkId,
      String network,
      @Schema(nullable = true) RatesView rates,
      List<CategoryView> categories,
      List<FonteRuleView> fonteRules,
      List<MerchantView> merchants,
      List<AssociationView> associations) {}

  /**
   * @param changedBy who set this version: shown to coordinators only
   */
  @Schema(name = "NetworkRates")
  record RatesView(
      @Schema(description = "1 SOL = ce nombre d'euros", example = "1.00") String euroPerSol,
      @Schema(example = "5.00") String purchaseBonusPercent,
      @Schema(example = "3.00") String reconversionFeePercent,
      Instant effectiveFrom,
      @Schema(nullable = true) String changedBy) {}

  @Schema(name = "MerchantCategory")
  record CategoryView(@Schema(example = "FOOD") String code, String label) {}

  @Schema(name = "MerchantSettings")
  record MerchantView(
      @Schema(description = "Nom d'utilisateur du commerçant") String merchant,
      List<String> categories,
      @Schema(nullable = true, example = "5.00") String rewardPercent) {}

  @Schema(name = "AssociationSettings")
  record AssociationView(
      @Schema(description = "Nom d'utilisateur de l'association") String association,
      @Schema(nullable = true, description = "SOL Engagement par heure", example = "60.00")
          String volunteerRatePerHour) {}

  @Schema(name = "FonteRule")
  record FonteRuleView(
      @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}) String strand,
      boolean enabled,
      @Schema(example = "2.00") String ratePercent,
      @Schema(description = "Durée d'une période, ISO 8601", example = "P3M") String idle,
      LocalDate firstPeriodStart,
      @Schema(example = DEFAULT_ZONE) String timeZone,
      @Schema(example = "0.01") String minimum,
      long fundAccountId,
      Instant effectiveFrom,
      @Schema(nullable = true) String changedBy) {}

  @Schema(name = "RatesChange")
  record RatesRequest(
      @NotNull @Schema(example = "1.00", requiredMode = Schema.RequiredMode.REQUIRED)
          String euroPerSol,
      @NotNull @Schema(example = "5", requiredMode = Schema.RequiredMode.REQUIRED)
          String purchaseBonusPercent,
      @NotNull @Schema(example = "3", requiredMode = Schema.RequiredMode.REQUIRED)
          String reconversionFeePercent) {}

  @Schema(name = "CategoryChange")
  record CategoryRequest(
      @NotNull @Size(min = 1, max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
          String label) {}

  @Schema(name = "MerchantCategoriesChange")
  record MerchantCategoriesRequest(
      @NotNull @Size(max = 20) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
          List<@NotNull String> categories) {}

  @Schema(name = "PercentChange")
  record PercentRequest(
      @NotNull @Schema(example = "5", requiredMode = Schema.RequiredMode.REQUIRED)
          String percent) {}

  @Schema(name = "VolunteerRateChange")
  record VolunteerRateRequest(
      @NotNull
          @Schema(
              description = "SOL Engagement crédités par heure",
              example = "60.00",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String perHour) {}

  /**
   * @param fundAccountId the account of the strand credited with the fonte; default: the
   *     association's fund of that strand
   */
  @Schema(name = "FonteRuleChange")
  record FonteRuleRequest(
      @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean enabled,
      @NotNull @Schema(example = "2", requiredMode = Schema.RequiredMode.REQUIRED)
          String ratePercent,
      @NotNull @Schema(example = "P3M", requiredMode = Schema.RequiredMode.REQUIRED) String idle,
      @NotNull @Schema(example = "2026-01-01", requiredMode = Schema.RequiredMode.REQUIRED)
          LocalDate firstPeriodStart,
      @Schema(nullable = true, example = DEFAULT_ZONE) String timeZone,
      @NotNull @Schema(example = "0.01", requiredMode = Schema.RequiredMode.REQUIRED)
          String minimum,
      @Schema(nullable = true) Long fundAccountId) {}

  @GetMapping
  @Operation(
      summary = "Paramètres d'un réseau",
      description =
          "Taux, catégories et règles de fonte pour toute personne ayant un rôle dans le réseau ;"
              + " les coordinateurs voient aussi les réglages de chaque commerçant et association"
              + " et qui a changé quoi. 404 pour un réseau où vous n'avez pas de rôle.")
  SettingsView read(@PathVariable long id, Caller caller) {
    if (id <= 0 || !caller.networks().contains(new NetworkId(id))) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return view(new NetworkId(id), caller);
  }

  @PutMapping(path = "/rates", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changer les taux",
      description =
          "Taux de l'euro (1 SOL = x EUR, 6 décimales au plus), bonus d'achat et commission de"
              + " reconversion en pourcentages (2 décimales au plus). Coordinateurs ; audité.")
  SettingsView changeRates(
      @PathVariable long id,
      @Valid @RequestBody RatesRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    changes.changeRates(
        caller,
        http,
        network,
        request.euroPerSol(),
        request.purchaseBonusPercent(),
        request.reconversionFeePercent());
    return view(network, caller);
  }

  @PutMapping(path = "/categories/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Définir une catégorie de commerçants",
      description =
          "Ajoute la catégorie au catalogue du réseau, ou la renomme. Code : majuscules, chiffres"
              + " et _, commençant par une lettre (FOOD, BOOKS...). Coordinateurs ; audité.")
  SettingsView defineCategory(
      @PathVariable long id,
      @PathVariable String code,
      @Valid @RequestBody CategoryRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    changes.defineCategory(caller, http, network, code, request.label());
    return view(network, caller);
  }

  @PutMapping(
      path = "/merchants/{merchant}/categories",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fixer les catégories d'un commerçant",
      description =
          "Des codes du catalogue du réseau (UNKNOWN_CATEGORY sinon). Le commerçant est désigné"
              + " par son nom d'utilisateur. Coordinateurs ; audité.")
  SettingsView changeMerchantCategories(
      @PathVariable long id,
      @PathVariable String merchant,
      @Valid @RequestBody MerchantCategoriesRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    changes.changeMerchantCategories(caller, http, network, merchant, request.categories());
    return view(network, caller);
  }

  @PutMapping(
      path = "/merchants/{merchant}/reward-rate",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fixer le taux de récompense d'un commerçant",
      description =
          "En pourcentage d'un achat payé en euros, rendu en SOL Coopération. Coordinateurs ;"
              + " audité.")
  SettingsView changeRewardRate(
      @PathVariable long id,
      @PathVariable String merchant,
      @Valid @RequestBody PercentRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    changes.changeRewardRate(caller, http, network, merchant, request.percent());
    return view(network, caller);
  }

  @PutMapping(
      path = "/associations/{association}/volunteer-rate",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fixer le taux horaire de bénévolat d'une association",
      description =
          "SOL Engagement crédités par heure (60.00 = 1 SOL la minute). Coordinateurs ;"
              + " audité.")
  SettingsView changeVolunteerRate(
      @PathVariable long id,
      @PathVariable String association,
      @Valid @RequestBody VolunteerRateRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    changes.changeVolunteerRate(caller, http, network, association, request.perHour());
    return view(network, caller);
  }

  @PutMapping(path = "/fonte-rules/{strand}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fixer la règle de fonte d'une branche",
      description =
          "Taux en pourcentage par période, durée d'une période (ISO 8601 : P3M, P1M, P7D), début"
              + " de la première période, fuseau horaire des dates, minimum prélevé et compte"
              + " crédité (par défaut le fonds de l'association). Coordinateurs ; audité.")
  SettingsView changeFonteRule(
      @PathVariable long id,
      @Parameter(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          @PathVariable
          String strand,
      @Valid @RequestBody FonteRuleRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = coordinated(caller, id);
    StrandKind kind = solStrand(strand);
    var system = settings.setUp(network);
    AccountId fund =
        request.fundAccountId() == null
            ? system.fund(kind)
            : new AccountId(positive("fundAccountId", request.fundAccountId()));
    long minimum =
        ApiAmounts.parseNonNegative(request.minimum(), context.network(network).scale(kind));
    FonteRule rule;
    try {
      rule =
          new FonteRule(
              request.enabled(),
              NetworkSettingsChanges.percent("ratePercent", request.ratePercent()),
              Period.parse(request.idle()),
              request.firstPeriodStart(),
              ZoneId.of(request.timeZone() == null ? DEFAULT_ZONE : request.timeZone()),
              minimum,
              fund);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw invalid(
          "idle : une durée ISO 8601 positive en mois et jours (P3M, P7D) ; timeZone : un fuseau"
              + " comme Europe/Paris.");
    }
    LedgerProblems.done(
        settings.changeFonteRule(network, kind, rule, NetworkSettingsChanges.actor(caller)));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("enabled", rule.enabled());
    details.put("rateBp", rule.rate().value());
    details.put("idle", rule.idle().toString());
    details.put("firstPeriodStart", rule.firstPeriodStart().toString());
    details.put("timeZone", rule.zone().getId());
    details.put("minimum", rule.minimum());
    details.put("fundAccountId", rule.fund().value());
    changes.audit(caller, http, network, "fonte-rule " + kind, details);
    return view(network, caller);
  }

  private SettingsView view(NetworkId network, Caller caller) {
    boolean coordinator = caller.holds(Role.COORDINATOR, network);
    Network n = context.network(network);
    RatesView rates =
        settings
            .rates(network)
            .map(
                v ->
                    new RatesView(
                        v.value().euroRate().eurosPerSol().toPlainString(),
                        percent(v.value().purchaseBonus()),
                        percent(v.value().reconversionFee()),
                        v.effectiveFrom(),
                        coordinator ? v.changedBy().id() : null))
            .orElse(null);
    List<CategoryView> categories =
        settings.categories(network).stream()
            .map(c -> new CategoryView(c.code(), c.label()))
            .toList();
    List<FonteRuleView> fonteRules = new ArrayList<>();
    for (StrandKind strand :
        List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE)) {
      settings
          .fonteRule(network, strand)
          .ifPresent(v -> fonteRules.add(fonteRule(n, strand, v, coordinator)));
    }
    Set<String> merchants = new TreeSet<>();
    Set<String> associations = new TreeSet<>();
    if (coordinator) {
      for (Account a : context.ledger().accounts().list(network)) {
        if (a.ownerKind() == OwnerKind.MERCHANT) {
          merchants.add(a.ownerRef());
        } else if (a.ownerKind() == OwnerKind.ASSOCIATION) {
          associations.add(a.ownerRef());
        }
      }
    } else {
      if (caller.holds(Role.MERCHANT, network)) {
        merchants.add(caller.username());
      }
      if (caller.holds(Role.ASSOCIATION, network)) {
        associations.add(caller.username());
      }
    }
    List<MerchantView> merchantViews =
        merchants.stream()
            .map(
                m ->
                    new MerchantView(
                        m,
                        List.copyOf(new TreeSet<>(settings.merchantCategories(network, m))),
                        settings.rewardRate(network, m).map(v -> percent(v.value())).orElse(null)))
            .toList();
    int engagementScale = n.scale(StrandKind.ENGAGEMENT);
    List<AssociationView> associationViews =
        associations.stream()
            .map(
                a ->
                    new AssociationView(
                        a,
                        settings
                            .volunteerRate(network, a)
                            .map(v -> Decimals.format(v.value(), engagementScale))
                            .orElse(null)))
            .toList();
    return new SettingsView(
        network.value(), n.code(), rates, categories, fonteRules, merchantViews, associationViews);
  }

  private static FonteRuleView fonteRule(
      Network n, StrandKind strand, Versioned<FonteRule> v, boolean coordinator) {
    FonteRule r = v.value();
    return new FonteRuleView(
        strand.name(),
        r.enabled(),
        percent(r.rate()),
        r.idle().toString(),
        r.firstPeriodStart(),
        r.zone().getId(),
        Decimals.format(r.minimum(), n.scale(strand)),
        r.fund().value(),
        v.effectiveFrom(),
        coordinator ? v.changedBy().id() : null);
  }

  /** The network if the caller coordinates it (404 otherwise), with its system accounts set up. */
  private NetworkId coordinated(Caller caller, long id) {
    NetworkId network = context.networkById(caller, Role.COORDINATOR, id);
    settings.setUp(network);
    return network;
  }

  static String percent(BasisPoints bp) {
    return Decimals.format(bp.value(), 2);
  }

  private static long positive(String field, long value) {
    if (value <= 0) {
      throw invalid(field + " : un identifiant > 0.");
    }
    return value;
  }

  static StrandKind solStrand(String name) {
    try {
      StrandKind kind = StrandKind.valueOf(name);
      if (kind != StrandKind.EURO) {
        return kind;
      }
    } catch (IllegalArgumentException | NullPointerException unknown) {
      // answered below
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER, "Branche inconnue : COOPERATION, ENGAGEMENT ou AFFECTE.");
  }

  static ApiProblemException invalid(String detail) {
    return new ApiProblemException(ProblemCode.VALIDATION_FAILED, detail);
  }
}
