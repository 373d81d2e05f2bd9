package coop.sol.web.page;

import coop.sol.ledger.notice.Notice;
import coop.sol.ledger.notice.Notices;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /account/notices}: a person's notifications in the application — a payment received,
 * vouchers received, the fonte coming (the events their emails tell) — newest first, the unread
 * ones marked, and a button that marks them all read. The header counts the unread ones.
 */
@Hidden
@Controller
class NoticePages {
  static final int SHOWN = 50;

  private final Notices notices;
  private final AccountPages accounts;
  private final MessageSource messages;
  private final Clock clock;

  NoticePages(Notices notices, AccountPages accounts, MessageSource messages, Clock clock) {
    this.notices = notices;
    this.accounts = accounts;
    this.messages = messages;
    this.clock = clock;
  }

  /** A notification as shown: when, what in the reader's language, whether it is new. */
  record Row(String date, String kind, String text, boolean unread) {}

  @GetMapping("/account/notices")
  String list(Caller caller, Locale locale, Model model) {
    List<Row> rows =
        notices.latest(caller.userId(), SHOWN).stream().map(n -> row(n, locale)).toList();
    model.addAttribute("notices", rows);
    return "account/notices";
  }

  @PostMapping("/account/notices/read")
  String markRead(Caller caller) {
    notices.markRead(caller.userId(), clock.instant());
    return "redirect:/account/notices";
  }

  private Row row(Notice n, Locale locale) {
    return new Row(
        accounts.date(n.createdAt(), locale),
        n.kind().name(),
        text(messages, n, locale),
        n.readAt().isEmpty());
  }

  /** A notice's sentence in the reader's language (the profile page shows the same). */
  static String text(MessageSource messages, Notice n, Locale locale) {
    return messages.getMessage(
        "notice." + n.kind().name(),
        new Object[] {
          AccountPages.localized(n.params().getOrDefault("amount", ""), locale),
          n.params().getOrDefault("network", ""),
          n.params().getOrDefault("periodEnd", "")
        },
        locale);
  }
}
