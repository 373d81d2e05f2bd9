package coop.sol.ledger.report;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Maintains the report aggregates of each network behind a watermark, after the fact: the write
 * path never waits for it. A step reads, per strand, the journal rows after the strand's watermark
 * (at most {@code batchRows} of them, and never past the strand's committed head) and upserts the
 * daily and monthly aggregates and the new watermark in one transaction: a crash loses nothing and
 * folds nothing twice. One aggregator works on a network at a time (a PostgreSQL advisory lock; a
 * second one is told {@link AggregationRun#busy()} and does nothing), and the watermark update is
 * conditional on the watermark read, so a row is never counted twice.
 *
 * <p>Scheduling: call {@link #catchUpAll()} every few seconds (each call folds what was posted
 * since the last one); {@link #catchUp} does one network until it reaches the heads.
 */
public final class Aggregator {
  /** Default rows per strand per transaction. */
  public static final int DEFAULT_BATCH_ROWS = 200_000;

  /** First key of the two-int advisory lock of a network's aggregator ("SOR"). */
  static final int LOCK_CLASS = 0x534F52;

  private final DataSource dataSource;
  private final int batchRows;

  public Aggregator(DataSource dataSource) {
    this(dataSource, DEFAULT_BATCH_ROWS);
  }

  public Aggregator(DataSource dataSource, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows is >= 1");
    }
    this.dataSource = dataSource;
    this.batchRows = batchRows;
  }

  /** Folds every network's new rows; for a scheduler. Busy networks are skipped this time. */
  public List<AggregationRun> catchUpAll() {
    var runs = new ArrayList<AggregationRun>();
    for (long id : networkIds()) {
      runs.add(catchUp(new NetworkId(id)));
    }
    return runs;
  }

  /** Steps until every strand has reached the head it had when the step began. */
  public AggregationRun catchUp(NetworkId network) {
    var total = new EnumMap<StrandKind, Long>(StrandKind.class);
    while (true) {
      AggregationRun step = step(network);
      if (step.busy()) {
        return new AggregationRun(network, true, total, step.watermarks());
      }
      step.folded().forEach((s, n) -> total.merge(s, n, Long::sum));
      if (step.folded().values().stream().noneMatch(n -> n >= batchRows)) {
        return new AggregationRun(network, false, total, step.watermarks());
      }
    }
  }

  /** One transaction: at most {@code batchRows} new rows per strand. */
  public AggregationRun step(NetworkId network) {
    long n = network.value();
    return ReportStore.withLock(
            dataSource,
            LOCK_CLASS,
            network,
            locked -> {
              locked.prepare(n);
              return locked.inRepeatableRead(
                  tx -> {
                    ZoneId zone = tx.timeZone(n);
                    Map<StrandKind, Long> heads = tx.heads(n);
                    Map<StrandKind, Long> marks = tx.watermarks(n);
                    var folded = new EnumMap<StrandKind, Long>(StrandKind.class);
                    for (var e : heads.entrySet()) {
                      StrandKind strand = e.getKey();
                      long from = marks.get(strand);
                      long to = Math.min(e.getValue(), from + batchRows);
                      if (to > from) {
                        if (!tx.fold(n, strand, zone, from, to)) {
                          throw new IllegalStateException(
                              "the watermark of "
                                  + strand
                                  + " moved during aggregation; nothing was folded");
                        }
                        folded.put(strand, to - from);
                        marks.put(strand, to);
                      }
                    }
                    return new AggregationRun(network, false, folded, marks);
                  });
            })
        .orElseGet(() -> busy(network));
  }

  /** The time zone whose days the aggregates use (Europe/Paris until changed). */
  public ZoneId timeZone(NetworkId network) {
    return ReportStore.snapshot(dataSource, true, store -> store.timeZone(network.value()));
  }

  public Map<StrandKind, Long> watermarks(NetworkId network) {
    return ReportStore.snapshot(dataSource, true, store -> store.watermarks(network.value()));
  }

  /**
   * Sets the report time zone and drops the network's aggregates in one transaction; the next runs
   * rebuild them from the journal (reports stay exact meanwhile, reading more of the journal).
   * Returns false, changing nothing, while another aggregator works on the network.
   */
  public boolean changeTimeZone(NetworkId network, ZoneId zone) {
    return ReportStore.withLock(
            dataSource,
            LOCK_CLASS,
            network,
            locked -> {
              locked.prepare(network.value());
              locked.resetAggregates(network.value(), zone);
              return true;
            })
        .orElse(false);
  }

  private List<Long> networkIds() {
    return ReportStore.networkIds(dataSource);
  }

  private static AggregationRun busy(NetworkId network) {
    return new AggregationRun(network, true, Map.of(), Map.of());
  }
}
