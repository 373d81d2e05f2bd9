package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * A coordinator's changes to a network's settings, whichever door they come through (the API's
 * {@code /api/v1/networks/{id}/settings}, the page {@code /coordinator/settings}): the values as
 * typed in the API's form, checked, handed to ledger-core's {@link NetworkSettings} and audited
 * (NETWORK_SETTINGS_CHANGED). The caller must already be known to coordinate the network. A value
 * refused is an {@link ApiProblemException} naming its field (400 VALIDATION_FAILED, or the
 * ledger's reason); nothing is written then.
 */
@Component
public class NetworkSettingsChanges {
  /** A category's code: capitals, digits and _, starting with a capital (the ledger's rule). */
  private static final String CATEGORY_CODE = "[A-Z][A-Z0-9_]{0,39}";

  private final NetworkSettings settings;
  private final OperationContext context;

  NetworkSettingsChanges(Operations operations, OperationContext context) {
    this.settings = operations.settings();
    this.context = context;
  }

  /**
   * @param euroPerSol euros for one SOL, at most 6 decimals
   * @param purchaseBonusPercent, reconversionFeePercent percentages, at most 2 decimals
   */
  public NetworkRates changeRates(
      Caller caller,
      HttpServletRequest http,
      NetworkId network,
      String euroPerSol,
      String purchaseBonusPercent,
      String reconversionFeePercent) {
    NetworkRates rates =
        new NetworkRates(
            euroRate(euroPerSol),
            percent("purchaseBonusPercent", purchaseBonusPercent),
            percent("reconversionFeePercent", reconversionFeePercent));
    settings.setUp(network);
    settings.changeRates(network, rates, actor(caller));
    audit(
        caller,
        http,
        network,
        "rates",
        Map.of(
            "euroPerSol", rates.euroRate().eurosPerSol().toPlainString(),
            "purchaseBonusBp", rates.purchaseBonus().value(),
            "reconversionFeeBp", rates.reconversionFee().value()));
    return rates;
  }

  /** Adds the category to the network's catalogue, or renames it. */
  public void defineCategory(
      Caller caller, HttpServletRequest http, NetworkId network, String code, String label) {
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "label : de 1 à 200 caractères.", "label");
    }
    MerchantCategory category;
    try {
      category = new MerchantCategory(code, label);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "code : majuscules, chiffres et _, commençant par une lettre (40 au plus).",
          "code");
    }
    settings.setUp(network);
    settings.defineCategory(network, category);
    audit(caller, http, network, "category " + code, Map.of("label", label));
  }

  /** The merchant's categories, codes of the network's catalogue (UNKNOWN_CATEGORY otherwise). */
  public Set<String> changeMerchantCategories(
      Caller caller,
      HttpServletRequest http,
      NetworkId network,
      String merchant,
      Collection<String> categories) {
    requireHolder(network, OwnerKind.MERCHANT, merchant);
    Set<String> codes = new TreeSet<>(categories);
    for (String code : codes) {
      if (code == null || !code.matches(CATEGORY_CODE)) {
        throw LedgerProblems.problem(OperationReason.UNKNOWN_CATEGORY);
      }
    }
    LedgerProblems.done(settings.changeMerchantCategories(network, merchant, codes, actor(caller)));
    audit(
        caller,
        http,
        network,
        "merchant " + merchant + " categories",
        Map.of("categories", List.copyOf(codes)));
    return codes;
  }

  /**
   * The merchant's reward: a percentage of a purchase paid in euros, given back in SOL Coopération.
   *
   * @param percent at most 2 decimals; the problem names the field {@code percent}
   */
  public BasisPoints changeRewardRate(
      Caller caller, HttpServletRequest http, NetworkId network, String merchant, String percent) {
    requireHolder(network, OwnerKind.MERCHANT, merchant);
    BasisPoints rate = percent("percent", percent);
    settings.changeRewardRate(network, merchant, rate, actor(caller));
    audit(
        caller,
        http,
        network,
        "merchant " + merchant + " reward-rate",
        Map.of("rewardBp", rate.value()));
    return rate;
  }

  /**
   * The association's volunteer rate.
   *
   * @param perHour SOL Engagement per hour, as the API writes amounts ({@code 60.00}); the problem
   *     names the field {@code perHour}
   * @return minor units per hour
   */
  public long changeVolunteerRate(
      Caller caller,
      HttpServletRequest http,
      NetworkId network,
      String association,
      String perHour) {
    requireHolder(network, OwnerKind.ASSOCIATION, association);
    long minorPerHour;
    try {
      minorPerHour = context.amount(network, StrandKind.ENGAGEMENT, perHour).minorUnits();
    } catch (ApiProblemException e) {
      // the amount's own problem (INVALID_AMOUNT), naming the field
      throw new ApiProblemException(ProblemCode.valueOf(e.code()), e.detail(), "perHour");
    }
    settings.changeVolunteerRate(network, association, minorPerHour, actor(caller));
    audit(
        caller,
        http,
        network,
        "association " + association + " volunteer-rate",
        Map.of("minorPerHour", minorPerHour));
    return minorPerHour;
  }

  /** The usernames of the network's account holders of {@code kind}, sorted. */
  public List<String> holders(NetworkId network, OwnerKind kind) {
    Set<String> refs = new TreeSet<>();
    for (Account a : context.ledger().accounts().list(network)) {
      if (a.ownerKind() == kind) {
        refs.add(a.ownerRef());
      }
    }
    return List.copyOf(refs);
  }

  /** 404 unless {@code ref} holds an account of {@code kind} in the network. */
  public void requireHolder(NetworkId network, OwnerKind kind, String ref) {
    if (ref == null || context.ledger().accounts().findByOwner(network, kind, ref).isEmpty()) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
  }

  void audit(
      Caller caller,
      HttpServletRequest http,
      NetworkId network,
      String target,
      Map<String, Object> details) {
    context.audit(caller, http, AuditAction.NETWORK_SETTINGS_CHANGED, network, target, details);
  }

  static Actor actor(Caller caller) {
    return Actor.of(caller.username());
  }

  /**
   * A percentage as the API writes it ({@code 2.5}), at most 2 decimals, 0 to 100; refused as a
   * VALIDATION_FAILED problem naming {@code field}.
   */
  public static BasisPoints percent(String field, String text) {
    try {
      return BasisPoints.ofPercent(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          field + " : un pourcentage de 0 à 100, deux décimales au plus (\"2.5\").",
          field);
    }
  }

  private static EuroRate euroRate(String text) {
    try {
      return EuroRate.of(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "euroPerSol : un décimal > 0, six décimales au plus (\"0.10\", \"1\").",
          "euroPerSol");
    }
  }
}
