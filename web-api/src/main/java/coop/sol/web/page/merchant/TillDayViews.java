package coop.sol.web.page.merchant;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.till.TillSale;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A till's day as its pages and closing report show it: the QR sales of one merchant account on one
 * day (in the network's time zone), a cashier's own or, for the merchant, everyone's, with the
 * totals per person who took them and for the shop. Amounts in the reader's language.
 */
@Component
class TillDayViews {
  private final Ledger ledger;
  private final coop.sol.ledger.till.TillDays days;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final Clock clock;
  private final ZoneId zone;

  TillDayViews(
      Ledger ledger,
      Operations operations,
      AccountAccess access,
      NetworkDirectory networks,
      Clock clock,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone) {
    this.ledger = ledger;
    this.days = operations.tillDays();
    this.access = access;
    this.networks = networks;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /**
   * A sale's line; amounts localized, without sign.
   *
   * @param kind REQUEST or TOKEN
   */
  record Line(
      long transferId,
      String time,
      String kind,
      String takenBy,
      String payer,
      String reference,
      String amount,
      String refunded,
      String net,
      boolean fullyRefunded,
      boolean refundable) {}

  /** The totals of the sales one person took, or of the shop ({@code takenBy} null). */
  record Total(Long takenBy, String name, int count, String amount, String refunded, String net) {}

  /**
   * @param shop true when it is the whole shop's day (the merchant's view), false for one person's
   * @param account the merchant account (one strand) the day is of
   */
  record Day(
      LocalDate date,
      String dateText,
      boolean shop,
      String takenByName,
      Account account,
      List<Line> lines,
      List<Total> byPerson,
      Total total) {}

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /**
   * The day of {@code account}, a till account of the caller's: a cashier sees their own sales
   * only; the merchant everyone's, or one person's ({@code takenBy}).
   */
  Day day(Caller caller, Account account, LocalDate date, Long takenBy, Locale locale) {
    boolean merchant = access.holds(caller, account);
    Long who = merchant ? takenBy : Long.valueOf(caller.userId());
    int scale = networks.scale(account.network(), account.strand());
    List<TillSale> sales =
        days.sales(
            account.network(),
            List.of(account.id()),
            who,
            date.atStartOfDay(zone).toInstant(),
            date.plusDays(1).atStartOfDay(zone).toInstant());
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(zone);
    Map<AccountId, String> payers = new HashMap<>();
    List<Line> lines = new ArrayList<>();
    Map<Long, long[]> perPerson = new LinkedHashMap<>();
    Map<Long, String> names = new HashMap<>();
    long[] all = new long[4];
    for (TillSale sale : sales) {
      String payer =
          payers.computeIfAbsent(
              sale.payerAccount(),
              id -> ledger.accounts().find(account.network(), id).map(Account::name).orElse(""));
      lines.add(
          new Line(
              sale.payment().value(),
              time.format(sale.at()),
              sale.kind().name(),
              sale.takenByName(),
              payer,
              sale.reference(),
              Amounts.format(sale.amount(), scale, locale),
              Amounts.format(sale.refunded(), scale, locale),
              Amounts.format(sale.net(), scale, locale),
              sale.net() == 0,
              sale.net() > 0 && (merchant || sale.takenBy() == caller.userId())));
      names.put(sale.takenBy(), sale.takenByName());
      add(perPerson.computeIfAbsent(sale.takenBy(), k -> new long[4]), sale);
      add(all, sale);
    }
    List<Total> byPerson = new ArrayList<>();
    perPerson.forEach((id, sums) -> byPerson.add(total(id, names.get(id), sums, scale, locale)));
    String takenByName = who == null ? null : names.getOrDefault(who, caller.displayName());
    if (who != null && who == caller.userId()) {
      takenByName = caller.displayName();
    }
    return new Day(
        date,
        DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date),
        who == null,
        takenByName,
        account,
        lines,
        byPerson,
        total(null, account.name(), all, scale, locale));
  }

  private static void add(long[] sums, TillSale sale) {
    sums[0]++;
    sums[1] = Math.addExact(sums[1], sale.amount());
    sums[2] = Math.addExact(sums[2], sale.refunded());
    sums[3] = Math.addExact(sums[3], sale.net());
  }

  private static Total total(Long id, String name, long[] sums, int scale, Locale locale) {
    return new Total(
        id,
        name,
        (int) sums[0],
        Amounts.format(sums[1], scale, locale),
        Amounts.format(sums[2], scale, locale),
        Amounts.format(sums[3], scale, locale));
  }
}
