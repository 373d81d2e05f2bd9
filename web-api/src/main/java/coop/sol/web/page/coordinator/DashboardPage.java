package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.Aggregator;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CirculationReports;
import coop.sol.ledger.report.CountAmount;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.ledger.report.ReportRequest;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /coordinator}: the circulation report of a strand over a day, a month or a year, as the
 * four charts of {@code /api/v1/reports/charts/{chart}.png} (the same query) each followed by its
 * figures in a table — the charts' text alternative, computed with the same report service — and
 * the links to download the report.
 */
@Hidden
@Controller
class DashboardPage {
  static final List<String> CHARTS = List.of("circulation", "flows", "top-merchants", "coverage");
  static final List<String> PERIODS = List.of("day", "month", "year");

  private final CirculationReports reports;
  private final Aggregator aggregator;
  private final Operations operations;
  private final Coordination coordination;
  private final coop.sol.ledger.card.Cards cards;

  private final Clock clock;

  DashboardPage(
      CirculationReports reports,
      Aggregator aggregator,
      Operations operations,
      Coordination coordination,
      coop.sol.ledger.card.Cards cards,
      Clock clock) {
    this.clock = clock;
    this.cards = cards;
    this.reports = reports;
    this.aggregator = aggregator;
    this.operations = operations;
    this.coordination = coordination;
  }

  /** A line of a chart's table: what, how many movements (or null), how much. */
  record Figure(String labelKey, String label, Long count, String value) {}

  /** A chart: its image's address, its title's key and its figures. */
  record Chart(String name, String src, String titleKey, List<Figure> figures) {}

  /** A download of the report. */
  record Download(String labelKey, String href, String type) {}

  @GetMapping("/coordinator")
  String dashboard(
      @RequestParam(defaultValue = "COOPERATION") String strand,
      @RequestParam(defaultValue = "month") String period,
      @RequestParam(defaultValue = "") String date,
      Caller caller,
      Locale locale,
      Model model) {
    NetworkId networkId = coordination.network(caller);
    Network network = coordination.details(networkId);
    StrandKind kind = Coordination.strand(strand, Coordination.SOL_STRANDS);
    String granularity = PERIODS.contains(period) ? period : "month";
    ZoneId zone = aggregator.timeZone(networkId);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    List<FormError> errors = new ArrayList<>();
    ReportPeriod reportPeriod;
    String dateText = fitted(granularity, date.strip(), today);
    try {
      reportPeriod = period(granularity, dateText, today);
    } catch (ApiProblemException e) {
      // INVALID_PERIOD: not a date, or outside the years the installation takes
      errors.add(new FormError("date", "coordinator.dashboard.date.invalid"));
      reportPeriod = period(granularity, "", today);
    }
    if (dateText.isEmpty() || !errors.isEmpty()) {
      dateText = defaultDate(granularity, today);
    }
    CirculationReports.WithDays computed =
        reports.withDays(
            new ReportRequest(
                networkId,
                kind,
                reportPeriod,
                euroPerSol(networkId, reportPeriod, zone),
                ReportRequest.DEFAULT_TOP));
    CirculationReport report = computed.report();
    Map<String, String> query =
        Map.of(
            "strand", kind.name(),
            "period", granularity,
            "date", dateText,
            "network", network.code(),
            "lang", locale.getLanguage());
    List<Chart> charts = new ArrayList<>();
    for (String chart : CHARTS) {
      charts.add(
          new Chart(
              chart,
              url("/api/v1/reports/charts/" + chart + ".png", query),
              "report.chart." + chart + ".title",
              figures(chart, report, computed, locale)));
    }
    model.addAttribute("charts", charts);
    model.addAttribute("downloads", downloads(query));
    model.addAttribute("strand", kind.name());
    model.addAttribute("strands", Coordination.SOL_STRANDS);
    model.addAttribute("period", granularity);
    model.addAttribute("periods", PERIODS);
    model.addAttribute("date", dateText);
    model.addAttribute("errors", errors);
    model.addAttribute(
        "periodText",
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(reportPeriod.from())
            + " – "
            + DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(reportPeriod.to().minusDays(1)));
    model.addAttribute("networkName", network.name());
    model.addAttribute(
        "cardCounts",
        coop.sol.web.report.CardCounts.of(
            cards, networkId, reportPeriod.from(), reportPeriod.to(), zone));
    return "coordinator/dashboard";
  }

  /** The report's downloads, with the same query as the charts. */
  static List<Download> downloads(Map<String, String> query) {
    return List.of(
        new Download(
            "coordinator.download.csv", url("/api/v1/reports/circulation.csv", query), "CSV"),
        new Download(
            "coordinator.download.pdf", url("/api/v1/reports/circulation.pdf", query), "PDF"),
        new Download(
            "coordinator.download.json", url("/api/v1/reports/circulation", query), "JSON"));
  }

  static String url(String path, Map<String, String> query) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
    for (String name : List.of("strand", "period", "date", "network", "lang")) {
      builder.queryParam(name, query.get(name));
    }
    return builder.encode().build().toUriString();
  }

  static ReportPeriod period(String granularity, String date, LocalDate today) {
    return switch (granularity) {
      case "day" -> ReportPeriod.day(date.isEmpty() ? today : Dates.day("date", date));
      case "year" ->
          ReportPeriod.year(date.isEmpty() ? Year.from(today) : Dates.year("date", date));
      default ->
          ReportPeriod.month(date.isEmpty() ? YearMonth.from(today) : Dates.month("date", date));
    };
  }

  /**
   * The date as the period asks for it, when the form still holds another period's: a month
   * ("2026-12") chosen as a day becomes its first day (today when it is the current month), a day
   * chosen as a month its month, either chosen as a year its year. Anything else is left for the
   * parser to judge.
   */
  static String fitted(String granularity, String date, LocalDate today) {
    boolean isDay = date.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    boolean isMonth = date.matches("[0-9]{4}-[0-9]{2}");
    boolean isYear = date.matches("[0-9]{4}");
    return switch (granularity) {
      case "day" -> {
        if (isMonth) {
          yield date.equals(YearMonth.from(today).toString()) ? today.toString() : date + "-01";
        }
        yield isYear
            ? (date.equals(Year.from(today).toString()) ? today.toString() : date + "-01-01")
            : date;
      }
      case "year" -> isDay || isMonth ? date.substring(0, 4) : date;
      default -> {
        if (isDay) {
          yield date.substring(0, 7);
        }
        yield isYear
            ? (date.equals(Year.from(today).toString())
                ? YearMonth.from(today).toString()
                : date + "-01")
            : date;
      }
    };
  }

  static String defaultDate(String granularity, LocalDate today) {
    return switch (granularity) {
      case "day" -> today.toString();
      case "year" -> Year.from(today).toString();
      default -> YearMonth.from(today).toString();
    };
  }

  /** The euro rate at the period's end, as the report service takes it (1 when none is set). */
  private BigDecimal euroPerSol(NetworkId network, ReportPeriod period, ZoneId zone) {
    Instant end = period.to().atStartOfDay(zone).toInstant();
    return operations
        .settings()
        .rates(network, end)
        .or(() -> operations.settings().rates(network))
        .map(Versioned::value)
        .map(NetworkRates::euroRate)
        .map(r -> r.eurosPerSol())
        .orElse(BigDecimal.ONE);
  }

  /** A chart's figures: what it draws, as text. */
  private static List<Figure> figures(
      String chart, CirculationReport r, CirculationReports.WithDays computed, Locale locale) {
    int scale = r.header().scale();
    int euroScale = r.header().euroScale();
    List<Figure> figures = new ArrayList<>();
    switch (chart) {
      case "circulation" -> {
        figures.add(
            amount("report.figure.circulation.atStart", r.circulation().atStart(), scale, locale));
        figures.add(
            amount("report.figure.circulation.atEnd", r.circulation().atEnd(), scale, locale));
        if (r.circulation().average() != null) {
          figures.add(
              amount(
                  "report.figure.circulation.average", r.circulation().average(), scale, locale));
        }
        for (Map.Entry<LocalDate, Long> day : computed.circulationByDay().entrySet()) {
          figures.add(
              new Figure(
                  null,
                  DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                      .withLocale(locale)
                      .format(day.getKey()),
                  null,
                  Amounts.format(day.getValue(), scale, locale)));
        }
      }
      case "flows" -> {
        var split = r.payments().split();
        figures.add(
            counted(
                "report.figure.split.memberToMerchant", split.memberToMerchant(), scale, locale));
        figures.add(
            counted(
                "report.figure.split.merchantToMerchant",
                split.merchantToMerchant(),
                scale,
                locale));
        figures.add(
            counted("report.figure.split.merchantToEuros", split.merchantToEuros(), scale, locale));
        figures.add(counted("report.figure.split.other", split.other(), scale, locale));
      }
      case "top-merchants" -> {
        for (var m : r.payments().topByReceived()) {
          String name = m.name() == null || m.name().isBlank() ? m.ownerRef() : m.name();
          figures.add(
              new Figure(
                  null,
                  name,
                  m.amount().count(),
                  Amounts.format(m.amount().amount(), scale, locale)));
        }
      }
      default -> {
        if (r.reserve().isPresent()) {
          var reserve = r.reserve().get();
          BigDecimal circulationEuros =
              BigDecimal.valueOf(r.circulation().atEnd(), scale)
                  .multiply(r.header().euroPerSol())
                  .setScale(euroScale, RoundingMode.DOWN);
          figures.add(
              new Figure(
                  "report.chart.coverage.reserve",
                  null,
                  null,
                  Amounts.format(reserve.atEnd(), euroScale, locale) + " €"));
          figures.add(
              new Figure(
                  "report.chart.coverage.circulation",
                  null,
                  null,
                  Amounts.localized(circulationEuros.toPlainString(), locale) + " €"));
          figures.add(
              new Figure(
                  "report.figure.reserve.coverageAtEnd",
                  null,
                  null,
                  reserve.coverageAtEnd() == null
                      ? "—"
                      : percent(reserve.coverageAtEnd(), locale)));
        }
      }
    }
    return figures;
  }

  private static Figure amount(String key, long minorUnits, int scale, Locale locale) {
    return new Figure(key, null, null, Amounts.format(minorUnits, scale, locale));
  }

  private static Figure counted(String key, CountAmount figure, int scale, Locale locale) {
    return new Figure(key, null, figure.count(), Amounts.format(figure.amount(), scale, locale));
  }

  /** A ratio as a percentage with two decimals: 0.9523 → "95,23 %". */
  static String percent(BigDecimal ratio, Locale locale) {
    String number =
        Amounts.localized(
            ratio.movePointRight(2).setScale(2, RoundingMode.DOWN).toPlainString(), locale);
    return "fr".equals(locale.getLanguage()) ? number + " %" : number + "%";
  }
}
