package coop.sol.web.statement;

import coop.sol.web.auth.Caller;
import coop.sol.web.csv.SpreadsheetCsv;
import coop.sol.web.input.Dates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/accounts/{id}/statement.pdf} and {@code .csv}: an account's monthly statement
 * (relevé), for whoever may read the account (its holder, its network's coordinators).
 */
@RestController
@Tag(name = "Comptes")
class StatementController {
  private static final String CSV = "text/csv";

  private final Statements statements;
  private final StatementFiles files;

  StatementController(Statements statements, StatementFiles files) {
    this.statements = statements;
    this.files = files;
  }

  @GetMapping(
      path = "/api/v1/accounts/{id}/statement.pdf",
      produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "Le relevé mensuel d'un compte (PDF)",
      description =
          "Solde au début du mois, chaque opération du mois en mots (date, ce que c'était, avec"
              + " qui, montant), totaux et solde à la fin du mois (dans le fuseau du réseau)."
              + " Pour le titulaire du compte et les coordinateurs de son réseau ; 404 pour les"
              + " autres. Français par défaut, anglais avec lang=en ou Accept-Language.")
  @ApiResponse(
      responseCode = "200",
      description = "PDF",
      headers =
          @Header(
              name = HttpHeaders.CONTENT_DISPOSITION,
              description = "inline; filename=\"sol-releve-<compte>-<mois>.pdf\"",
              schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> pdf(
      @PathVariable long id,
      @Parameter(description = "Le mois, AAAA-MM", example = "2026-11") @RequestParam String month,
      @Schema(allowableValues = {"fr", "en"}) @RequestParam(required = false) String lang,
      Locale locale,
      Caller caller) {
    Statement s = statements.of(caller, id, Dates.month("month", month));
    Locale language = language(lang, locale);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(name(s, "pdf")).build().toString())
        .body(files.pdf(s, statements.zone(), language));
  }

  @GetMapping(path = "/api/v1/accounts/{id}/statement.csv", produces = CSV)
  @Operation(
      summary = "Le relevé mensuel d'un compte (CSV)",
      description =
          "Une ligne d'ouverture, une par opération (date ISO 8601, numéro du virement,"
              + " opération en mots, avec qui, référence, montant signé, solde après), une de"
              + " clôture. En français (par défaut) : séparateur « ; », virgule décimale et BOM"
              + " UTF-8, comme l'attend un tableur français ; en anglais : « , » et point."
              + " separator=comma|semicolon et bom=true|false forcent la forme.")
  @ApiResponse(
      responseCode = "200",
      description = "CSV",
      headers =
          @Header(
              name = HttpHeaders.CONTENT_DISPOSITION,
              description = "attachment; filename=\"sol-releve-<compte>-<mois>.csv\"",
              schema = @Schema(type = "string")),
      content = @Content(mediaType = CSV, schema = @Schema(type = "string")))
  ResponseEntity<byte[]> csv(
      @PathVariable long id,
      @Parameter(description = "Le mois, AAAA-MM", example = "2026-11") @RequestParam String month,
      @Schema(allowableValues = {"fr", "en"}) @RequestParam(required = false) String lang,
      @Schema(allowableValues = {"comma", "semicolon"}) @RequestParam(required = false)
          String separator,
      @RequestParam(required = false) Boolean bom,
      Locale locale,
      Caller caller) {
    YearMonth period = Dates.month("month", month);
    Locale language = language(lang, locale);
    SpreadsheetCsv form = SpreadsheetCsv.of(language, semicolon(separator), bom);
    Statement s = statements.of(caller, id, period);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name(s, "csv")).build().toString())
        .body(files.csv(s, statements.zone(), language, form));
  }

  /** {@code semicolon} or {@code comma}; anything else, the language's own. */
  static Boolean semicolon(String separator) {
    if ("semicolon".equals(separator)) {
      return Boolean.TRUE;
    }
    return "comma".equals(separator) ? Boolean.FALSE : null;
  }

  private static Locale language(String lang, Locale locale) {
    return "en".equals(lang) ? Locale.ENGLISH : "fr".equals(lang) ? Locale.FRENCH : locale;
  }

  private static String name(Statement s, String extension) {
    return "sol-releve-" + s.accountId() + "-" + s.month() + "." + extension;
  }
}
