package coop.sol.web.page.merchant;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.card.Card;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.card.MemberCards;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.FormError;
import coop.sol.web.page.PaymentCodeReader;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Paying with a member card at the till (docs/member-card.md): the cashier types the amount and
 * reads the card (camera or photo through {@code /qr/decode}, or the number typed); the till shows
 * the holder's first name and the amount; the holder types their PIN on a pad that does not echo;
 * the payment's receipt is the till's usual one ({@code /till/charged/{id}}).
 */
@Hidden
@Controller
class TillCardPages {
  private final AccountPages accounts;
  private final MemberCards cards;
  private final PaymentCodeReader reader;
  private final ProblemMessages problems;
  private final NetworkDirectory networks;

  TillCardPages(
      AccountPages accounts,
      MemberCards cards,
      PaymentCodeReader reader,
      ProblemMessages problems,
      NetworkDirectory networks) {
    this.networks = networks;
    this.accounts = accounts;
    this.cards = cards;
    this.reader = reader;
    this.problems = problems;
  }

  @GetMapping("/till/card")
  String form(Caller caller, Locale locale, Model model) {
    model.addAttribute(
        "tillAccounts",
        accounts.tillAccounts(caller).stream().map(a -> accounts.balance(a, locale)).toList());
    return "merchant/card";
  }

  /** Step 1, the cashier's: the amount and the card, read. */
  @PostMapping("/till/card")
  String read(
      @RequestParam(name = "photo", required = false) MultipartFile photo,
      @RequestParam(name = "card", required = false) String code,
      @RequestParam(name = "number", required = false) String number,
      @RequestParam long account,
      @RequestParam String amount,
      Caller caller,
      Locale locale,
      Model model)
      throws IOException {
    List<FormError> errors = new ArrayList<>();
    String text = code == null ? "" : code.strip();
    String typed = number == null ? "" : number.strip();
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
    }
    if (errors.isEmpty() && text.isEmpty() && typed.isEmpty()) {
      errors.add(new FormError("card", "till.card.nothing"));
    }
    if (errors.isEmpty()) {
      try {
        Account till = accounts.till(caller, account);
        String typedAmount = ApiAmounts.typed(amount);
        ApiAmounts.parse(typedAmount, scale(till));
        Card card =
            cards.read(
                caller, account, text.isEmpty() ? null : text, text.isEmpty() ? typed : null);
        if (card.state() != coop.sol.ledger.card.CardState.ACTIVE) {
          throw coop.sol.web.problem.LedgerProblems.problem(
              card.state() == coop.sol.ledger.card.CardState.REPLACED
                  ? coop.sol.ledger.operation.OperationReason.CARD_REPLACED
                  : coop.sol.ledger.operation.OperationReason.CARD_BLOCKED);
        }
        return pinPad(
            model,
            card,
            text.isEmpty() ? null : text,
            text.isEmpty() ? typed : null,
            till,
            typedAmount,
            UUID.randomUUID().toString(),
            locale,
            List.of());
      } catch (ApiProblemException refused) {
        String field = refused.code().contains("AMOUNT") ? "amount" : "card";
        errors.add(new FormError(field, problems.problemKey(refused)));
      }
    }
    model.addAttribute("errors", errors);
    model.addAttribute("card", text);
    model.addAttribute("number", typed);
    model.addAttribute("amount", amount);
    model.addAttribute("selected", account);
    return form(caller, locale, model);
  }

  private int scale(Account till) {
    return networks.scale(till.network(), till.strand());
  }

  private String pinPad(
      Model model,
      Card card,
      String code,
      String number,
      Account till,
      String amount,
      String key,
      Locale locale,
      List<FormError> errors) {
    model.addAttribute("firstName", card.holderFirstName());
    model.addAttribute(
        "amountShown",
        accounts.format(till, ApiAmounts.parse(amount, scale(till)).minorUnits(), locale));
    model.addAttribute("card", code);
    model.addAttribute("number", number);
    model.addAttribute("account", till.id().value());
    model.addAttribute("amount", amount);
    model.addAttribute("key", key);
    model.addAttribute("errors", errors);
    return "merchant/card-pin";
  }

  /** Step 2, the holder's: the PIN, typed on the pad; then the payment, once per key. */
  @PostMapping("/till/card/pay")
  String pay(
      @RequestParam(name = "card", required = false) String code,
      @RequestParam(name = "number", required = false) String number,
      @RequestParam long account,
      @RequestParam String amount,
      @RequestParam String pin,
      @RequestParam String key,
      Caller caller,
      Locale locale,
      Model model) {
    String text = code == null || code.isBlank() ? null : code.strip();
    String typed = text == null ? number : null;
    try {
      MemberCards.Charged charged =
          cards.charge(caller, key, account, text, typed, amount, pin, null, null);
      Transfer transfer = charged.paid().first();
      return "redirect:/till/charged/" + transfer.id().value();
    } catch (ApiProblemException refused) {
      if ("CARD_WRONG_PIN".equals(refused.code()) || "CARD_PIN_INVALID".equals(refused.code())) {
        Card card = cards.read(caller, account, text, typed);
        return pinPad(
            model,
            card,
            text,
            typed,
            accounts.till(caller, account),
            amount,
            UUID.randomUUID().toString(),
            locale,
            List.of(new FormError("pin", problems.problemKey(refused))));
      }
      model.addAttribute("errors", List.of(new FormError("card", problems.problemKey(refused))));
      model.addAttribute("amount", amount);
      model.addAttribute("selected", account);
      return form(caller, locale, model);
    }
  }
}
