package coop.sol.ledger.report;

import coop.sol.ledger.network.StrandKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Circulation reports straight from the journal (every row up to the heads, no aggregate), with
 * {@link CirculationScan}: the reference the aggregate-based reports are tested and benchmarked
 * against. Its cost grows with the whole journal.
 */
public final class FullScanReports {
  private final DataSource dataSource;
  private final Clock clock;

  public FullScanReports(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public CirculationReport report(ReportRequest request) {
    return report(request, clock.instant());
  }

  /** In the report time zone the aggregates use, as computed at {@code asOf}. */
  public CirculationReport report(ReportRequest request, Instant asOf) {
    long network = request.network().value();
    return ReportStore.snapshot(
        dataSource,
        true,
        store -> {
          ReportStore.NetworkInfo info = store.network(network);
          ZoneId zone = store.timeZone(network);
          Map<StrandKind, Long> allHeads = store.heads(network);
          var heads = new EnumMap<StrandKind, Long>(StrandKind.class);
          for (StrandKind s : CirculationScan.strandsRead(request.strand())) {
            heads.put(s, allHeads.get(s));
          }
          var infos = new HashMap<Long, AccountInfo>();
          var scan = new CirculationScan(request, zone, heads, infos);
          for (var e : heads.entrySet()) {
            store.rows(network, e.getKey(), 0, e.getValue(), infos, scan::accept);
          }
          return scan.finish(
              info.code(),
              asOf,
              info.scales().get(request.strand()),
              info.scales().get(StrandKind.EURO));
        });
  }
}
