package coop.sol.web.page.card;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardCaps;
import coop.sol.ledger.card.CardNumbers;
import coop.sol.ledger.card.CardStore;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.card.CardAdministration;
import coop.sol.web.card.MemberCards;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Member cards in pages: issuing (coordinators and exchange offices), the holder's cards, a new PIN
 * through a PIN-reset activation, and the network's caps. The same services as the API ({@link
 * MemberCards}, {@link CardAdministration}); the PIN is typed by the holder on a pad that never
 * shows it, and no page ever shows a PIN.
 */
@Hidden
@Controller
class CardPages {
  private final MemberCards cards;
  private final CardAdministration administration;
  private final Ledger ledger;
  private final NetworkDirectory networks;
  private final ProblemMessages problems;
  private final ZoneId zone;

  CardPages(
      MemberCards cards,
      CardAdministration administration,
      Ledger ledger,
      NetworkDirectory networks,
      ProblemMessages problems,
      @Value("${sol.cards.zone:Europe/Paris}") String zone) {
    this.zone = ZoneId.of(zone);
    this.cards = cards;
    this.administration = administration;
    this.ledger = ledger;
    this.networks = networks;
    this.problems = problems;
  }

  /** A member's account a card may be issued for, as the issuing page lists it. */
  record Candidate(long accountId, String name, String owner, String network) {}

  /** A card as pages show it: amounts formatted for the reader. */
  record CardRow(
      long id,
      int version,
      String network,
      String number,
      String holderName,
      String state,
      String blockedReason,
      String dailyCap,
      String holderDailyCap,
      String networkDailyCap,
      String paymentCap,
      String offlineCap,
      String spentToday,
      Instant issuedAt,
      boolean current,
      List<PaymentRow> payments) {}

  record PaymentRow(long transferId, int version, String amount, String paidAt, boolean offline) {}

  // --- issuing: coordinators and exchange offices

  private static Set<NetworkId> staffNetworks(Caller caller) {
    Set<NetworkId> staff = new LinkedHashSet<>(caller.networksAs(Role.COORDINATOR));
    staff.addAll(caller.networksAs(Role.EXCHANGE_AGENT));
    return staff;
  }

  /** Step 1, staff's: find the person (their username, or an account's number). */
  @GetMapping("/cards/issue")
  String find(
      @RequestParam(name = "who", defaultValue = "") String who, Caller caller, Model model) {
    String typed = who.strip();
    model.addAttribute("who", typed);
    List<Candidate> found = typed.isEmpty() ? List.of() : candidates(caller, typed);
    model.addAttribute("candidates", found);
    model.addAttribute(
        "errors",
        !typed.isEmpty() && found.isEmpty()
            ? List.of(new FormError("who", "card.issue.notFound"))
            : List.of());
    return "card/issue";
  }

  private List<Candidate> candidates(Caller caller, String who) {
    Set<NetworkId> staff = staffNetworks(caller);
    List<Account> accounts = new ArrayList<>();
    if (who.matches("[0-9]{1,18}")) {
      ledger.accounts().findIn(staff, new AccountId(Long.parseLong(who))).ifPresent(accounts::add);
    }
    for (NetworkId network : staff) {
      accounts.addAll(ledger.accounts().findByOwner(network, OwnerKind.MEMBER, who));
    }
    return accounts.stream()
        .filter(a -> a.ownerKind() == OwnerKind.MEMBER && a.status() == AccountStatus.OPEN)
        .distinct()
        // the SOL Coopération account first: the one a card usually pays from
        .sorted(
            java.util.Comparator.comparing((Account a) -> a.strand() != StrandKind.COOPERATION)
                .thenComparing(a -> a.id().value()))
        .map(
            a ->
                new Candidate(
                    a.id().value(), a.name(), a.ownerRef(), networks.network(a.network()).name()))
        .toList();
  }

  /** Step 2, staff's: the account and the name to print; then the screen goes to the holder. */
  @PostMapping("/cards/issue")
  String holderStep(
      @RequestParam long account,
      @RequestParam(defaultValue = "") String holderName,
      Caller caller,
      Model model) {
    String name = holderName.strip();
    if (name.isEmpty() || name.length() > 200) {
      model.addAttribute("who", Long.toString(account));
      model.addAttribute("candidates", candidates(caller, Long.toString(account)));
      model.addAttribute("errors", List.of(new FormError("holderName", "card.issue.name.invalid")));
      return "card/issue";
    }
    return pinStep(model, account, name, List.of());
  }

  private String pinStep(Model model, long account, String name, List<FormError> errors) {
    model.addAttribute("account", account);
    model.addAttribute("holderName", name);
    model.addAttribute("errors", errors);
    return "card/issue-pin";
  }

  /** Step 3, the holder's: their PIN, typed twice on the pad; the card is issued. */
  @PostMapping("/cards/issue/pin")
  String issue(
      @RequestParam long account,
      @RequestParam(defaultValue = "") String holderName,
      @RequestParam(defaultValue = "") String pin,
      @RequestParam(defaultValue = "") String confirmation,
      Caller caller,
      Model model) {
    if (!pin.equals(confirmation)) {
      return pinStep(
          model, account, holderName, List.of(new FormError("confirmation", "card.pin.mismatch")));
    }
    try {
      Card card = cards.issue(caller, account, holderName, pin);
      return "redirect:/cards/" + card.id().value() + "?issued";
    } catch (ApiProblemException refused) {
      String field = refused.code().startsWith("CARD_PIN") ? "pin" : null;
      return pinStep(
          model, account, holderName, List.of(new FormError(field, problems.problemKey(refused))));
    }
  }

  /** A card for staff: its state and the PDFs to print. */
  @GetMapping("/cards/{id}")
  String card(@PathVariable long id, Caller caller, Locale locale, Model model) {
    Card card = cards.staffs(caller, id);
    model.addAttribute("card", row(card, locale, false));
    return "card/card";
  }

  /** A PIN-reset activation: its code and link, shown this once. */
  @PostMapping("/cards/{id}/pin-reset")
  String pinReset(@PathVariable long id, Caller caller, Locale locale, Model model) {
    CardAdministration.PinReset reset = administration.issuePinReset(caller, id);
    model.addAttribute("card", row(reset.card(), locale, false));
    model.addAttribute("code", reset.code());
    model.addAttribute("link", reset.link());
    model.addAttribute("expiresOn", reset.expiresAt().atZone(zone).toLocalDate().toString());
    return "card/pin-reset";
  }

  // --- the holder's cards

  @GetMapping("/member/cards")
  String mine(Caller caller, Locale locale, Model model) {
    List<CardRow> rows = new ArrayList<>();
    for (Card card : cards.ofCaller(caller)) {
      rows.add(row(card, locale, true));
    }
    model.addAttribute("cards", rows);
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", List.of());
    }
    return "card/mine";
  }

  @PostMapping("/member/cards/{id}/block")
  String block(@PathVariable long id, Caller caller, RedirectAttributes redirect) {
    return act(redirect, "card.mine.blocked", () -> cards.block(caller, id));
  }

  @PostMapping("/member/cards/{id}/unblock")
  String unblock(@PathVariable long id, Caller caller, RedirectAttributes redirect) {
    return act(redirect, "card.mine.unblocked", () -> cards.unblock(caller, id));
  }

  @PostMapping("/member/cards/{id}/daily-cap")
  String dailyCap(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String dailyCap,
      Caller caller,
      RedirectAttributes redirect) {
    String typed = dailyCap.strip().replace(',', '.');
    return act(
        redirect,
        "card.mine.capChanged",
        () -> cards.setDailyCap(caller, id, typed.isEmpty() ? null : typed));
  }

  @PostMapping("/member/cards/{id}/pin")
  String changePin(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String oldPin,
      @RequestParam(defaultValue = "") String newPin,
      @RequestParam(defaultValue = "") String confirmation,
      Caller caller,
      RedirectAttributes redirect) {
    if (!newPin.equals(confirmation)) {
      redirect.addFlashAttribute("errors", List.of(new FormError(null, "card.pin.mismatch")));
      return "redirect:/member/cards";
    }
    return act(redirect, "card.mine.pinChanged", () -> cards.changePin(caller, id, oldPin, newPin));
  }

  private String act(RedirectAttributes redirect, String done, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("done", done);
    } catch (ApiProblemException refused) {
      redirect.addFlashAttribute(
          "errors", List.of(new FormError(null, problems.problemKey(refused))));
    }
    return "redirect:/member/cards";
  }

  // --- a new PIN with a PIN-reset code (public: the code is the credential)

  @GetMapping({"/carte/pin", "/card-pin"})
  String resetPage(@RequestParam(required = false) String code, Model model) {
    model.addAttribute("code", code == null ? "" : code.strip());
    model.addAttribute("errors", List.of());
    return "card/reset-pin";
  }

  @PostMapping({"/carte/pin", "/card-pin"})
  String reset(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String pin,
      @RequestParam(defaultValue = "") String confirmation,
      HttpServletRequest http,
      Model model) {
    model.addAttribute("code", code.strip());
    List<FormError> errors = new ArrayList<>();
    if (!pin.equals(confirmation)) {
      errors.add(new FormError("confirmation", "card.pin.mismatch"));
    } else {
      try {
        Card card = administration.resetPin(code, pin, ClientAddress.of(http));
        model.addAttribute("firstName", card.holderFirstName());
        return "card/reset-pin-done";
      } catch (ApiProblemException refused) {
        String field = refused.code().equals("CARD_PIN_INVALID") ? "pin" : "code";
        errors.add(new FormError(field, problems.problemKey(refused)));
      }
    }
    model.addAttribute("errors", errors);
    return "card/reset-pin";
  }

  // --- the network's caps: coordinators

  @GetMapping("/coordinator/cards")
  String caps(Caller caller, Locale locale, Model model) {
    List<CardAdministration.Caps> all = new ArrayList<>();
    for (NetworkId network : caller.networksAs(Role.COORDINATOR)) {
      all.add(administration.caps(network));
    }
    model.addAttribute("networks", all);
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", List.of());
    }
    return "card/caps";
  }

  @PostMapping("/coordinator/cards/caps")
  String setCaps(
      @RequestParam long network,
      @RequestParam(defaultValue = "") String dailyCap,
      @RequestParam(defaultValue = "") String paymentCap,
      @RequestParam(defaultValue = "") String offlineCap,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    try {
      NetworkId id = CardAdministration.coordinated(caller, network);
      administration.setCaps(
          caller,
          id,
          decimal(dailyCap),
          decimal(paymentCap),
          decimal(offlineCap),
          ClientAddress.of(http));
      redirect.addFlashAttribute("done", "card.caps.changed");
    } catch (ApiProblemException refused) {
      redirect.addFlashAttribute(
          "errors", List.of(new FormError(null, problems.problemKey(refused))));
    }
    return "redirect:/coordinator/cards";
  }

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static String decimal(String typed) {
    return typed.strip().replace(',', '.');
  }

  private CardRow row(Card card, Locale locale, boolean withPayments) {
    int scale = networks.scale(card.network(), StrandKind.COOPERATION);
    CardCaps caps = cards.cards().caps(card.network());
    List<PaymentRow> payments = new ArrayList<>();
    if (withPayments && card.state() != coop.sol.ledger.card.CardState.REPLACED) {
      for (CardStore.CardPayment p : cards.cards().payments(card.network(), card.id(), 50)) {
        payments.add(
            new PaymentRow(
                p.transfer().value(),
                p.version(),
                Amounts.format(p.amount(), scale, locale),
                MINUTE.format(p.paidAt().atZone(zone)),
                p.offlineAt() != null));
      }
    }
    return new CardRow(
        card.id().value(),
        card.version(),
        networks.network(card.network()).name(),
        CardNumbers.grouped(card.number()),
        card.holderName(),
        card.state().name(),
        card.blockedReason() == null ? null : card.blockedReason().name(),
        Amounts.format(card.dailyCap(caps), scale, locale),
        card.holderDailyCap() == null ? null : Amounts.format(card.holderDailyCap(), scale, locale),
        Amounts.format(caps.dailyCap(), scale, locale),
        Amounts.format(caps.paymentCap(), scale, locale),
        Amounts.format(caps.offlineCap(), scale, locale),
        Amounts.format(cards.cards().spentToday(card.id()), scale, locale),
        card.issuedAt(),
        card.state() != coop.sol.ledger.card.CardState.REPLACED,
        payments);
  }
}
