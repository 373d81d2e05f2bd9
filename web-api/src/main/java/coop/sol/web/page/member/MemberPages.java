package coop.sol.web.page.member;

import coop.sol.web.auth.Caller;
import coop.sol.web.page.AccountPages;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Locale;
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

  MemberPages(AccountPages accounts) {
    this.accounts = accounts;
  }

  @GetMapping
  String balances(Caller caller, Locale locale, Model model) {
    model.addAttribute("balances", accounts.balances(caller, locale));
    return "member/balances";
  }

  /**
   * @param account the account whose history to show; the member's first (Coopération) if none
   * @param before the paging cursor: only transfers older than this one
   */
  @GetMapping("/history")
  String history(
      @RequestParam(required = false) Long account,
      @RequestParam(required = false) Long before,
      Caller caller,
      Locale locale,
      Model model) {
    List<AccountPages.BalanceRow> held = accounts.balances(caller, locale);
    model.addAttribute("accounts", held);
    if (held.isEmpty()) {
      return "member/history";
    }
    long accountId = account == null ? held.get(0).accountId() : account;
    model.addAttribute("page", accounts.history(caller, accountId, before, locale));
    return "member/history";
  }
}
