package coop.sol.web.page.merchant;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.reconversion.ReconversionQuote;
import coop.sol.ledger.reconversion.ReconversionRequest;
import coop.sol.ledger.reconversion.Reconverted;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.cashier.CashierRefundLimits;
import coop.sol.web.operation.OperationContext;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The merchant's own pages (not their cashiers'): cashiers and their refund limits ({@link
 * CashierRefundLimits}, as {@code /api/v1/cashiers}), and reconversion of SOL Coopération into
 * euros (as {@code /api/v1/reconversions}: a quote, then the request).
 */
@Hidden
@Controller
class MerchantPages {
  private static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final CashierRefundLimits cashiers;
  private final NetworkDirectory networks;
  private final Operations operations;
  private final OperationContext context;
  private final ProblemMessages problems;

  MerchantPages(
      CashierRefundLimits cashiers,
      NetworkDirectory networks,
      Operations operations,
      OperationContext context,
      ProblemMessages problems) {
    this.cashiers = cashiers;
    this.networks = networks;
    this.operations = operations;
    this.context = context;
    this.problems = problems;
  }

  /**
   * A cashier as the page lists them.
   *
   * @param limits per strand, localized decimal text, or null where no refund is allowed
   */
  record CashierRow(long id, String username, String displayName, Map<String, String> limits) {}

  @GetMapping("/till/cashiers")
  String cashiers(Caller caller, Locale locale, Model model) {
    List<CashierRow> rows =
        cashiers.of(caller.username(), caller.networksAs(Role.MERCHANT)).stream()
            .map(
                c -> {
                  Map<String, String> limits = new LinkedHashMap<>();
                  for (StrandKind strand : SOL_STRANDS) {
                    Long limit = c.limits().get(strand);
                    limits.put(
                        strand.name(),
                        limit == null
                            ? null
                            : Amounts.format(limit, networks.scale(c.network(), strand), locale));
                  }
                  return new CashierRow(c.id(), c.username(), c.displayName(), limits);
                })
            .toList();
    model.addAttribute("cashiers", rows);
    model.addAttribute("strands", SOL_STRANDS.stream().map(StrandKind::name).toList());
    return "merchant/cashiers";
  }

  /**
   * @param cashier the cashier's id (their role grant)
   * @param limit the most they may refund at once, as typed; 0 for none
   */
  @PostMapping("/till/cashiers/limits")
  String setLimit(
      @RequestParam long cashier,
      @RequestParam String strand,
      @RequestParam String limit,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    var found =
        cashiers
            .find(cashier)
            .filter(
                c ->
                    c.merchant().equals(caller.username())
                        && caller.holds(Role.MERCHANT, c.network()))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    StrandKind kind =
        SOL_STRANDS.stream()
            .filter(s -> s.name().equals(strand))
            .findFirst()
            .orElseThrow(() -> new ApiProblemException(ProblemCode.INVALID_PARAMETER));
    try {
      int scale = networks.scale(found.network(), kind);
      long minor = ApiAmounts.parseNonNegative(ApiAmounts.typed(limit), scale);
      cashiers.setLimit(
          found,
          kind,
          minor,
          caller.userId(),
          caller.username(),
          ClientAddress.of(http),
          Decimals.format(minor, scale));
      redirect.addFlashAttribute("messageKey", "till.cashiers.saved");
    } catch (ApiProblemException refused) {
      redirect.addFlashAttribute(
          "errors",
          List.of(new FormError("limit-" + cashier + "-" + strand, problems.problemKey(refused))));
    }
    return "redirect:/till/cashiers";
  }

  @GetMapping("/till/reconversion")
  String reconversion(
      @RequestParam(required = false) String amount, Caller caller, Locale locale, Model model) {
    NetworkId network = context.networkAs(caller, Role.MERCHANT, null);
    Account account =
        context.ownAccount(caller, network, OwnerKind.MERCHANT, StrandKind.COOPERATION);
    model.addAttribute(
        "available",
        Amounts.format(
            account.balance().available(),
            networks.scale(network, StrandKind.COOPERATION),
            locale));
    model.addAttribute("key", UUID.randomUUID().toString());
    if (amount != null && !amount.isBlank()) {
      model.addAttribute("amount", amount);
      try {
        Amount sol = context.amount(network, StrandKind.COOPERATION, ApiAmounts.typed(amount));
        if (sol.minorUnits() > account.balance().available()) {
          // a quote for more than the merchant holds would promise euros they cannot have
          model.addAttribute(
              "errors",
              List.of(
                  new FormError(
                      "amount",
                      "tillreconv.overBalance",
                      Amounts.format(
                          account.balance().available(),
                          networks.scale(network, StrandKind.COOPERATION),
                          locale))));
          return "merchant/reconversion";
        }
        ReconversionQuote quote =
            LedgerProblems.done(operations.reconversions().quote(network, sol));
        model.addAttribute("quote", quoteView(network, quote, locale));
      } catch (ApiProblemException refused) {
        model.addAttribute(
            "errors", List.of(new FormError("amount", problems.problemKey(refused))));
      }
    }
    return "merchant/reconversion";
  }

  /** A quote's figures for the page, localized. */
  record QuoteView(String sol, String fee, String net, String euros) implements Serializable {}

  private QuoteView quoteView(NetworkId network, ReconversionQuote q, Locale locale) {
    return new QuoteView(
        Amounts.localized(context.format(network, StrandKind.COOPERATION, q.sol()), locale),
        Amounts.localized(context.format(network, StrandKind.COOPERATION, q.fee()), locale),
        Amounts.localized(context.format(network, StrandKind.COOPERATION, q.net()), locale),
        Amounts.localized(context.format(network, StrandKind.EURO, q.euros()), locale));
  }

  @PostMapping("/till/reconversion")
  String reconvert(
      @RequestParam String amount,
      @RequestParam String key,
      Caller caller,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    NetworkId network = context.networkAs(caller, Role.MERCHANT, null);
    try {
      Account account =
          context.ownAccount(caller, network, OwnerKind.MERCHANT, StrandKind.COOPERATION);
      Amount sol = context.amount(network, StrandKind.COOPERATION, ApiAmounts.typed(amount));
      Reconverted done =
          LedgerProblems.done(
              operations
                  .reconversions()
                  .reconvert(
                      new ReconversionRequest(
                          network, OperationContext.key(caller, key), account.id(), sol)));
      QuoteView view = quoteView(network, done.quote(), locale);
      redirect.addFlashAttribute("done", view);
      return "redirect:/till/reconversion";
    } catch (ApiProblemException refused) {
      model.addAttribute("errors", List.of(new FormError("amount", problems.problemKey(refused))));
      return reconversion(null, caller, locale, model);
    }
  }
}
