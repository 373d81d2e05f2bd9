package coop.sol.web.page.member;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.StaticMerchantCode;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.PaymentCodeReader;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.payment.PaymentRequestView;
import coop.sol.web.payment.PaymentRequests;
import coop.sol.web.payment.PaymentViews;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.Payments;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Paying a merchant: {@code /member/pay} reads the merchant's code (camera, photo, or a pasted
 * link), {@code /p/<code>} (what the QR code's link opens) shows what is about to be paid, to whom
 * and from which account, and its form pays; {@code /member/paid/<id>} confirms. A payment request
 * is paid through {@link PaymentRequests} (once, whoever tries), a counter code through {@link
 * Payments}; each confirmation page carries its own idempotency key, so sending the form twice pays
 * once. A till that opens a pay token's link is sent to its charge page.
 */
@Hidden
@Controller
class PayPages {
  private final PaymentCodeReader reader;
  private final PaymentRequests requests;
  private final PaymentViews views;
  private final Payments payments;
  private final AccountAccess access;
  private final AccountPages accounts;
  private final Ledger ledger;
  private final ProblemMessages problems;
  private final VoucherCards vouchers;

  PayPages(
      PaymentCodeReader reader,
      PaymentRequests requests,
      PaymentViews views,
      Payments payments,
      AccountAccess access,
      AccountPages accounts,
      Ledger ledger,
      ProblemMessages problems,
      VoucherCards vouchers) {
    this.reader = reader;
    this.requests = requests;
    this.views = views;
    this.payments = payments;
    this.access = access;
    this.accounts = accounts;
    this.ledger = ledger;
    this.problems = problems;
    this.vouchers = vouchers;
  }

  @GetMapping("/member/pay")
  String payPage() {
    return "member/pay";
  }

  /** A photo of the merchant's QR code, or its link pasted: on to the confirmation. */
  @PostMapping("/member/pay")
  String readCode(
      @RequestParam(name = "photo", required = false) MultipartFile photo,
      @RequestParam(name = "link", required = false) String link,
      Caller caller,
      Model model)
      throws IOException {
    PaymentCodeReader.Reading reading;
    String field;
    if (photo != null && !photo.isEmpty()) {
      field = "photo";
      try (InputStream in = photo.getInputStream()) {
        reading = reader.scanForPayer(caller, in);
      }
    } else if (link != null && !link.isBlank()) {
      field = "link";
      reading = reader.readForPayer(caller, link);
    } else {
      model.addAttribute("errors", List.of(new FormError("photo", "member.pay.nothing")));
      return "member/pay";
    }
    if (reading instanceof PaymentCodeReader.Read read) {
      return "redirect:/p/" + read.payload();
    }
    if (reading instanceof PaymentCodeReader.MemberRead member) {
      return "redirect:" + member.link().pathAndQuery();
    }
    String key = ((PaymentCodeReader.Unreadable) reading).messageKey();
    model.addAttribute("errors", List.of(new FormError(field, key)));
    model.addAttribute("link", link);
    return "member/pay";
  }

  @GetMapping("/p/{payload}")
  String confirmation(@PathVariable String payload, Caller caller, Locale locale, Model model) {
    PaymentCodeReader.Reading reading = reader.read(caller, payload);
    if (reading instanceof PaymentCodeReader.Read read && read.code() instanceof PayTokenCode) {
      if (caller.hasRole(Role.MERCHANT) || caller.hasRole(Role.CASHIER)) {
        return "redirect:/till/charge?code=" + payload;
      }
    }
    return confirmationPage(caller, payload, reading, locale, model, List.of());
  }

  /**
   * @param key this confirmation's idempotency key: a second send pays nothing more
   * @param debitAccount the account to pay from; none to pay a merchant of SOL Affecté with the
   *     member's vouchers valid there (the lots ledger-core chooses: earliest expiry first)
   * @param amount for a counter code, the amount the member typed
   */
  @PostMapping("/p/{payload}")
  String pay(
      @PathVariable String payload,
      @RequestParam String key,
      @RequestParam(required = false) Long debitAccount,
      @RequestParam(required = false) String amount,
      Caller caller,
      Locale locale,
      Model model) {
    PaymentCodeReader.Reading reading = reader.read(caller, payload);
    if (!(reading instanceof PaymentCodeReader.Read read)) {
      return confirmationPage(caller, payload, reading, locale, model, List.of());
    }
    try {
      Transfer paid;
      if (read.code() instanceof PaymentRequestCode request) {
        // no account: the request's merchant takes SOL Affecté, paid with the member's vouchers
        paid = requests.pay(caller, request.nonce().toString(), key, debitAccount).transfer();
      } else if (read.code() instanceof StaticMerchantCode counter) {
        if (amount == null || amount.isBlank()) {
          return confirmationPage(
              caller,
              payload,
              reading,
              locale,
              model,
              List.of(new FormError("amount", "form.amount.invalid")));
        }
        paid =
            debitAccount == null
                ? payments
                    .payWithVouchers(
                        caller, key, counter.merchantAccountId(), ApiAmounts.typed(amount))
                    .transfer()
                : payments
                    .pay(
                        caller,
                        key,
                        new Payments.Payment(
                            debitAccount,
                            counter.merchantAccountId(),
                            ApiAmounts.typed(amount),
                            null,
                            null))
                    .transfer();
      } else {
        throw new ApiProblemException(ProblemCode.PAYMENT_CODE_WRONG_KIND);
      }
      return "redirect:/member/paid/" + paid.id().value();
    } catch (ApiProblemException refused) {
      model.addAttribute("amountTyped", amount);
      String field = read.code() instanceof StaticMerchantCode ? "amount" : null;
      if ("INVALID_AMOUNT".equals(refused.code()) || "VALIDATION_FAILED".equals(refused.code())) {
        field = "amount";
      }
      return confirmationPage(
          caller,
          payload,
          reading,
          locale,
          model,
          List.of(new FormError(field, problems.problemKey(refused))));
    }
  }

  @GetMapping("/member/paid/{transferId}")
  String paid(@PathVariable long transferId, Caller caller, Locale locale, Model model) {
    Transfer transfer =
        ledger
            .transfers()
            .findIn(caller.networks(), new TransferId(transferId))
            .filter(t -> held(caller, t.network(), t.debit()))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Account merchant = ledger.accounts().find(transfer.network(), transfer.credit()).orElseThrow();
    model.addAttribute("merchantName", merchant.name());
    model.addAttribute("payeeIsMember", merchant.ownerKind() == OwnerKind.MEMBER);
    model.addAttribute("amount", accounts.format(merchant, transfer.amount(), locale));
    model.addAttribute("strand", transfer.strand().name());
    model.addAttribute("reference", transfer.reference());
    model.addAttribute("date", accounts.date(transfer.createdAt(), locale));
    model.addAttribute("transferId", transfer.id().value());
    return "member/paid";
  }

  private boolean held(Caller caller, NetworkId network, AccountId id) {
    return ledger.accounts().find(network, id).filter(a -> access.holds(caller, a)).isPresent();
  }

  /** The confirmation of a code, or why it cannot be paid. */
  private String confirmationPage(
      Caller caller,
      String payload,
      PaymentCodeReader.Reading reading,
      Locale locale,
      Model model,
      List<FormError> errors) {
    model.addAttribute("payload", payload);
    model.addAttribute("errors", errors);
    model.addAttribute("key", UUID.randomUUID().toString());
    if (!(reading instanceof PaymentCodeReader.Read read)) {
      model.addAttribute("refusalKey", ((PaymentCodeReader.Unreadable) reading).messageKey());
      return "member/confirm";
    }
    Account merchant;
    if (read.code() instanceof PaymentRequestCode code) {
      PaymentRequest request =
          requests
              .visible(caller, code.nonce().toString())
              .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
      PaymentRequestView view = views.of(request);
      merchant = views.account(request.network(), request.merchantAccount());
      model.addAttribute("kind", "REQUEST");
      model.addAttribute("amount", Amounts.localized(view.amount(), locale));
      model.addAttribute("reference", view.reference());
      model.addAttribute("expiresAt", accounts.date(view.expiresAt(), locale));
      if (!"OPEN".equals(view.status()) && errors.isEmpty()) {
        model.addAttribute("refusalKey", "member.confirm.status." + view.status());
      }
    } else if (read.code() instanceof StaticMerchantCode code) {
      merchant =
          ledger
              .accounts()
              .find(read.network(), new AccountId(code.merchantAccountId()))
              .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
      model.addAttribute("kind", "STATIC");
    } else {
      model.addAttribute("refusalKey", "problem.PAYMENT_CODE_WRONG_KIND");
      return "member/confirm";
    }
    model.addAttribute("merchantName", merchant.name());
    model.addAttribute("strand", merchant.strand().name());
    if (merchant.strand() == StrandKind.AFFECTE) {
      // vouchers: the lots the ledger would draw on, not a choice between identical lines
      long due =
          read.code() instanceof PaymentRequestCode code
              ? requests
                  .visible(caller, code.nonce().toString())
                  .map(PaymentRequest::amount)
                  .orElse(0L)
              : 0L;
      List<VoucherCards.Draw> draws = vouchers.draws(caller, merchant, due, locale);
      model.addAttribute("draws", draws);
      if (draws.isEmpty() && !model.containsAttribute("refusalKey")) {
        model.addAttribute("refusalKey", "lots.pay.none");
      }
      return "member/confirm";
    }
    List<AccountPages.BalanceRow> from =
        access.held(caller).stream()
            .filter(a -> a.network().equals(merchant.network()))
            .filter(a -> a.strand() == merchant.strand())
            .map(a -> accounts.balance(a, locale))
            .toList();
    model.addAttribute("accounts", from);
    if (from.isEmpty() && !model.containsAttribute("refusalKey")) {
      model.addAttribute("refusalKey", "member.confirm.noAccount");
    }
    return "member/confirm";
  }
}
