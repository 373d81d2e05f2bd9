package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.operation.NetworkSettingsChanges;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.report.TransparencySwitch;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page's forms besides the exchange offices' ({@link SettingsPage}): the transparency
 * publication, the rates, the merchant categories, a merchant's categories and reward rate, an
 * association's volunteer rate. Each calls the service the API's endpoint calls ({@link
 * NetworkSettingsChanges}, {@link TransparencySwitch}), which checks, records and audits; a value
 * refused shows the page again, 400, with the error by its field and nothing changed.
 */
@Hidden
@Controller
@RequestMapping("/coordinator/settings")
class SettingsForms {
  private final SettingsPage page;
  private final Coordination coordination;
  private final NetworkSettingsChanges changes;
  private final TransparencySwitch transparency;
  private final NetworkSettings settings;
  private final ProblemMessages problems;

  SettingsForms(
      SettingsPage page,
      Coordination coordination,
      NetworkSettingsChanges changes,
      TransparencySwitch transparency,
      Operations operations,
      ProblemMessages problems) {
    this.page = page;
    this.coordination = coordination;
    this.changes = changes;
    this.transparency = transparency;
    this.settings = operations.settings();
    this.problems = problems;
  }

  /**
   * @param publish "on" publishes the transparency page, "off" withdraws it
   */
  @PostMapping("/transparency")
  String transparency(
      @RequestParam(defaultValue = "") String publish,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    if (!publish.equals("on") && !publish.equals("off")) {
      return refused(
          List.of(new FormError("publish-on", "settings.transparency.choice")),
          Map.of(),
          "",
          caller,
          locale,
          model,
          response);
    }
    transparency.set(caller, http, coordination.details(network), publish.equals("on"));
    return saved(redirect);
  }

  /**
   * @param euroPerSol euros for one SOL, as typed (decimal comma or dot)
   * @param purchaseBonusPercent, reconversionFeePercent percentages, as typed
   */
  @PostMapping("/rates")
  String rates(
      @RequestParam(defaultValue = "") String euroPerSol,
      @RequestParam(defaultValue = "") String purchaseBonusPercent,
      @RequestParam(defaultValue = "") String reconversionFeePercent,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    try {
      changes.changeRates(
          caller,
          http,
          network,
          ApiAmounts.typed(euroPerSol),
          ApiAmounts.typed(purchaseBonusPercent),
          ApiAmounts.typed(reconversionFeePercent));
    } catch (ApiProblemException e) {
      String field = e.field() == null ? "euroPerSol" : e.field();
      return refused(
          List.of(new FormError(field, key(e))),
          Map.of(
              "euroPerSol", euroPerSol,
              "purchaseBonusPercent", purchaseBonusPercent,
              "reconversionFeePercent", reconversionFeePercent),
          "",
          caller,
          locale,
          model,
          response);
    }
    return saved(redirect);
  }

  /**
   * Adds a category to the catalogue, or renames one.
   *
   * @param code the category's code (FOOD); typed in small letters, it is taken in capitals
   * @param rename whether the form is a row's renaming, whose field is {@code label-<code>}
   */
  @PostMapping("/categories")
  String category(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String label,
      @RequestParam(defaultValue = "false") boolean rename,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    String upper = code.strip().toUpperCase(Locale.ROOT);
    try {
      changes.defineCategory(caller, http, network, upper, label.strip());
    } catch (ApiProblemException e) {
      String field = rename ? "label-" + upper : "code".equals(e.field()) ? "code" : "label";
      return refused(
          List.of(new FormError(field, key(e))),
          rename ? Map.of(field, label) : Map.of("code", code, "label", label),
          "",
          caller,
          locale,
          model,
          response);
    }
    return saved(redirect);
  }

  /**
   * A merchant's categories and reward rate, both checked before either is recorded; only what
   * changed is recorded (and audited).
   *
   * @param categories the codes ticked; none: the merchant is in no category
   * @param reward the reward rate in percent, as typed; empty only while none is set
   */
  @PostMapping("/merchants")
  String merchant(
      @RequestParam(defaultValue = "") String merchant,
      @RequestParam(required = false) List<String> categories,
      @RequestParam(defaultValue = "") String reward,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    changes.requireHolder(network, OwnerKind.MERCHANT, merchant);
    Set<String> codes = categories == null ? Set.of() : new TreeSet<>(categories);
    Optional<Versioned<BasisPoints>> current = settings.rewardRate(network, merchant);
    String rewardId = "reward-" + merchant;
    BasisPoints rate = null;
    List<FormError> errors = new java.util.ArrayList<>();
    if (!reward.isBlank()) {
      try {
        rate = NetworkSettingsChanges.percent("percent", ApiAmounts.typed(reward));
      } catch (ApiProblemException e) {
        errors.add(new FormError(rewardId, "settings.percent.invalid"));
      }
    } else if (current.isPresent()) {
      errors.add(new FormError(rewardId, "settings.merchants.reward.required"));
    }
    if (!settings.unknownCategories(network, codes).isEmpty()) {
      errors.add(new FormError("categories-" + merchant, "settings.merchants.categories.unknown"));
    }
    if (!errors.isEmpty()) {
      return refused(errors, Map.of(rewardId, reward), merchant, caller, locale, model, response);
    }
    if (!codes.equals(settings.merchantCategories(network, merchant))) {
      changes.changeMerchantCategories(caller, http, network, merchant, codes);
    }
    if (rate != null && (current.isEmpty() || !current.get().value().equals(rate))) {
      changes.changeRewardRate(caller, http, network, merchant, ApiAmounts.typed(reward));
    }
    return saved(redirect);
  }

  /**
   * @param perHour SOL Engagement credited per hour volunteered, as typed
   */
  @PostMapping("/associations")
  String association(
      @RequestParam(defaultValue = "") String association,
      @RequestParam(defaultValue = "") String perHour,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    changes.requireHolder(network, OwnerKind.ASSOCIATION, association);
    try {
      changes.changeVolunteerRate(caller, http, network, association, ApiAmounts.typed(perHour));
    } catch (ApiProblemException e) {
      String field = "perHour-" + association;
      return refused(
          List.of(new FormError(field, "settings.associations.perHour.invalid")),
          Map.of(field, perHour),
          association,
          caller,
          locale,
          model,
          response);
    }
    return saved(redirect);
  }

  /**
   * The page again, 400, with the errors and what was typed.
   *
   * @param filter the name the lists are filtered by, so that the refused row is shown
   */
  private String refused(
      List<FormError> errors,
      Map<String, String> typed,
      String filter,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    response.setStatus(400);
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    return page.page(filter, caller, locale, model);
  }

  private static String saved(RedirectAttributes redirect) {
    redirect.addFlashAttribute("messageKey", "settings.saved");
    return "redirect:/coordinator/settings";
  }

  /** The message of a refusal by the field it names; the problem's own message otherwise. */
  private String key(ApiProblemException e) {
    if (e.status() == HttpStatus.NOT_FOUND) {
      throw e;
    }
    String field = e.field() == null ? "" : e.field();
    return switch (field) {
      case "euroPerSol" -> "settings.rates.euroPerSol.invalid";
      case "purchaseBonusPercent", "reconversionFeePercent", "percent" ->
          "settings.percent.invalid";
      case "code" -> "settings.categories.code.invalid";
      case "label" -> "settings.categories.label.invalid";
      default -> problems.problemKey(e.code());
    };
  }
}
