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
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    long left = refunds.left(caller, transferId);
    model.addAttribute("refundLeft", left == 0 ? null : accounts.format(merchant, left, locale));
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
      AccountPages.HistoryPage page = accounts.history(shown, before, locale);
      model.addAttribute("page", page);
      model.addAttribute("refundable", true);
      // what is left of each sale, prefilled in its refund field; the fully refunded ones marked
      Map<Long, String> left = new HashMap<>();
      Set<Long> refunded = new HashSet<>();
      for (AccountPages.HistoryRow row : page.rows()) {
        if (row.credit() && "PAYMENT".equals(row.code())) {
          long minorUnits = refunds.left(caller, row.transferId());
          if (minorUnits == 0) {
            refunded.add(row.transferId());
          } else {
            left.put(row.transferId(), accounts.format(shown, minorUnits, locale));
          }
        }
      }
      model.addAttribute("refundLeft", left);
      model.addAttribute("refundedSales", refunded);
    }
    return "merchant/history";
  }

  /** A sale's refund form: the amount prefilled with what is left of it, nothing once all is. */
  @GetMapping("/till/refunds/{transferId}")
  String refundForm(
      @PathVariable long transferId,
      @RequestParam(required = false) Long account,
      Caller caller,
      Locale locale,
      Model model) {
    Refunds.Sale sale = refunds.sale(caller, transferId);
    saleModel(sale, account, locale, model);
    model.addAttribute("amount", sale.left() == 0 ? "" : localized(sale.left(), sale, locale));
    return "merchant/refund";
  }

  /**
   * Refunds a sale, wholly or in part (cashiers within their limit), in two steps: the amount typed
   * (never empty: an empty field is refused, it does not mean "all of it"), then its confirmation
   * ({@code confirmed}). Both steps answer the refund page, with the refusal and its HTTP status
   * when there is one; a refund made goes back to where it was asked from.
   *
   * @param amount as typed: "1,50" or "1.50"
   * @param account the sales page's account to go back to; absent: back to the charge's page
   * @param confirmed true on the confirmation's button
   */
  @PostMapping("/till/refunds")
  String refund(
      @RequestParam long transferId,
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) String amount,
      @RequestParam String key,
      @RequestParam(defaultValue = "false") boolean confirmed,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Refunds.Sale sale = refunds.sale(caller, transferId);
    String typed = amount == null ? "" : ApiAmounts.typed(amount);
    try {
      if (confirmed) {
        // the ledger checks what is left, and answers a second send with the first refund
        refunds.refund(caller, transferId, key, typed, null, ClientAddress.of(http));
        redirect.addFlashAttribute("messageKey", "till.refund.done");
        return account == null
            ? "redirect:/till/charged/" + transferId
            : "redirect:/till/history?account=" + account;
      }
      Refunds.RefundPreview preview = refunds.preview(caller, sale, typed);
      model.addAttribute("confirming", localized(preview.amount(), sale, locale));
      model.addAttribute("key", key);
    } catch (ApiProblemException refused) {
      response.setStatus(refused.status().value());
      model.addAttribute("errors", List.of(refusal(refused, sale, locale)));
      sale = refunds.sale(caller, transferId);
    }
    saleModel(sale, account, locale, model);
    model.addAttribute("amount", amount == null ? "" : amount.strip());
    return "merchant/refund";
  }

  /** A refund's refusal in words, with the limit that applies to a cashier over it. */
  private FormError refusal(ApiProblemException refused, Refunds.Sale sale, Locale locale) {
    if ("REFUND_LIMIT_EXCEEDED".equals(refused.code())) {
      Object limit = refused.properties().get("limit");
      return limit == null
          ? new FormError("refund-amount", "tillrefund.limit.none")
          : new FormError(
              "refund-amount",
              "tillrefund.limit.over",
              Amounts.localized(limit.toString(), locale));
    }
    if ("REVERSAL_EXCEEDS_ORIGINAL".equals(refused.code())) {
      return new FormError(
          "refund-amount", "tillrefund.left.over", localized(sale.left(), sale, locale));
    }
    return new FormError("refund-amount", problems.problemKey(refused));
  }

  private void saleModel(Refunds.Sale sale, Long account, Locale locale, Model model) {
    Transfer payment = sale.payment();
    model.addAttribute("transferId", payment.id().value());
    model.addAttribute("account", account);
    model.addAttribute("payer", sale.payer());
    model.addAttribute("saleAmount", localized(payment.amount(), sale, locale));
    model.addAttribute("left", localized(sale.left(), sale, locale));
    model.addAttribute("fullyRefunded", sale.left() == 0);
    model.addAttribute("date", accounts.date(payment.createdAt(), locale));
    model.addAttribute("strand", payment.strand().name());
    if (!model.containsAttribute("key")) {
      model.addAttribute("key", UUID.randomUUID().toString());
    }
  }

  private static String localized(long minorUnits, Refunds.Sale sale, Locale locale) {
    return Amounts.format(minorUnits, sale.scale(), locale);
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
