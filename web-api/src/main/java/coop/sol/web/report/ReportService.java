package coop.sol.web.report;

import coop.sol.ledger.Operations;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.report.Aggregator;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CirculationReports;
import coop.sol.ledger.report.ReportRequest;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.Versioned;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SortedMap;
import org.springframework.stereotype.Service;

/**
 * Computes circulation reports for the web: the network's report time zone for the period, the euro
 * rate in force at the period's end for the coverage ratio (1 SOL = 1 EUR for a network that has
 * none yet), and the end-of-day circulation for the charts.
 */
@Service
class ReportService {
  private final CirculationReports reports;
  private final Aggregator aggregator;
  private final Operations operations;

  ReportService(CirculationReports reports, Aggregator aggregator, Operations operations) {
    this.reports = reports;
    this.aggregator = aggregator;
    this.operations = operations;
  }

  /** A report with what the web forms draw besides its figures. */
  record Computed(
      Network network,
      ReportQuery query,
      CirculationReport report,
      SortedMap<LocalDate, Long> circulationByDay) {}

  ZoneId timeZone(Network network) {
    return aggregator.timeZone(network.id());
  }

  Computed compute(Network network, ReportQuery query) {
    ZoneId zone = timeZone(network);
    Instant end = query.period().to().atStartOfDay(zone).toInstant();
    BigDecimal euroPerSol =
        operations
            .settings()
            .rates(network.id(), end)
            .or(() -> operations.settings().rates(network.id()))
            .map(Versioned::value)
            .map(NetworkRates::euroRate)
            .map(r -> r.eurosPerSol())
            .orElse(BigDecimal.ONE);
    var request =
        new ReportRequest(
            network.id(), query.strand(), query.period(), euroPerSol, ReportRequest.DEFAULT_TOP);
    CirculationReports.WithDays result = reports.withDays(request);
    return new Computed(network, query, result.report(), result.circulationByDay());
  }
}
