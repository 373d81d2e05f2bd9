package coop.sol.web.page;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.receipt.TransferWords;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Accounts as pages show them: balances with the fonte's next due date, and histories by pages of
 * {@link #PAGE_SIZE}, amounts written the way the user's language writes them ({@code 12,50} in
 * French). Read through the same access rules as the API ({@link AccountAccess}).
 */
@Component
public class AccountPages {
  public static final int PAGE_SIZE = 20;

  /** At most this many transfers are read for one page of a narrowed history. */
  static final int MAX_SCANNED = 2_000;

  private final Ledger ledger;
  private final Operations operations;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final ZoneId zone;

  private final Clock clock;

  AccountPages(
      Ledger ledger,
      Operations operations,
      AccountAccess access,
      NetworkDirectory networks,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone,
      Clock clock) {
    this.clock = clock;
    this.ledger = ledger;
    this.operations = operations;
    this.access = access;
    this.networks = networks;
    this.zone = ZoneId.of(zone);
  }

  /**
   * One account's balances.
   *
   * @param fonteDue the end of the current fonte period (the balance melts then unless spent from),
   *     or null when the strand has no fonte
   * @param fonteRate the fonte's rate, "2 %", or null
   */
  public record BalanceRow(
      long accountId,
      String strand,
      String name,
      String available,
      String posted,
      String fonteDue,
      String fonteRate) {}

  /**
   * A line of a history.
   *
   * @param code the operation's {@code TransferCode} (what the till may refund)
   * @param operationKey what it was, in words: a message key ({@code TransferWords})
   * @param operationArgument the message's argument (a voucher's label), or ""
   * @param counterpart the other side by its name; the network's own accounts by the network's
   * @param reference the reference a person gave, or null (never the ledger's own)
   * @param amount signed: "-12,50" for a debit, "+12,50" for a credit
   */
  public record HistoryRow(
      long transferId,
      String date,
      String code,
      String operationKey,
      String operationArgument,
      String counterpart,
      String amount,
      boolean credit,
      String reference) {}

  /**
   * @param next the {@code before} cursor of the next (older) page, or null at the end
   */
  public record HistoryPage(BalanceRow account, List<HistoryRow> rows, Long next) {}

  public List<BalanceRow> balances(Caller caller, Locale locale) {
    return access.held(caller).stream().map(account -> balance(account, locale)).toList();
  }

  public BalanceRow balance(Account account, Locale locale) {
    Network network = networks.network(account.network());
    int scale = network.scale(account.strand());
    String due = null;
    String rate = null;
    Optional<FonteRule> rule =
        operations
            .settings()
            .fonteRule(account.network(), account.strand())
            .map(versioned -> versioned.value())
            .filter(FonteRule::enabled);
    if (rule.isPresent()) {
      LocalDate today = LocalDate.now(clock.withZone(rule.get().zone()));
      due =
          currentPeriodEnd(rule.get(), today)
              .map(
                  d ->
                      d.format(
                          DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)))
              .orElse(null);
      rate = Amounts.percent(rule.get().rate().value(), locale);
    }
    return new BalanceRow(
        account.id().value(),
        account.strand().name(),
        account.name(),
        Amounts.format(account.balance().available(), scale, locale),
        Amounts.format(account.balance().posted(), scale, locale),
        due,
        rate);
  }

  /** The end of the fonte period {@code today} falls in: when an idle balance melts next. */
  static Optional<LocalDate> currentPeriodEnd(FonteRule rule, LocalDate today) {
    for (int k = 0; k < 100_000; k++) {
      FontePeriod period = rule.period(k);
      if (period.end().isAfter(today)) {
        return Optional.of(period.end());
      }
    }
    return Optional.empty();
  }

  /** An account the caller may see (404 otherwise, as the API says). */
  public Account visible(Caller caller, long accountId) {
    return access
        .visible(caller, accountId)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /** A page of the account's history, newest first, from before {@code before} if given. */
  public HistoryPage history(Caller caller, long accountId, Long before, Locale locale) {
    return history(visible(caller, accountId), before, HistoryFilter.NONE, locale);
  }

  /**
   * The merchant accounts whose till the caller works: their own (a merchant) or their merchant's
   * (a cashier), Coopération first.
   */
  public List<Account> tillAccounts(Caller caller) {
    List<Account> accounts = new ArrayList<>();
    for (RoleGrant grant : caller.grants()) {
      if (grant.network() == null) {
        continue;
      }
      String owner =
          grant.role() == Role.MERCHANT
              ? caller.username()
              : grant.role() == Role.CASHIER ? grant.merchantRef() : null;
      if (owner != null) {
        accounts.addAll(
            ledger.accounts().findByOwner(grant.network(), OwnerKind.MERCHANT, owner).stream()
                .filter(account -> access.till(caller, account.id().value()).isPresent())
                .toList());
      }
    }
    accounts.sort(Comparator.comparing(Account::strand));
    return accounts;
  }

  /** A merchant account whose till the caller works (404 otherwise). */
  public Account till(Caller caller, long accountId) {
    return access
        .till(caller, accountId)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /**
   * What a history is narrowed to; each part null for "any".
   *
   * @param from first day, in the network's time zone, inclusive
   * @param to last day, inclusive
   * @param min smallest amount, in minor units
   * @param max largest amount, in minor units
   * @param counterpart a part of the other side's name (case and accents ignored)
   */
  public record HistoryFilter(
      LocalDate from, LocalDate to, Long min, Long max, String counterpart) {
    public static final HistoryFilter NONE = new HistoryFilter(null, null, null, null, null);

    boolean keeps(long amount, String side) {
      return (min == null || amount >= min)
          && (max == null || amount <= max)
          && (counterpart == null
              || counterpart.isBlank()
              || fold(side).contains(fold(counterpart)));
    }

    private static String fold(String text) {
      return java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFD)
          .replaceAll("\\p{M}+", "")
          .toLowerCase(Locale.ROOT);
    }
  }

  /** The number of decimals of an account the caller may see (404 otherwise). */
  public int scale(Caller caller, long accountId) {
    Account account = visible(caller, accountId);
    return networks.scale(account.network(), account.strand());
  }

  /** A page of the account's history the caller may see, narrowed by {@code filter}. */
  public HistoryPage history(
      Caller caller, long accountId, Long before, HistoryFilter filter, Locale locale) {
    return history(visible(caller, accountId), before, filter, locale);
  }

  /** A page of an account's history the caller was found to see. */
  public HistoryPage history(Account account, Long before, Locale locale) {
    return history(account, before, HistoryFilter.NONE, locale);
  }

  /**
   * A page of an account's history, narrowed by {@code filter}: the period by the ledger's query,
   * amounts and the other side's name here, reading at most {@link #MAX_SCANNED} transfers for one
   * page (the next page goes on from there).
   */
  public HistoryPage history(Account account, Long before, HistoryFilter filter, Locale locale) {
    Network network = networks.network(account.network());
    int scale = network.scale(account.strand());
    Instant from = filter.from() == null ? null : filter.from().atStartOfDay(zone).toInstant();
    Instant to =
        filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(zone).toInstant();
    boolean narrowed =
        filter.min() != null
            || filter.max() != null
            || (filter.counterpart() != null && !filter.counterpart().isBlank());
    Map<AccountId, Account> accountsById = new HashMap<>();
    DateTimeFormatter dates =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
    List<HistoryRow> rows = new ArrayList<>();
    TransferId cursor = before == null || before <= 0 ? null : new TransferId(before);
    int scanned = 0;
    boolean more = true;
    while (rows.size() < PAGE_SIZE && more && scanned < MAX_SCANNED) {
      List<Transfer> transfers =
          ledger
              .transfers()
              .history(
                  account.network(),
                  account.id(),
                  new HistoryQuery(cursor, from, to, Set.of(), PAGE_SIZE),
                  Freshness.MAY_LAG);
      more = transfers.size() == PAGE_SIZE;
      for (Transfer t : transfers) {
        scanned++;
        cursor = t.id();
        boolean credit = t.credit().equals(account.id());
        AccountId other = credit ? t.debit() : t.credit();
        Account otherAccount =
            accountsById.computeIfAbsent(
                other, id -> ledger.accounts().find(account.network(), id).orElseThrow());
        Account creditAccount = credit ? account : otherAccount;
        String counterpart = TransferWords.side(otherAccount, network, t);
        if (narrowed && !filter.keeps(t.amount(), counterpart)) {
          continue;
        }
        String amount = Amounts.format(t.amount(), scale, locale);
        rows.add(
            new HistoryRow(
                t.id().value(),
                dates.format(t.createdAt()),
                t.code().name(),
                TransferWords.operationKey(t),
                TransferWords.operationArgument(t, creditAccount),
                counterpart,
                (credit ? "+" : "−") + amount,
                credit,
                TransferWords.reference(t)));
        if (rows.size() == PAGE_SIZE) {
          more = more || transfers.indexOf(t) < transfers.size() - 1;
          break;
        }
      }
    }
    Long next = more && cursor != null ? cursor.value() : null;
    return new HistoryPage(balance(account, locale), List.copyOf(rows), next);
  }

  /** When a transfer was posted, as the pages write dates. */
  public String date(Instant instant, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
        .withLocale(locale)
        .withZone(zone)
        .format(instant);
  }

  /** Decimal text of an amount in the account's strand, as the user's language writes it. */
  public String format(Account account, long minorUnits, Locale locale) {
    return Amounts.format(
        minorUnits, networks.network(account.network()).scale(account.strand()), locale);
  }

  /** Decimal text from the API's form ("12.50") to the user's language's. */
  public static String localized(String apiDecimal, Locale locale) {
    return Amounts.localized(apiDecimal, locale);
  }
}
