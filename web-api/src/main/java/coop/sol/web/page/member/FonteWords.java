package coop.sol.web.page.member;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.fonte.FonteCharge;
import coop.sol.ledger.fonte.FontePreview;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import java.time.Period;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The fonte told to a member in plain words, account by account: what it is (the network's rule:
 * how long money may sleep, what it loses), when it applies next, and what it would take if that
 * were today — ledger-core's projection ({@code Fonte.projection}), the same the "fonte coming"
 * notice uses: balances and idleness as the journal shows them now.
 */
@Component
class FonteWords {
  private final Operations operations;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final MessageSource messages;

  FonteWords(
      Operations operations,
      AccountAccess access,
      NetworkDirectory networks,
      MessageSource messages) {
    this.operations = operations;
    this.access = access;
    this.networks = networks;
    this.messages = messages;
  }

  /**
   * The fonte of one account, in words.
   *
   * @param what the rule: how long money may sleep, and what it then loses
   * @param next when it applies next, and what it would take today (or that it would take nothing)
   */
  record Told(String what, String next) {}

  /** By account id: the caller's accounts whose strand has a fonte. */
  Map<Long, Told> of(Caller caller, Locale locale) {
    Map<Long, Told> told = new HashMap<>();
    Map<String, Optional<FontePreview>> projections = new HashMap<>();
    for (Account account : access.held(caller)) {
      Optional<FonteRule> rule =
          operations
              .settings()
              .fonteRule(account.network(), account.strand())
              .map(v -> v.value())
              .filter(FonteRule::enabled);
      if (rule.isEmpty()) {
        continue;
      }
      Optional<FontePreview> projection =
          projections.computeIfAbsent(
              account.network().value() + "/" + account.strand(),
              k -> operations.fonte().projection(account.network(), account.strand()));
      if (projection.isEmpty()) {
        continue;
      }
      int scale = networks.scale(account.network(), account.strand());
      String rate = percent(rule.get().rate().value(), locale);
      String what =
          text(
              "melt.what",
              locale,
              idle(rule.get().idle(), locale),
              rate,
              Amounts.format(rule.get().minimum(), scale, locale));
      String due =
          projection
              .get()
              .period()
              .end()
              .format(
                  java.time.format.DateTimeFormatter.ofLocalizedDate(
                          java.time.format.FormatStyle.LONG)
                      .withLocale(locale));
      Optional<FonteCharge> charge =
          projection.get().charges().stream()
              .filter(c -> c.account().equals(account.id()))
              .findFirst();
      String next =
          charge.isPresent()
              ? text(
                  "melt.next.due",
                  locale,
                  due,
                  Amounts.format(charge.get().amount(), scale, locale))
              : text("melt.next.spared", locale, due);
      told.put(account.id().value(), new Told(what, next));
    }
    return told;
  }

  private String idle(Period idle, Locale locale) {
    long months = idle.toTotalMonths();
    return idle.getDays() == 0
        ? text("melt.idle.months", locale, months)
        : months == 0
            ? text("melt.idle.days", locale, idle.getDays())
            : text("melt.idle.monthsAndDays", locale, months, idle.getDays());
  }

  private static String percent(int basisPoints, Locale locale) {
    String number =
        Amounts.localized(coop.sol.ledger.money.Decimals.format(basisPoints, 2), locale)
            .replaceAll("[.,]00$", "");
    return "fr".equals(locale.getLanguage()) ? number + " %" : number + "%";
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
