package coop.sol.ledger.report;

import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * A circulation report computed straight from journal rows, with no aggregate: the definition of
 * every figure, row by row. Feed it the rows of the report's strand and, for a Coopération report,
 * of the euro ledger (any order; rows of other strands and rows after the given heads are ignored),
 * then {@link #finish}. Knows nothing of the database, so the offline verifier recomputes a report
 * from an export with it; {@link FullScanReports} feeds it from the database.
 */
public final class CirculationScan {
  private final ReportRequest request;
  private final ZoneId zone;
  private final Map<StrandKind, Long> heads;
  private final Map<Long, AccountInfo> accounts;
  private final PeriodFacts facts;
  private final LocalDays days;

  /**
   * @param heads the seq of the last row to take into account, per strand read (the report's
   *     strand, and EURO for a Coopération report)
   * @param accounts every account the rows name
   */
  public CirculationScan(
      ReportRequest request,
      ZoneId zone,
      Map<StrandKind, Long> heads,
      Map<Long, AccountInfo> accounts) {
    this.request = request;
    this.zone = zone;
    this.heads = new EnumMap<>(StrandKind.class);
    this.heads.putAll(heads);
    this.accounts = accounts;
    this.facts = new PeriodFacts(request.period());
    this.days = new LocalDays(zone);
    if (!heads.containsKey(request.strand())
        || (request.strand() == StrandKind.COOPERATION && !heads.containsKey(StrandKind.EURO))) {
      throw new IllegalArgumentException("heads must name every strand the report reads");
    }
  }

  /** The strands this report reads: its own, and the euro ledger for Coopération. */
  public static java.util.List<StrandKind> strandsRead(StrandKind strand) {
    return strand == StrandKind.COOPERATION
        ? java.util.List.of(StrandKind.COOPERATION, StrandKind.EURO)
        : java.util.List.of(strand);
  }

  public void accept(Transfer row) {
    accept(JournalRow.of(row));
  }

  void accept(JournalRow row) {
    Long head = heads.get(row.strand());
    if (head == null || row.seq() > head) {
      return;
    }
    if (row.strand() == request.strand()) {
      facts.strandRow(row, kindOf(row.debit()), kindOf(row.credit()), days.of(row.createdAt()));
    } else if (row.strand() == StrandKind.EURO) {
      facts.euroRow(row, days.of(row.createdAt()));
    }
  }

  private coop.sol.ledger.account.OwnerKind kindOf(long account) {
    AccountInfo info = accounts.get(account);
    if (info == null) {
      throw new IllegalArgumentException("the journal names account " + account + ", unknown");
    }
    return info.ownerKind();
  }

  public CirculationReport finish(String networkCode, Instant asOf, int scale, int euroScale) {
    return ReportBuilder.build(
        request, networkCode, zone, asOf, heads, scale, euroScale, facts, accounts);
  }
}
