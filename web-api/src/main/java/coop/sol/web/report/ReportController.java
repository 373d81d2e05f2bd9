package coop.sol.web.report;

import coop.sol.ledger.network.Network;
import coop.sol.web.auth.Caller;
import coop.sol.web.csv.SpreadsheetCsv;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reports}: the circulation report of a network's strand over a period, for its
 * coordinators, as JSON and as chart images. Every form takes the same query parameters ({@link
 * ReportQuery}).
 */
@RestController
@RequestMapping(path = "/api/v1/reports")
@Tag(
    name = "Rapports",
    description =
        "Rapport de circulation des coordinateurs : JSON, CSV, PDF, graphiques, version signée")
class ReportController {
  static final String PNG = "image/png";
  static final String CSV = "text/csv";

  private final ReportScope scope;
  private final ReportService service;
  private final ReportMessages messages;
  private final coop.sol.ledger.card.Cards cards;

  private final Clock clock;

  ReportController(
      ReportScope scope,
      ReportService service,
      ReportMessages messages,
      coop.sol.ledger.card.Cards cards,
      Clock clock) {
    this.clock = clock;
    this.cards = cards;
    this.scope = scope;
    this.service = service;
    this.messages = messages;
  }

  /** The query parameters every form of the report takes, as one bound object. */
  record Params(
      @Parameter(
              description = "Volet SOL (défaut COOPERATION)",
              schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          String strand,
      @Parameter(
              description = "day, month (défaut), year ou custom (avec from et to)",
              schema = @Schema(allowableValues = {"day", "month", "year", "custom"}))
          String period,
      @Parameter(
              description =
                  "Le jour (AAAA-MM-JJ), le mois (AAAA-MM) ou l'année (AAAA) ; défaut : aujourd'hui"
                      + " dans le fuseau du réseau",
              example = "2026-03")
          String date,
      @Parameter(description = "Période custom : premier jour, inclus", example = "2026-01-01")
          String from,
      @Parameter(
              description = "Période custom : jour suivant le dernier, exclu",
              example = "2026-04-01")
          String to,
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs") String network,
      @Parameter(
              description = "Langue des libellés : fr (défaut) ou en ; sinon Accept-Language",
              schema = @Schema(allowableValues = {"fr", "en"}))
          String lang) {}

  ReportService.Computed compute(Caller caller, Params p, String acceptLanguage) {
    Network network = scope.coordinated(caller, p.network());
    ReportQuery query =
        ReportQuery.parse(
            p.strand(),
            p.period(),
            p.date(),
            p.from(),
            p.to(),
            p.lang(),
            acceptLanguage,
            clock.withZone(service.timeZone(network)));
    return service.compute(network, query);
  }

  @GetMapping(path = "/circulation", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Rapport de circulation (JSON)",
      description =
          "Circulation, réserve et couverture, émissions, reconversion, fonte, paiements et"
              + " vélocité, répartition des flux, classements de commerçants, mouvements par code,"
              + " et la circulation de fin de journée (le texte des graphiques). Exact et à jour :"
              + " calculé sur les agrégats et les dernières lignes du journal. Montants en chaînes"
              + " décimales. Coordinateurs du réseau.")
  CirculationReportView circulation(
      @org.springdoc.core.annotations.ParameterObject Params params,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      Caller caller) {
    return CirculationReportView.of(compute(caller, params, acceptLanguage));
  }

  @GetMapping(path = "/circulation.csv", produces = CSV)
  @Operation(
      summary = "Rapport de circulation (CSV)",
      description =
          "Les chiffres du rapport JSON, un par ligne : key (nom stable), section, figure (libellé"
              + " dans la langue du rapport), count, value, unit (SOL, EUR, ratio, days, accounts)."
              + " UTF-8. Par défaut, la forme du tableur de la langue du rapport : en français,"
              + " séparateur « ; », virgule décimale et marque d'ordre d'octets (BOM) en tête ; en"
              + " anglais, RFC 4180 (« , », point décimal, sans BOM). separator=comma|semicolon et"
              + " bom=true|false forcent la forme. Coordinateurs du réseau.")
  @ApiResponse(
      responseCode = "200",
      description = "CSV",
      content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
  ResponseEntity<byte[]> csv(
      @org.springdoc.core.annotations.ParameterObject Params params,
      @Parameter(
              description =
                  "comma (point décimal) ou semicolon (virgule décimale en français) ; par"
                      + " défaut, celui de la langue",
              schema = @Schema(allowableValues = {"comma", "semicolon"}))
          @RequestParam(required = false)
          String separator,
      @Parameter(
              description =
                  "Marque d'ordre d'octets UTF-8 en tête (pour Excel) ; par défaut, en français")
          @RequestParam(required = false)
          Boolean bom,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      Caller caller) {
    Boolean semicolon;
    if (separator == null || separator.isBlank()) {
      semicolon = null;
    } else if (separator.equals("comma")) {
      semicolon = false;
    } else if (separator.equals("semicolon")) {
      semicolon = true;
    } else {
      throw ReportQuery.invalid("separator : comma ou semicolon.");
    }
    ReportService.Computed computed = compute(caller, params, acceptLanguage);
    SpreadsheetCsv form = SpreadsheetCsv.of(computed.query().locale(), semicolon, bom);
    byte[] csv =
        ReportCsv.write(
            computed, messages.in(computed.query().locale()), form.delimiter() == ';', form.bom());
    return download(csv, MediaType.parseMediaType(CSV + ";charset=UTF-8"), computed, "csv");
  }

  @GetMapping(path = "/circulation.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "Rapport de circulation pour l'assemblée générale (PDF)",
      description =
          "Chaque chiffre par section, puis les quatre graphiques (circulation, flux, commerçants,"
              + " couverture). Français par défaut, anglais avec lang=en ou Accept-Language."
              + " Coordinateurs du réseau.")
  @ApiResponse(
      responseCode = "200",
      description = "PDF",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> pdf(
      @org.springdoc.core.annotations.ParameterObject Params params,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      Caller caller) {
    ReportService.Computed computed = compute(caller, params, acceptLanguage);
    byte[] pdf =
        ReportPdf.write(
            computed, messages.in(computed.query().locale()), CardCounts.of(cards, computed));
    return download(pdf, MediaType.APPLICATION_PDF, computed, "pdf");
  }

  private static ResponseEntity<byte[]> download(
      byte[] body, MediaType type, ReportService.Computed computed, String extension) {
    var h = computed.report().header();
    String file =
        "sol-rapport-"
            + h.networkCode()
            + "-"
            + h.strand().name().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + h.period().from()
            + "_"
            + h.period().to()
            + "."
            + extension;
    return ResponseEntity.ok()
        .contentType(type)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_LANGUAGE, computed.query().locale().getLanguage())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            org.springframework.http.ContentDisposition.attachment()
                .filename(file)
                .build()
                .toString())
        .body(body);
  }

  @GetMapping(path = "/charts/{chart}.png", produces = PNG)
  @Operation(
      summary = "Un graphique du rapport (PNG 800×450)",
      description =
          "circulation : circulation en fin de journée sur la période ; flows : répartition des"
              + " flux ; top-merchants : commerçants qui reçoivent le plus ; coverage : euros"
              + " détenus face à la circulation en euros, et le taux de couverture. Mêmes"
              + " paramètres que le rapport JSON, dont les chiffres sont l'alternative textuelle"
              + " de chaque image.")
  @ApiResponse(
      responseCode = "200",
      description = "Image PNG",
      content = @Content(mediaType = PNG, schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> chart(
      @Parameter(
              schema =
                  @Schema(allowableValues = {"circulation", "flows", "top-merchants", "coverage"}))
          @PathVariable
          String chart,
      @org.springdoc.core.annotations.ParameterObject Params params,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      Caller caller) {
    ReportCharts.Chart which =
        ReportCharts.Chart.of(chart)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    ReportService.Computed computed = compute(caller, params, acceptLanguage);
    byte[] png =
        ReportCharts.png(
            ReportCharts.chart(which, computed, messages.in(computed.query().locale())),
            ReportCharts.WIDTH,
            ReportCharts.HEIGHT);
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_LANGUAGE, computed.query().locale().getLanguage())
        .body(png);
  }
}
