package coop.sol.web.page.merchant;

import coop.sol.ledger.account.Account;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The till's day: a cashier's own QR sales of the day with their total, the merchant's of every
 * cashier with each one's total and the shop's; and the day's closing report, PDF or CSV, for one
 * person or the whole shop. A cashier sees and closes their own day only.
 */
@Hidden
@Controller
class TillDayPages {
  private final AccountPages accounts;
  private final TillDayViews days;
  private final TillClosing closing;

  TillDayPages(AccountPages accounts, TillDayViews days, TillClosing closing) {
    this.accounts = accounts;
    this.days = days;
    this.closing = closing;
  }

  /**
   * @param account the till account (one strand); absent, the first (Coopération)
   * @param date the day, ISO (2026-12-02); absent, today in the network's time zone
   * @param takenBy for the merchant: one person's sales (their user id); absent, everyone's
   */
  @GetMapping("/till/day")
  String day(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) String date,
      @RequestParam(required = false) Long takenBy,
      Caller caller,
      Locale locale,
      Model model) {
    List<Account> tills = accounts.tillAccounts(caller);
    model.addAttribute(
        "tillAccounts", tills.stream().map(a -> accounts.balance(a, locale)).toList());
    if (!tills.isEmpty()) {
      Account shown = account == null ? tills.get(0) : accounts.till(caller, account);
      TillDayViews.Day day = days.day(caller, shown, date(date), takenBy, locale);
      model.addAttribute("day", day);
      model.addAttribute("takenBy", takenBy);
    }
    return "merchant/day";
  }

  @GetMapping("/till/day/closing.csv")
  ResponseEntity<byte[]> closingCsv(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) String date,
      @RequestParam(required = false) Long takenBy,
      Caller caller,
      Locale locale) {
    TillDayViews.Day day = closingDay(caller, account, date, takenBy, locale);
    return download(
        closing.csv(day, locale),
        new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
        "cloture-" + day.date() + ".csv");
  }

  @GetMapping("/till/day/closing.pdf")
  ResponseEntity<byte[]> closingPdf(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) String date,
      @RequestParam(required = false) Long takenBy,
      Caller caller,
      Locale locale) {
    TillDayViews.Day day = closingDay(caller, account, date, takenBy, locale);
    return download(
        closing.pdf(day, locale), MediaType.APPLICATION_PDF, "cloture-" + day.date() + ".pdf");
  }

  private TillDayViews.Day closingDay(
      Caller caller, Long account, String date, Long takenBy, Locale locale) {
    List<Account> tills = accounts.tillAccounts(caller);
    if (tills.isEmpty()) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    Account shown = account == null ? tills.get(0) : accounts.till(caller, account);
    return days.day(caller, shown, date(date), takenBy, locale);
  }

  private LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return days.today();
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ApiProblemException(ProblemCode.INVALID_PERIOD);
    }
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(body);
  }
}
