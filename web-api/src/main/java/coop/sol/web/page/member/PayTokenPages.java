package coop.sol.web.page.member;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.payment.PayToken;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.payment.PayTokenView;
import coop.sol.web.payment.PayTokens;
import coop.sol.web.payment.PaymentViews;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /member/pay-token}: a capped, single-use code the member shows at the till, which the
 * cashier charges ({@link PayTokens}, as {@code POST /api/v1/pay-tokens}). The QR image is the
 * API's ({@code /api/v1/pay-tokens/{id}/qr.svg}), which the session may read.
 */
@Hidden
@Controller
class PayTokenPages {
  private final PayTokens tokens;
  private final PaymentViews views;
  private final AccountPages accounts;
  private final ProblemMessages problems;
  private final Ledger ledger;

  PayTokenPages(
      PayTokens tokens,
      PaymentViews views,
      AccountPages accounts,
      ProblemMessages problems,
      Ledger ledger) {
    this.ledger = ledger;
    this.tokens = tokens;
    this.views = views;
    this.accounts = accounts;
    this.problems = problems;
  }

  @GetMapping("/member/pay-token")
  String form(Caller caller, Locale locale, Model model) {
    model.addAttribute("accounts", accounts.balances(caller, locale));
    return "member/pay-token";
  }

  /**
   * @param account the account the till will debit
   * @param cap the most the till may charge, as typed ("20" or "20,00")
   */
  @PostMapping("/member/pay-token")
  String issue(
      @RequestParam long account,
      @RequestParam String cap,
      Caller caller,
      Locale locale,
      Model model) {
    try {
      PayToken token =
          tokens.issue(caller, account, ApiAmounts.typed(cap), PayTokens.DEFAULT_EXPIRY_SECONDS);
      return "redirect:/member/pay-token/" + token.id();
    } catch (ApiProblemException refused) {
      String field =
          "DEBIT_ACCOUNT_NOT_FOUND".equals(refused.code())
                  || "DEBIT_NOT_ALLOWED".equals(refused.code())
              ? "account"
              : "cap";
      model.addAttribute("errors", List.of(new FormError(field, problems.problemKey(refused))));
      model.addAttribute("cap", cap);
      model.addAttribute("selected", account);
      return form(caller, locale, model);
    }
  }

  @GetMapping("/member/pay-token/{id}")
  String show(@PathVariable String id, Caller caller, Locale locale, Model model) {
    PayToken token =
        tokens
            .visible(caller, id)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    PayTokenView view = views.of(token);
    model.addAttribute("token", view);
    model.addAttribute("cap", Amounts.localized(view.cap(), locale));
    model.addAttribute(
        "charged", view.usedAmount() == null ? null : Amounts.localized(view.usedAmount(), locale));
    // a used token says who took how much, and when (the merchant's name, as on the receipt)
    model.addAttribute(
        "chargedBy",
        token.merchantAccount() == null || token.usedTransfer() == null
            ? null
            : ledger
                .accounts()
                .find(token.network(), token.merchantAccount())
                .map(Account::name)
                .orElse(null));
    model.addAttribute(
        "chargedAt", token.usedAt() == null ? null : accounts.date(token.usedAt(), locale));
    model.addAttribute(
        "chargedTransfer", token.usedTransfer() == null ? null : token.usedTransfer().value());
    model.addAttribute("expiresAt", accounts.date(view.expiresAt(), locale));
    return "member/pay-token-show";
  }
}
