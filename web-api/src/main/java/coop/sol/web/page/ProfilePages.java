package coop.sol.web.page;

import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.Notice;
import coop.sol.ledger.notice.Notices;
import coop.sol.ledger.notice.Preferences;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/profile}: every user's own profile — display name, email address, language, which
 * notices they want (a payment received, vouchers received, the fonte coming; by email too when the
 * installation sends email) — their latest notices, the download of their data, and, under
 * "advanced", the second factor and personal access tokens.
 */
@Hidden
@Controller
class ProfilePages {
  /** Something@something, no spaces: the address is checked for real by the mail it receives. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  private final Notices notices;
  private final AccountPages accounts;
  private final MessageSource messages;
  private final Clock clock;

  ProfilePages(Notices notices, AccountPages accounts, MessageSource messages, Clock clock) {
    this.notices = notices;
    this.accounts = accounts;
    this.messages = messages;
    this.clock = clock;
  }

  /** A notice as shown: its date and its sentence in the reader's language. */
  record NoticeRow(String date, String text, boolean unread) {}

  @GetMapping("/account/profile")
  String profile(Caller caller, Locale locale, Model model) {
    Contact contact = notices.contact(caller.userId()).orElseThrow();
    if (!model.containsAttribute("displayName")) {
      model.addAttribute("displayName", contact.displayName());
      model.addAttribute("email", contact.email().orElse(""));
      model.addAttribute("language", contact.language().orElse(""));
      model.addAttribute("preferences", contact.preferences());
    }
    List<NoticeRow> rows = new ArrayList<>();
    for (Notice n : notices.latest(caller.userId(), 20)) {
      rows.add(
          new NoticeRow(
              accounts.date(n.createdAt(), locale),
              messages.getMessage(
                  "notice." + n.kind().name(),
                  new Object[] {
                    n.params().getOrDefault("amount", ""),
                    n.params().getOrDefault("network", ""),
                    n.params().getOrDefault("periodEnd", "")
                  },
                  locale),
              n.readAt().isEmpty()));
    }
    model.addAttribute("notices", rows);
    notices.markRead(caller.userId(), clock.instant());
    return "account/profile";
  }

  @PostMapping("/account/profile")
  String save(
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String language,
      @RequestParam(required = false) String paymentReceived,
      @RequestParam(required = false) String voucherReceived,
      @RequestParam(required = false) String fonteComing,
      Caller caller,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    List<FormError> errors = new ArrayList<>();
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.length() > 200) {
      errors.add(new FormError("displayName", "profile.displayName.invalid"));
    }
    String address = email == null ? "" : email.strip();
    if (!address.isEmpty() && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
      errors.add(new FormError("email", "profile.email.invalid"));
    }
    String lang = language == null || language.isBlank() ? null : language;
    if (lang != null && !lang.equals("fr") && !lang.equals("en")) {
      errors.add(new FormError("language", "profile.language.invalid"));
    }
    var preferences =
        new Preferences(paymentReceived != null, voucherReceived != null, fonteComing != null);
    if (!errors.isEmpty()) {
      model.addAttribute("errors", errors);
      model.addAttribute("displayName", displayName);
      model.addAttribute("email", email);
      model.addAttribute("language", language);
      model.addAttribute("preferences", preferences);
      return profile(caller, locale, model);
    }
    notices.setContact(
        caller.userId(),
        name,
        address.isEmpty() ? null : address,
        lang,
        preferences,
        clock.instant());
    redirect.addFlashAttribute("messageKey", "profile.saved");
    return "redirect:/account/profile";
  }
}
