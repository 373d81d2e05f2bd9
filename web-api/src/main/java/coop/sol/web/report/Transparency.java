package coop.sol.web.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.web.networkkey.NetworkKeyView;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A network's public transparency figures, when it publishes them ({@link Publication}): aggregated
 * only — circulation per strand, payments of the month, the euro reserve and its coverage, the
 * latest signed checkpoint of each strand and the keys that verify them. No individual balance and
 * no account appears. Computed at most once a minute per network (the page is public).
 */
@Component
class Transparency {
  static final List<StrandKind> SOL =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final ReportService reports;
  private final Publication publication;
  private final Checkpoints checkpoints;
  private final NetworkKeys keys;
  private final Cache<Long, TransparencyView> cache =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

  private final Clock clock;

  Transparency(
      ReportService reports,
      Publication publication,
      Checkpoints checkpoints,
      NetworkKeys keys,
      Clock clock) {
    this.clock = clock;
    this.reports = reports;
    this.publication = publication;
    this.checkpoints = checkpoints;
    this.keys = keys;
  }

  @Schema(
      name = "Transparency",
      description =
          "Chiffres agrégés publiés par un réseau : aucun solde individuel. Montants en chaînes"
              + " décimales.")
  record TransparencyView(
      String network,
      String name,
      @Schema(description = "Calcul des chiffres (au plus une minute de retard)") Instant asOf,
      @Schema(description = "Mois courant dans le fuseau du réseau", example = "2026-11")
          String month,
      String timeZone,
      List<StrandFigures> strands,
      @Schema(nullable = true) ReserveFigures reserve,
      @Schema(description = "Dernier point de contrôle signé de chaque volet")
          List<CheckpointView> checkpoints,
      @Schema(description = "Clés publiques du réseau (Ed25519), la plus récente d'abord")
          List<NetworkKeyView> keys) {}

  @Schema(name = "TransparencyStrand")
  record StrandFigures(
      String strand,
      @Schema(description = "Monnaie en circulation maintenant") String circulation,
      @Schema(description = "Paiements du mois courant")
          CirculationReportView.Figure monthPayments) {}

  @Schema(name = "TransparencyReserve")
  record ReserveFigures(
      @Schema(description = "Euros détenus (fonds de garantie et caisses des comptoirs)")
          String euros,
      @Schema(description = "1 SOL = euroPerSol EUR") String euroPerSol,
      @Schema(nullable = true, description = "Euros détenus / circulation Coopération en euros")
          String coverage) {}

  /** The figures, or 404 when the network does not publish them. */
  TransparencyView of(Network network) {
    if (!publication.transparent(network.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return cache.get(network.id().value(), id -> compute(network));
  }

  void forget(Network network) {
    cache.invalidate(network.id().value());
  }

  private TransparencyView compute(Network network) {
    YearMonth month = YearMonth.now(clock.withZone(reports.timeZone(network)));
    var strands = new ArrayList<StrandFigures>();
    ReserveFigures reserve = null;
    Instant asOf = null;
    for (StrandKind strand : SOL) {
      var computed =
          reports.compute(
              network, new ReportQuery(strand, ReportPeriod.month(month), ReportQuery.FRENCH));
      CirculationReport r = computed.report();
      asOf = r.header().asOf();
      int scale = r.header().scale();
      strands.add(
          new StrandFigures(
              strand.name(),
              CirculationReportView.amount(r.circulation().atEnd(), scale),
              CirculationReportView.figure(r.payments().payments(), scale)));
      if (r.reserve().isPresent()) {
        var v = r.reserve().get();
        reserve =
            new ReserveFigures(
                CirculationReportView.amount(v.atEnd(), r.header().euroScale()),
                r.header().euroPerSol().toPlainString(),
                CirculationReportView.ratio(v.coverageAtEnd()));
      }
    }
    var heads = new ArrayList<CheckpointView>();
    for (StrandKind strand : StrandKind.values()) {
      checkpoints.latest(network.id(), strand).map(CheckpointView::of).ifPresent(heads::add);
    }
    return new TransparencyView(
        network.code(),
        network.name(),
        asOf,
        month.toString(),
        reports.timeZone(network).getId(),
        strands,
        reserve,
        heads,
        keys.published(network.id()).stream().map(NetworkKeyView::of).toList());
  }
}
