package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.exchange.ExchangeLimits;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /coordinator/settings}: the one place a coordinator finds every setting of the network.
 * Here its exchange offices' sales (the amount above which a sale asks the agent to confirm, the
 * daily limit of each office); the transparency publication, rates, categories, merchants' and
 * associations' rates are {@link SettingsSections}' and {@link SettingsForms}'; the page links to
 * the pages of the others (fonte, cards, directory). Changes are audited
 * (NETWORK_SETTINGS_CHANGED).
 */
@Hidden
@Controller
class SettingsPage {
  private final Coordination coordination;
  private final Operations operations;
  private final SettingsSections sections;

  SettingsPage(Coordination coordination, Operations operations, SettingsSections sections) {
    this.coordination = coordination;
    this.operations = operations;
    this.sections = sections;
  }

  /**
   * @param filter part of a username: lists only the merchants and associations whose name holds it
   */
  @GetMapping("/coordinator/settings")
  String page(
      @RequestParam(name = "q", defaultValue = "") String filter,
      Caller caller,
      Locale locale,
      Model model) {
    NetworkId network = coordination.network(caller);
    sections.fill(network, filter, locale, model);
    if (!model.containsAttribute("confirmAbove")) {
      ExchangeLimits limits = operations.exchange().limits(network);
      model.addAttribute("confirmAbove", typed(network, limits.confirmAbove(), locale));
      model.addAttribute("dailyLimit", typed(network, limits.dailyLimit(), locale));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", List.of());
    }
    model.addAttribute("networkName", coordination.details(network).name());
    return "coordinator/settings";
  }

  /** The page without a filter, as a refused form shows it again. */
  String page(Caller caller, Locale locale, Model model) {
    return page("", caller, locale, model);
  }

  /**
   * @param confirmAbove euros, as typed; empty: no confirmation asked
   * @param dailyLimit euros, as typed; empty: no daily limit
   */
  @PostMapping("/coordinator/settings/exchange")
  String exchange(
      @RequestParam(defaultValue = "") String confirmAbove,
      @RequestParam(defaultValue = "") String dailyLimit,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    int scale = coordination.scale(network, StrandKind.EURO);
    List<FormError> errors = new ArrayList<>();
    OptionalLong confirm = parse(confirmAbove, scale, "confirmAbove", errors);
    OptionalLong daily = parse(dailyLimit, scale, "dailyLimit", errors);
    if (!errors.isEmpty()) {
      response.setStatus(400);
      model.addAttribute("errors", errors);
      model.addAttribute("confirmAbove", confirmAbove);
      model.addAttribute("dailyLimit", dailyLimit);
      return page(caller, locale, model);
    }
    operations.exchange().setLimits(network, new ExchangeLimits(confirm, daily));
    coordination.audit(
        caller,
        http,
        AuditAction.NETWORK_SETTINGS_CHANGED,
        network,
        "exchange offices",
        Map.of(
            "confirmAbove", text(confirm, scale),
            "dailyLimit", text(daily, scale)));
    redirect.addFlashAttribute("messageKey", "settings.saved");
    return "redirect:/coordinator/settings";
  }

  private static OptionalLong parse(String typed, int scale, String field, List<FormError> errors) {
    if (typed.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(ApiAmounts.parse(ApiAmounts.typed(typed), scale).minorUnits());
    } catch (ApiProblemException e) {
      errors.add(new FormError(field, "form.amount.invalid"));
      return OptionalLong.empty();
    }
  }

  private String typed(NetworkId network, OptionalLong value, Locale locale) {
    return value.isEmpty()
        ? ""
        : Amounts.format(value.getAsLong(), coordination.scale(network, StrandKind.EURO), locale);
  }

  private static String text(OptionalLong value, int scale) {
    return value.isEmpty() ? "" : Decimals.format(value.getAsLong(), scale);
  }
}
