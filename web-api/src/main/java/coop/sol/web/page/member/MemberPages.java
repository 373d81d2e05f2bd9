package coop.sol.web.page.member;

import coop.sol.ledger.Operations;
import coop.sol.ledger.payment.MemberPayments;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.FormError;
import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /member}: the member's balances, and the history of each account. */
@Hidden
@Controller
@RequestMapping("/member")
class MemberPages {
  private final AccountPages accounts;
  private final VoucherCards vouchers;
  private final FonteWords fonte;
  private final Clock clock;
  private final MemberPayments memberPayments;
  private final ZoneId zone;

  MemberPages(
      AccountPages accounts,
      VoucherCards vouchers,
      FonteWords fonte,
      Clock clock,
      Operations operations,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone) {
    this.accounts = accounts;
    this.vouchers = vouchers;
    this.fonte = fonte;
    this.clock = clock;
    this.memberPayments = operations.memberPayments();
    this.zone = ZoneId.of(zone);
  }

  /** The balances, each voucher lot as its own card (not one "SOL Affecté" card per lot). */
  @GetMapping
  String balances(Caller caller, Locale locale, Model model) {
    List<VoucherCards.LotCard> lots = vouchers.lots(caller, locale);
    java.util.Set<Long> lotAccounts =
        lots.stream().map(VoucherCards.LotCard::accountId).collect(Collectors.toSet());
    model.addAttribute(
        "balances",
        accounts.balances(caller, locale).stream()
            .filter(b -> !lotAccounts.contains(b.accountId()))
            .toList());
    model.addAttribute("lots", lots);
    model.addAttribute("fonte", fonte.of(caller, locale));
    model.addAttribute("memberPayments", MemberPayPages.allowed(caller, memberPayments));
    return "member/balances";
  }

  /**
   * @param account the account whose history to show; the member's first (Coopération) if none
   * @param before the paging cursor: only transfers older than this one
   * @param from first day (yyyy-MM-dd), to last day, min and max amounts, with a part of the other
   *     side's name: what the history is narrowed to; a value that cannot be read is said so
   */
  @GetMapping("/history")
  String history(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) Long before,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String min,
      @RequestParam(required = false) String max,
      @RequestParam(required = false) String with,
      Caller caller,
      Locale locale,
      Model model) {
    List<AccountPages.BalanceRow> held = accounts.balances(caller, locale);
    model.addAttribute("accounts", held);
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("from", blankToEmpty(from));
    typed.put("to", blankToEmpty(to));
    typed.put("min", blankToEmpty(min));
    typed.put("max", blankToEmpty(max));
    typed.put("with", blankToEmpty(with));
    model.addAttribute("filter", typed);
    if (held.isEmpty()) {
      return "member/history";
    }
    long accountId = account == null ? held.get(0).accountId() : account;
    int scale = accounts.scale(caller, accountId);
    List<FormError> errors = new ArrayList<>();
    LocalDate first = date("from", from, errors);
    LocalDate last = date("to", to, errors);
    Long least = amount("min", min, scale, errors);
    Long most = amount("max", max, scale, errors);
    model.addAttribute("errors", errors);
    model.addAttribute("statementMonth", YearMonth.now(clock.withZone(zone)).toString());
    model.addAttribute(
        "page",
        accounts.history(
            caller,
            accountId,
            before,
            new AccountPages.HistoryFilter(first, last, least, most, blankToNull(with)),
            locale));
    return "member/history";
  }

  private static String blankToEmpty(String text) {
    return text == null ? "" : text.strip();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static LocalDate date(String field, String text, List<FormError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(text.strip());
      if (day.getYear() < 1900 || day.getYear() > 9999) {
        throw new DateTimeParseException("out of range", text, 0);
      }
      return day;
    } catch (DateTimeParseException e) {
      errors.add(new FormError(field, "history.filter.invalidDate"));
      return null;
    }
  }

  private static Long amount(String field, String text, int scale, List<FormError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ApiAmounts.parse(ApiAmounts.typed(text), scale).minorUnits();
    } catch (ApiProblemException e) {
      errors.add(new FormError(field, "history.filter.invalidAmount"));
      return null;
    }
  }
}
