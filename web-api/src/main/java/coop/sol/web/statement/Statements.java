package coop.sol.web.statement;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.ledger.transfer.TransferKind;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.receipt.TransferWords;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds an account's statement for a month (in the network's time zone) from the journal: the
 * posted balance before the month began (ledger-core), then the month's posted rows in words.
 */
@Component
class Statements {
  /** Rows read per round trip. */
  private static final int PAGE = 500;

  /** A month with more operations than this is refused rather than read without end. */
  static final int MAX_LINES = 20_000;

  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final Clock clock;
  private final ZoneId zone;

  Statements(
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      Clock clock,
      @Value("${sol.fonte.zone:Europe/Paris}") String zone) {
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** The statement of an account the caller may see (404 otherwise, as for its history). */
  Statement of(Caller caller, long accountId, YearMonth month) {
    Account account =
        access
            .visible(caller, accountId)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    if (start.isAfter(clock.instant())) {
      throw new ApiProblemException(
          ProblemCode.INVALID_PERIOD, "month : ce mois n'a pas encore commencé.", "month");
    }
    Network network = networks.network(account.network());
    long opening = ledger.transfers().postedBalanceBefore(account.network(), account.id(), start);
    List<Transfer> rows = new ArrayList<>();
    TransferId cursor = null;
    while (true) {
      List<Transfer> page =
          ledger
              .transfers()
              .history(
                  account.network(),
                  account.id(),
                  new HistoryQuery(cursor, start, end, Set.of(), PAGE));
      rows.addAll(page);
      if (rows.size() > MAX_LINES) {
        throw new ApiProblemException(
            ProblemCode.VALIDATION_FAILED, "month : trop d'opérations pour un relevé.", "month");
      }
      if (page.size() < PAGE) {
        break;
      }
      cursor = page.get(page.size() - 1).id();
    }
    Collections.reverse(rows);
    Map<AccountId, Account> others = new HashMap<>();
    List<Statement.Line> lines = new ArrayList<>();
    long balance = opening;
    long credits = 0;
    long debits = 0;
    for (Transfer t : rows) {
      if (t.kind() != TransferKind.POSTED && t.kind() != TransferKind.POST_PENDING) {
        continue; // reservations and their release do not move the posted balance
      }
      boolean credit = t.credit().equals(account.id());
      AccountId otherId = credit ? t.debit() : t.credit();
      Account other =
          others.computeIfAbsent(
              otherId, id -> ledger.accounts().find(account.network(), id).orElseThrow());
      long signed = credit ? t.amount() : -t.amount();
      balance = Math.addExact(balance, signed);
      if (credit) {
        credits = Math.addExact(credits, t.amount());
      } else {
        debits = Math.addExact(debits, t.amount());
      }
      lines.add(
          new Statement.Line(
              t.id().value(),
              t.createdAt(),
              TransferWords.operationKey(t),
              TransferWords.operationArgument(t, credit ? account : other),
              TransferWords.side(other, network, t),
              Optional.ofNullable(TransferWords.reference(t)).orElse(null),
              signed));
    }
    return new Statement(
        account.id().value(),
        network.name(),
        account.name(),
        account.strand(),
        network.scale(account.strand()),
        month,
        opening,
        balance,
        credits,
        debits,
        List.copyOf(lines));
  }

  ZoneId zone() {
    return zone;
  }
}
