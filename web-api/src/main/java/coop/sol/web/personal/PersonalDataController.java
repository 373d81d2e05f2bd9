package coop.sol.web.personal;

import coop.sol.web.auth.Caller;
import coop.sol.web.csv.SpreadsheetCsv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me/data.json} and {@code .csv}: everything the ledger holds of the caller. */
@RestController
@Tag(name = "Comptes", description = "Profil, comptes et soldes")
class PersonalDataController {
  private final PersonalData data;

  PersonalDataController(PersonalData data) {
    this.data = data;
  }

  @GetMapping(path = "/api/v1/me/data.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mes données (JSON)",
      description =
          "Le profil, les rôles, les comptes tenus dans chaque réseau avec leurs soldes, et tous"
              + " leurs virements. Tout utilisateur, pour lui-même.")
  @ApiResponse(
      responseCode = "200",
      description = "Les données, en pièce jointe",
      headers =
          @Header(
              name = "Content-Disposition",
              description = "attachment; filename=\"sol-mes-donnees.json\"",
              schema = @Schema(type = "string")))
  ResponseEntity<PersonalData.Export> json(Caller caller) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("sol-mes-donnees.json"))
        .body(data.of(caller));
  }

  @GetMapping(path = "/api/v1/me/data.csv", produces = "text/csv")
  @Operation(
      summary = "Mes données (CSV)",
      description =
          "Les mêmes données en CSV (UTF-8) : une ligne par fait, la colonne record dit laquelle"
              + " (profile, role, account, transfer). En français (par défaut) : séparateur « ; »,"
              + " virgule décimale et BOM, comme l'attend un tableur français ; en anglais"
              + " (lang=en ou Accept-Language) : RFC 4180, virgules et point décimal.")
  @ApiResponse(
      responseCode = "200",
      description = "Les données, en pièce jointe",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      headers =
          @Header(
              name = "Content-Disposition",
              description = "attachment; filename=\"sol-mes-donnees.csv\"",
              schema = @Schema(type = "string")))
  ResponseEntity<byte[]> csv(
      @Schema(allowableValues = {"fr", "en"}) @RequestParam(required = false) String lang,
      Locale locale,
      Caller caller) {
    Locale language =
        "en".equals(lang) ? Locale.ENGLISH : "fr".equals(lang) ? Locale.FRENCH : locale;
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("sol-mes-donnees.csv"))
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(data.csv(data.of(caller), SpreadsheetCsv.forLanguage(language)));
  }

  private static String attachment(String name) {
    return ContentDisposition.attachment().filename(name).build().toString();
  }
}
