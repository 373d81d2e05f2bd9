package coop.sol.web.page.merchant;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.PaymentCodeReader;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.payment.PayTokens;
import coop.sol.web.payment.PaymentRequestView;
import coop.sol.web.payment.PaymentRequests;
import coop.sol.web.payment.PaymentViews;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.refund.Refunds;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The till, for the merchant and their cashiers: payment requests ({@link PaymentRequests}), pay
 * tokens charged ({@link PayTokens}), sales and refunds ({@link Refunds}), the counter code. Forms
 * that move money carry an idempotency key of their own, so a second send changes nothing.
 */
@Hidden
@Controller
class TillPages {
  private final AccountPages accounts;
  private final PaymentRequests requests;
  private final PaymentViews views;
  private final PayTokens tokens;
  private final Refunds refunds;
  private final PaymentCodeReader reader;
  private final Ledger ledger;
  private final ProblemMessages problems;

  TillPages(
      AccountPages accounts,
      PaymentRequests requests,
      PaymentViews views,
      PayTokens tokens,
      Refunds refunds,
      PaymentCodeReader reader,
      Ledger ledger,
      ProblemMessages problems) {
    this.accounts = accounts;
    this.requests = requests;
    this.views = views;
    this.tokens = tokens;
    this.refunds = refunds;
    this.reader = reader;
    this.ledger = ledger;
    this.problems = problems;
  }

  private void tillAccounts(Caller caller, Locale locale, Model model) {
    model.addAttribute(
        "tillAccounts",
        accounts.tillAccounts(caller).stream().map(a -> accounts.balance(a, locale)).toList());
  }

  @GetMapping("/till")
  String requestForm(Caller caller, Locale locale, Model model) {
    tillAccounts(caller, locale, model);
    return "merchant/till";
  }

  /**
   * @param account the merchant account to credit
   * @param amount as typed: "12,50" or "12.50"
   * @param reference the merchant's text shown to the payer (ticket, table); optional
   */
  @PostMapping("/till/requests")
  String createRequest(
      @RequestParam long account,
      @RequestParam String amount,
      @RequestParam(required = false) String reference,
      Caller caller,
      Locale locale,
      Model model) {
    try {
      PaymentRequest created =
          requests.create(
              caller,
              account,
              ApiAmounts.typed(amount),
              reference == null || reference.isBlank() ? null : reference.strip(),
              PaymentRequests.DEFAULT_EXPIRY_SECONDS);
      return "redirect:/till/requests/" + created.id();
    } catch (ApiProblemException refused) {
      String field = "VALIDATION_FAILED".equals(refused.code()) ? "reference" : "amount";
      if ("MERCHANT_ACCOUNT_NOT_FOUND".equals(refused.code())) {
        field = "account";
      }
      model.addAttribute("errors", List.of(new FormError(field, problems.problemKey(refused))));
      model.addAttribute("amount", amount);
      model.addAttribute("reference", reference);
      model.addAttribute("selected", account);
      return requestForm(caller, locale, model);
    }
  }

  @GetMapping("/till/requests/{id}")
  String request(@PathVariable String id, Caller caller, Locale locale, Model model) {
    PaymentRequest request =
        requests
            .visible(caller, id)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    // a till sees its own merchant's requests only
    accounts.till(caller, request.merchantAccount().value());
    PaymentRequestView view = views.of(request);
    model.addAttribute("request", view);
    model.addAttribute("amount", Amounts.localized(view.amount(), locale));
    model.addAttribute("expiresAt", accounts.date(view.expiresAt(), locale));
    return "merchant/request";
  }

  @PostMapping("/till/requests/{id}/cancel")
  String cancel(@PathVariable String id, Caller caller, HttpServletRequest http) {
    requests.cancel(caller, id, ClientAddress.of(http));
    return "redirect:/till/requests/" + id;
  }

  @GetMapping("/till/charge")
  String chargeForm(
      @RequestParam(required = false) String code, Caller caller, Locale locale, Model model) {
    tillAccounts(caller, locale, model);
    if (!model.containsAttribute("code")) {
      model.addAttribute("code", code);
    }
    model.addAttribute("key", UUID.randomUUID().toString());
    return "merchant/charge";
  }

  /**
   * Charges a customer's pay token, read from a photo or given as text (the camera scanner fills
   * the text).
   *
   * @param key this form's idempotency key
   */
  @PostMapping("/till/charge")
  String charge(
      @RequestParam(name = "photo", required = false) MultipartFile photo,
      @RequestParam(name = "code", required = false) String code,
      @RequestParam long account,
      @RequestParam String amount,
      @RequestParam String key,
      Caller caller,
      Locale locale,
      Model model)
      throws IOException {
    List<FormError> errors = new ArrayList<>();
    String text = code == null ? "" : code.strip();
    if (photo != null && !photo.isEmpty()) {
      PaymentCodeReader.Reading reading;
      try (InputStream in = photo.getInputStream()) {
        reading = reader.scan(caller, in);
      }
      if (reading instanceof PaymentCodeReader.Read read) {
        text = read.payload();
      } else {
        errors.add(new FormError("photo", ((PaymentCodeReader.Unreadable) reading).messageKey()));
      }
    } else if (text.isEmpty()) {
      errors.add(new FormError("code", "till.charge.nothing"));
    }
    if (errors.isEmpty()) {
      try {
        Transfer charged =
            tokens.redeem(caller, key, text, account, ApiAmounts.typed(amount), null).transfer();
        return "redirect:/till/charged/" + charged.id().value();
      } catch (ApiProblemException refused) {
        String field =
            refused.code().startsWith("PAYMENT_CODE") || refused.code().startsWith("PAY_TOKEN_")
                ? "code"
                : "amount";
        if ("PAY_TOKEN_CAP_EXCEEDED".equals(refused.code())) {
          field = "amount";
        }
        errors.add(new FormError(field, problems.problemKey(refused)));
      }
    }
    model.addAttribute("errors", errors);
    model.addAttribute("code", text);
    model.addAttribute("amount", amount);
    model.addAttribute("selected", account);
    return chargeForm(null, caller, locale, model);
  }

  @GetMapping("/till/charged/{transferId}")
  String charged(@PathVariable long transferId, Caller caller, Locale locale, Model model) {
    Transfer transfer =
        ledger
            .transfers()
            .findIn(caller.networks(), new TransferId(transferId))
            .filter(
                t ->
                    accounts.tillAccounts(caller).stream().anyMatch(a -> a.id().equals(t.credit())))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Account merchant = accounts.till(caller, transfer.credit().value());
    Account payer = ledger.accounts().find(transfer.network(), transfer.debit()).orElseThrow();
    model.addAttribute("amount", accounts.format(merchant, transfer.amount(), locale));
    model.addAttribute("payer", payer.name());
    model.addAttribute("strand", transfer.strand().name());
    model.addAttribute("date", accounts.date(transfer.createdAt(), locale));
    model.addAttribute("transferId", transfer.id().value());
    model.addAttribute("key", UUID.randomUUID().toString());
    return "merchant/charged";
  }

  @GetMapping("/till/history")
  String history(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) Long before,
      Caller caller,
      Locale locale,
      Model model) {
    List<Account> tills = accounts.tillAccounts(caller);
    tillAccounts(caller, locale, model);
    if (!tills.isEmpty()) {
      Account shown = account == null ? tills.get(0) : accounts.till(caller, account);
      model.addAttribute("page", accounts.history(shown, before, locale));
      model.addAttribute("refundable", true);
    }
    return "merchant/history";
  }

  /**
   * Refunds a sale, wholly or in part (cashiers within their limit), from the merchant's sales or
   * from the page of a charge just taken.
   *
   * @param amount as typed; empty for the whole sale
   * @param account the sales page's account to go back to; absent: back to the charge's page
   */
  @PostMapping("/till/refunds")
  String refund(
      @RequestParam long transferId,
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) String amount,
      @RequestParam String key,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    try {
      refunds.refund(
          caller,
          transferId,
          key,
          amount == null || amount.isBlank() ? null : ApiAmounts.typed(amount),
          null,
          ClientAddress.of(http));
      redirect.addFlashAttribute("messageKey", "till.refund.done");
    } catch (ApiProblemException refused) {
      redirect.addFlashAttribute(
          "errors", List.of(new FormError(null, problems.problemKey(refused))));
    }
    return account == null
        ? "redirect:/till/charged/" + transferId
        : "redirect:/till/history?account=" + account;
  }

  @GetMapping("/till/counter-code")
  String counterCode(
      @RequestParam(required = false) Long account, Caller caller, Locale locale, Model model) {
    List<Account> tills = accounts.tillAccounts(caller);
    tillAccounts(caller, locale, model);
    if (!tills.isEmpty()) {
      Account shown = account == null ? tills.get(0) : accounts.till(caller, account);
      model.addAttribute("shown", accounts.balance(shown, locale));
    }
    return "merchant/counter-code";
  }
}
