package coop.sol.web.page.member;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.payment.MemberPayments;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.FreeText;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.MemberPayLink;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.payment.PublicUrl;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.Payments;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Members paying members, where their network allows it ({@link MemberPayments}; the ledger refuses
 * it otherwise, whatever the door). {@code /member/pay-member} finds the payee by username or name
 * within the network, shows their display name to confirm, and pays through {@link Payments} (its
 * own idempotency key per form, as the other pay forms); {@code /member/receive} shows the member's
 * own QR code ({@link MemberPayLink}, optionally with an amount), whose scan lands on that form
 * prefilled. Both answer 403 MEMBER_PAYMENTS_NOT_ALLOWED in a network that does not allow it, and
 * the home page shows no link to them there.
 */
@Hidden
@Controller
class MemberPayPages {
  /** The strands a member pays another member in (SOL Affecté pays merchants only). */
  private static final Set<StrandKind> STRANDS =
      EnumSet.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT);

  /** Most people a name may match before the member is asked to type more. */
  private static final int MAX_CANDIDATES = 10;

  /** A note's longest length, as the API's memo. */
  private static final int MAX_NOTE = 500;

  /** Pixels per module of the receive code: as the till's payment request. */
  private static final int MODULE_PIXELS = 8;

  private final Payments payments;
  private final Ledger ledger;
  private final AccountAccess access;
  private final AccountPages accounts;
  private final NetworkDirectory networks;
  private final MemberPayments memberPayments;
  private final ProblemMessages problems;
  private final PublicUrl publicUrl;

  MemberPayPages(
      Payments payments,
      Ledger ledger,
      AccountAccess access,
      AccountPages accounts,
      NetworkDirectory networks,
      Operations operations,
      ProblemMessages problems,
      PublicUrl publicUrl) {
    this.payments = payments;
    this.ledger = ledger;
    this.access = access;
    this.accounts = accounts;
    this.networks = networks;
    this.memberPayments = operations.memberPayments();
    this.problems = problems;
    this.publicUrl = publicUrl;
  }

  /** A person the name typed may mean: their username and display name. */
  record Candidate(String username, String name) {}

  /**
   * The form: without {@code to}, a search by username or name ({@code q}); with it (or a search
   * that finds exactly one member), the payee's display name to confirm, the account to pay from,
   * the amount and a note.
   *
   * @param network the network's code; the member's (first) network if none
   * @param amount prefilled (a receive code's amount, an API decimal)
   */
  @GetMapping(MemberPayLink.PATH)
  String form(
      @RequestParam(required = false) String network,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String amount,
      Caller caller,
      Locale locale,
      Model model) {
    Network n = network(caller, network);
    List<FormError> errors = new ArrayList<>();
    String payee = to;
    if ((payee == null || payee.isBlank()) && q != null && !q.isBlank()) {
      List<Candidate> found = candidates(caller, n.id(), q);
      if (found.size() == 1) {
        payee = found.get(0).username();
      } else if (found.isEmpty()) {
        errors.add(new FormError("q", "memberpay.find.none"));
      } else {
        model.addAttribute("candidates", found);
      }
      model.addAttribute("q", q);
    }
    String typed = amount == null ? null : Amounts.localized(amount, locale);
    if (amount != null && !amount.isBlank()) {
      try {
        ApiAmounts.parse(amount, networks.scale(n.id(), StrandKind.COOPERATION));
      } catch (ApiProblemException e) {
        typed = null;
      }
    }
    return page(caller, n, payee, typed, null, locale, model, errors);
  }

  /**
   * Pays the member {@code to}.
   *
   * @param key this form's idempotency key: a second send pays nothing more
   * @param debitAccount the account paid from (one the member holds)
   * @param amount as typed (decimal comma or point)
   * @param note shown to both sides, at most 500 characters
   */
  @PostMapping(MemberPayLink.PATH)
  String pay(
      @RequestParam(required = false) String network,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(required = false) Long debitAccount,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String note,
      Caller caller,
      Locale locale,
      Model model) {
    Network n = network(caller, network);
    List<FormError> errors = new ArrayList<>();
    if (amount.isBlank()) {
      errors.add(new FormError("amount", "form.amount.invalid"));
    }
    if (note.length() > MAX_NOTE || !FreeText.isValid(note, false)) {
      errors.add(new FormError("note", "memberpay.note.invalid"));
    }
    if (debitAccount == null || key.isBlank()) {
      errors.add(new FormError(null, "problem.VALIDATION_FAILED"));
    }
    if (errors.isEmpty()) {
      try {
        var paid =
            payments.payMember(
                caller,
                key,
                debitAccount,
                to,
                ApiAmounts.typed(amount),
                null,
                note.isBlank() ? null : note.strip());
        return "redirect:/member/paid/" + paid.transfer().id().value();
      } catch (ApiProblemException refused) {
        String field =
            "INVALID_AMOUNT".equals(refused.code()) || "INSUFFICIENT_FUNDS".equals(refused.code())
                ? "amount"
                : null;
        errors.add(new FormError(field, problems.problemKey(refused)));
      }
    }
    model.addAttribute("note", note);
    return page(caller, n, to, amount, key, locale, model, errors);
  }

  /**
   * The member's receive code: their QR code and its link, with an amount if they typed one.
   *
   * @param amount as typed; empty: the payer types it
   */
  @GetMapping("/member/receive")
  String receive(
      @RequestParam(required = false) String network,
      @RequestParam(defaultValue = "") String amount,
      Caller caller,
      Locale locale,
      Model model) {
    Network n = network(caller, network);
    Account own = ownAccount(caller, n.id());
    List<FormError> errors = new ArrayList<>();
    String decimal = null;
    if (!amount.isBlank()) {
      try {
        decimal = apiDecimal(n.id(), amount);
      } catch (ApiProblemException e) {
        errors.add(new FormError("amount", "form.amount.invalid"));
      }
    }
    MemberPayLink link = new MemberPayLink(n.code(), caller.username(), decimal);
    model.addAttribute("name", own.name());
    model.addAttribute("username", caller.username());
    model.addAttribute("networkCode", n.code());
    model.addAttribute("amount", amount);
    model.addAttribute("amountShown", decimal == null ? null : Amounts.localized(decimal, locale));
    model.addAttribute("link", link.link(publicUrl.base()));
    model.addAttribute("errors", errors);
    return "member/receive";
  }

  /** The receive code as a PNG (ZXing, as the till's codes), with its caption. */
  @GetMapping(path = "/member/receive.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> receiveCode(
      @RequestParam(required = false) String network,
      @RequestParam(defaultValue = "") String amount,
      Caller caller) {
    Network n = network(caller, network);
    Account own = ownAccount(caller, n.id());
    String decimal = amount.isBlank() ? null : apiDecimal(n.id(), amount);
    MemberPayLink link = new MemberPayLink(n.code(), caller.username(), decimal);
    int scale = networks.scale(n.id(), StrandKind.COOPERATION);
    Caption caption =
        decimal == null
            ? Caption.merchant(own.name())
            : Caption.amount(
                ApiAmounts.parse(decimal, scale).minorUnits(),
                new AmountFormat(scale, "SOL"),
                own.name());
    byte[] png =
        PngRenderer.png(QrSymbol.encode(link.link(publicUrl.base())), caption, MODULE_PIXELS);
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noCache().cachePrivate())
        .body(png);
  }

  /** The amount typed, as the API's decimal at the strand's scale; INVALID_AMOUNT otherwise. */
  private String apiDecimal(NetworkId network, String typed) {
    int scale = networks.scale(network, StrandKind.COOPERATION);
    Amount parsed = ApiAmounts.parse(ApiAmounts.typed(typed), scale);
    return Decimals.format(parsed.minorUnits(), scale);
  }

  private String page(
      Caller caller,
      Network n,
      String to,
      String amountTyped,
      String key,
      Locale locale,
      Model model,
      List<FormError> errors) {
    model.addAttribute("networkCode", n.code());
    model.addAttribute("errors", errors);
    model.addAttribute("amountTyped", amountTyped);
    model.addAttribute("key", key == null || key.isBlank() ? UUID.randomUUID().toString() : key);
    if (to == null || to.isBlank()) {
      return "member/pay-member";
    }
    String username = to.strip().toLowerCase(Locale.ROOT);
    if (username.equals(caller.username())) {
      errors.add(new FormError("q", "memberpay.find.self"));
      return "member/pay-member";
    }
    List<AccountPages.BalanceRow> from = new ArrayList<>();
    String payeeName = null;
    for (Account a : access.held(caller)) {
      if (a.network().equals(n.id())
          && a.ownerKind() == OwnerKind.MEMBER
          && STRANDS.contains(a.strand())) {
        Optional<Account> payee = payments.memberAccount(n.id(), username, a.strand());
        if (payee.isPresent()) {
          from.add(accounts.balance(a, locale));
          payeeName = payee.get().name();
        }
      }
    }
    if (payeeName == null) {
      errors.add(new FormError("q", "memberpay.find.none"));
      model.addAttribute("q", to);
      return "member/pay-member";
    }
    model.addAttribute("to", username);
    model.addAttribute("payeeName", payeeName);
    model.addAttribute("accounts", from);
    return "member/pay-member";
  }

  /** Members of the network (not the caller) whose username or name holds {@code text}. */
  private List<Candidate> candidates(Caller caller, NetworkId network, String text) {
    return ledger
        .accounts()
        .findByName(
            network, StrandKind.COOPERATION, Set.of(OwnerKind.MEMBER), text, MAX_CANDIDATES + 1)
        .stream()
        .filter(a -> !a.ownerRef().equals(caller.username()))
        .map(a -> new Candidate(a.ownerRef(), a.name()))
        .distinct()
        .limit(MAX_CANDIDATES)
        .toList();
  }

  /** The caller's member account the code names them by (their first, SOL Coopération if any). */
  private Account ownAccount(Caller caller, NetworkId network) {
    return ledger.accounts().findByOwner(network, OwnerKind.MEMBER, caller.username()).stream()
        .filter(a -> STRANDS.contains(a.strand()))
        .min(
            Comparator.comparing((Account a) -> a.strand() != StrandKind.COOPERATION)
                .thenComparing(a -> a.id().value()))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /**
   * The network the member acts in: the one named by its code, else their first; 404 if they are
   * not a member there, 403 MEMBER_PAYMENTS_NOT_ALLOWED if it does not let members pay members.
   */
  private Network network(Caller caller, String code) {
    Network found = null;
    for (NetworkId id : caller.networksAs(Role.MEMBER)) {
      Network n = networks.network(id);
      if (code == null || code.isBlank() || n.code().equals(code)) {
        found = n;
        break;
      }
    }
    if (found == null) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    if (!memberPayments.allowed(found.id())) {
      throw LedgerProblems.problem(RejectionReason.MEMBER_PAYMENTS_NOT_ALLOWED);
    }
    return found;
  }

  /** Whether the member's (first) network lets members pay members: the home page's links. */
  static boolean allowed(Caller caller, MemberPayments memberPayments) {
    return caller.networksAs(Role.MEMBER).stream()
        .findFirst()
        .map(memberPayments::allowed)
        .orElse(false);
  }
}
