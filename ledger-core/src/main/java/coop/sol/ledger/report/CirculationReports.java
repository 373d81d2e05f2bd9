package coop.sol.ledger.report;

import coop.sol.ledger.network.StrandKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Circulation reports from the aggregates, exact and current: in one snapshot it reads the
 * aggregates (which hold every row up to each strand's watermark) and the journal rows after the
 * watermark up to the strand's head (the tail: the few rows posted since the aggregator's last
 * run), and folds the tail in exactly as the full scan would. The cost grows with the number of
 * days and accounts in the period, not with the journal.
 */
public final class CirculationReports {
  private final DataSource dataSource;
  private final Clock clock;

  public CirculationReports(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public CirculationReport report(ReportRequest request) {
    return report(request, clock.instant());
  }

  /** The report as computed at {@code asOf} (which only decides the days averaged). */
  public CirculationReport report(ReportRequest request, Instant asOf) {
    return withDays(request, asOf).report();
  }

  /**
   * A report and, from the same snapshot, the circulation at the end of each day of the period up
   * to the local date of {@code asOf} (the days averaged): what a chart of the period draws.
   *
   * @param circulationByDay end-of-day circulation, by day, in minor units of the strand
   */
  public record WithDays(CirculationReport report, SortedMap<LocalDate, Long> circulationByDay) {
    public WithDays {
      circulationByDay = Collections.unmodifiableSortedMap(new TreeMap<>(circulationByDay));
    }
  }

  /** {@link #report(ReportRequest)} with the end-of-day circulation of the days averaged. */
  public WithDays withDays(ReportRequest request) {
    return withDays(request, clock.instant());
  }

  /** {@link #report(ReportRequest, Instant)} with the end-of-day circulation. */
  public WithDays withDays(ReportRequest request, Instant asOf) {
    long network = request.network().value();
    StrandKind strand = request.strand();
    return ReportStore.snapshot(
        dataSource,
        true,
        store -> {
          ReportStore.NetworkInfo info = store.network(network);
          ZoneId zone = store.timeZone(network);
          Map<StrandKind, Long> allHeads = store.heads(network);
          Map<StrandKind, Long> marks = store.watermarks(network);
          var heads = new EnumMap<StrandKind, Long>(StrandKind.class);
          for (StrandKind s : CirculationScan.strandsRead(strand)) {
            heads.put(s, allHeads.get(s));
          }
          var facts = new PeriodFacts(request.period());
          var infos = new HashMap<Long, AccountInfo>();

          facts.circulationAtStart =
              store.circulationBefore(network, strand, request.period().from());
          store.dailyNet(network, strand, facts);
          store.flows(network, strand, facts);
          store.accountTotals(network, strand, facts, infos);
          store.fonte(network, strand, facts);
          if (strand == StrandKind.COOPERATION) {
            facts.euroAtStart.putAll(store.euroBalancesBefore(network, request.period().from()));
            facts.euroAtEnd.putAll(store.euroBalancesBefore(network, request.period().to()));
          }

          // the tail: rows after the watermark, folded in like the full scan does
          var days = new LocalDays(zone);
          store.rows(
              network,
              strand,
              marks.get(strand),
              heads.get(strand),
              infos,
              row ->
                  facts.strandRow(
                      row,
                      infos.get(row.debit()).ownerKind(),
                      infos.get(row.credit()).ownerKind(),
                      days.of(row.createdAt())));
          if (strand == StrandKind.COOPERATION) {
            store.rows(
                network,
                StrandKind.EURO,
                marks.get(StrandKind.EURO),
                heads.get(StrandKind.EURO),
                infos,
                row -> facts.euroRow(row, days.of(row.createdAt())));
          }
          var needed = new HashSet<Long>(facts.fonte.keySet());
          needed.addAll(facts.euroAtEnd.keySet());
          store.accountInfos(network, needed, infos);
          CirculationReport report =
              ReportBuilder.build(
                  request,
                  info.code(),
                  zone,
                  asOf,
                  heads,
                  info.scales().get(strand),
                  info.scales().get(StrandKind.EURO),
                  facts,
                  infos);
          var byDay = new TreeMap<LocalDate, Long>();
          LocalDate asOfDay = asOf.atZone(zone).toLocalDate();
          long circulation = facts.circulationAtStart;
          for (LocalDate d = request.period().from();
              d.isBefore(request.period().to()) && !d.isAfter(asOfDay);
              d = d.plusDays(1)) {
            circulation = Math.addExact(circulation, facts.dailyNet.getOrDefault(d, 0L));
            byDay.put(d, circulation);
          }
          return new WithDays(report, byDay);
        });
  }
}
