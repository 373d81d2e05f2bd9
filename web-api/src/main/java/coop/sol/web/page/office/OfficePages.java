package coop.sol.web.page.office;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.exchange.ExchangeOffices;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.exchange.SolPurchased;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /office}: an exchange agent sells SOL Coopération for euros, with the exchange service the
 * API's {@code POST /api/v1/exchange/purchases} uses, and sees the till: the office's balances and
 * its latest sales. Each form carries its own idempotency key, so sending it twice (a double tap, a
 * reload) records one sale.
 */
@Hidden
@Controller
@RequestMapping("/office")
class OfficePages {
  static final int RECENT_SALES = 20;

  /** Who can buy SOL at the office: members, merchants and associations, by their username. */
  private static final List<OwnerKind> BUYERS =
      List.of(OwnerKind.MEMBER, OwnerKind.MERCHANT, OwnerKind.ASSOCIATION);

  private final Ledger ledger;
  private final ExchangeOffices exchange;
  private final Operations operations;
  private final NetworkDirectory networks;
  private final AccountPages accounts;
  private final ProblemMessages problems;

  OfficePages(
      Ledger ledger,
      Operations operations,
      NetworkDirectory networks,
      AccountPages accounts,
      ProblemMessages problems) {
    this.ledger = ledger;
    this.exchange = operations.exchange();
    this.operations = operations;
    this.networks = networks;
    this.accounts = accounts;
    this.problems = problems;
  }

  /**
   * A sale as the confirmation shows it.
   *
   * @param receipt the transfer whose receipt the buyer gets (the SOL issued to them)
   */
  record Sale(String buyer, String euros, String sol, String bonus, String total, long receipt)
      implements Serializable {}

  /** A line of the till: a sale's euros, its buyer and the SOL they got (bonus included). */
  record TillLine(
      long transferId, String date, String euros, String reference, String buyer, String sol) {}

  /** A buyer the name typed may mean. */
  record Candidate(String ref, String name) {}

  /** A sale waiting for the agent's confirmation (above the network's threshold). */
  record Pending(String buyerRef, String buyer, String euros, String eurosText) {}

  @GetMapping
  String till(Caller caller, Locale locale, Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new SaleForm("", "", UUID.randomUUID().toString()));
    }
    model.addAttribute("errors", List.of());
    fill(caller, locale, model);
    return "office/till";
  }

  /** The sale form as typed, sent back with its errors. */
  record SaleForm(String buyer, String euros, String key) {}

  /**
   * Sells SOL: the buyer by username or by name (several people of that name: the agent picks one),
   * the euros received; above the network's threshold the sale asks to be confirmed first.
   *
   * @param buyerPick the buyer picked among those of the name typed (their username)
   * @param confirmed true on the confirmation's button
   */
  @PostMapping("/sales")
  String sell(
      @RequestParam(defaultValue = "") String buyer,
      @RequestParam(defaultValue = "") String buyerPick,
      @RequestParam(defaultValue = "") String euros,
      @RequestParam(defaultValue = "") String key,
      @RequestParam(defaultValue = "false") boolean confirmed,
      Caller caller,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    NetworkId network = network(caller);
    SaleForm form =
        new SaleForm(buyerPick.isBlank() ? buyer.strip() : buyerPick.strip(), euros.strip(), key);
    List<FormError> errors = new ArrayList<>();
    Optional<Account> account = Optional.empty();
    if (form.buyer().isEmpty()) {
      errors.add(new FormError("buyer", "office.sale.buyer.required"));
    } else {
      account = buyer(network, form.buyer());
      if (account.isEmpty()) {
        List<Account> named =
            ledger.accounts().findByName(network, StrandKind.COOPERATION, BUYERS, form.buyer(), 10);
        if (named.size() == 1) {
          account = Optional.of(named.get(0));
        } else if (named.isEmpty()) {
          errors.add(new FormError("buyer", "office.sale.buyer.unknown"));
        } else {
          errors.add(new FormError("buyer", "officesale.buyer.several"));
          model.addAttribute(
              "candidates",
              named.stream().map(a -> new Candidate(a.ownerRef(), a.name())).toList());
        }
      }
    }
    Amount amount = null;
    int euroScale = networks.scale(network, StrandKind.EURO);
    try {
      amount = ApiAmounts.parse(ApiAmounts.typed(form.euros()), euroScale);
    } catch (ApiProblemException e) {
      errors.add(new FormError("euros", "form.amount.invalid"));
    }
    if (errors.isEmpty()
        && !confirmed
        && exchange.limits(network).asksConfirmation(amount.minorUnits())) {
      model.addAttribute(
          "pending",
          new Pending(
              account.get().ownerRef(),
              account.get().name(),
              form.euros(),
              Amounts.grouped(amount.minorUnits(), euroScale, locale)));
      model.addAttribute("form", form);
      model.addAttribute("errors", errors);
      fill(caller, locale, model);
      return "office/till";
    }
    if (errors.isEmpty()) {
      try {
        IdempotencyKey ledgerKey = ClientKeys.ledgerKey(caller, key);
        exchange.openOffice(network, caller.username(), "Caisse en euros de " + caller.username());
        SolPurchased sold =
            LedgerProblems.done(
                exchange.buy(
                    new SolPurchase(
                        network, ledgerKey, caller.username(), account.get().id(), amount)));
        int solScale = networks.scale(network, StrandKind.COOPERATION);
        redirect.addFlashAttribute(
            "sale",
            new Sale(
                account.get().name(),
                Amounts.grouped(sold.euros(), euroScale, locale),
                Amounts.grouped(sold.sol(), solScale, locale),
                Amounts.grouped(sold.bonus(), solScale, locale),
                Amounts.grouped(Math.addExact(sold.sol(), sold.bonus()), solScale, locale),
                sold.transfers().get(0).id().value()));
        return "redirect:/office";
      } catch (ApiProblemException e) {
        errors.add(new FormError(null, problems.problemKey(e.code())));
      }
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    fill(caller, locale, model);
    return "office/till";
  }

  /** The buyer's SOL Coopération account: a member's, else a merchant's or association's. */
  private Optional<Account> buyer(NetworkId network, String username) {
    for (OwnerKind kind : BUYERS) {
      Optional<Account> found =
          ledger.accounts().findByOwner(network, kind, username).stream()
              .filter(a -> a.strand() == StrandKind.COOPERATION)
              .min(Comparator.comparing(a -> a.id().value()));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The rates, the office's balances and its latest sales. */
  private void fill(Caller caller, Locale locale, Model model) {
    NetworkId network = network(caller);
    Optional<NetworkRates> rates = operations.settings().rates(network).map(Versioned::value);
    model.addAttribute(
        "euroPerSol",
        rates
            .map(r -> Amounts.localized(r.euroRate().eurosPerSol().toPlainString(), locale))
            .orElse(null));
    model.addAttribute(
        "bonus", rates.map(r -> percent(r.purchaseBonus().value(), locale)).orElse(null));
    List<Account> held =
        ledger.accounts().findByOwner(network, OwnerKind.EXCHANGE_OFFICE, caller.username());
    model.addAttribute("balances", held.stream().map(a -> accounts.balance(a, locale)).toList());
    List<TillLine> sales = new ArrayList<>();
    Optional<Account> till = exchange.till(network, caller.username());
    if (till.isPresent()) {
      int scale = networks.scale(network, StrandKind.EURO);
      for (Transfer t :
          ledger
              .transfers()
              .history(
                  network,
                  till.get().id(),
                  new HistoryQuery(
                      null, null, null, Set.of(TransferCode.RESERVE_DEPOSIT), RECENT_SALES))) {
        Optional<SolPurchased> purchase = exchange.purchaseOf(t);
        String buyer = "";
        String sol = "";
        if (purchase.isPresent()) {
          Transfer issued = purchase.get().transfers().get(0);
          buyer = ledger.accounts().find(network, issued.credit()).map(Account::name).orElse("");
          sol =
              Amounts.grouped(
                  Math.addExact(purchase.get().sol(), purchase.get().bonus()),
                  networks.scale(network, StrandKind.COOPERATION),
                  locale);
        }
        sales.add(
            new TillLine(
                t.id().value(),
                accounts.date(t.createdAt(), locale),
                Amounts.grouped(t.amount(), scale, locale),
                t.reference(),
                buyer,
                sol));
      }
    }
    model.addAttribute("sales", sales);
  }

  /** Basis points as a percentage: 500 → "5 %" in French, "5%" in English. */
  static String percent(int basisPoints, Locale locale) {
    String number =
        Amounts.localized(coop.sol.ledger.money.Decimals.format(basisPoints, 2), locale)
            .replaceAll("[.,]00$", "");
    return "fr".equals(locale.getLanguage()) ? number + " %" : number + "%";
  }

  /** The network the caller works in as an exchange agent (the first, if several). */
  static NetworkId network(Caller caller) {
    return caller.networksAs(Role.EXCHANGE_AGENT).stream()
        .min(Comparator.comparing(NetworkId::value))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.FORBIDDEN));
  }
}
