package coop.sol.web.receipt;

import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** {@code GET /api/v1/transfers/{id}/receipt.pdf}: a transfer's receipt, for its two sides. */
@RestController
@Tag(name = "Virements")
class ReceiptController {
  private final Receipts receipts;
  private final ReceiptPdf pdf;

  ReceiptController(Receipts receipts, ReceiptPdf pdf) {
    this.receipts = receipts;
    this.pdf = pdf;
  }

  @GetMapping(
      path = "/api/v1/transfers/{id}/receipt.pdf",
      produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "Le reçu d'un virement (PDF)",
      description =
          "Pour le payeur et le bénéficiaire seulement (et qui agit pour eux à la caisse : les"
              + " caissiers du commerçant payé, l'agent du comptoir pour les SOL qu'il a vendus) ;"
              + " 404 pour tous les autres, coordinateurs compris. L'opération en mots, les deux"
              + " parties par leur nom, le montant, la date ; pour une vente au comptoir, les euros"
              + " payés, les SOL et le bonus. Français par défaut, anglais avec lang=en.")
  @ApiResponse(
      responseCode = "200",
      description = "PDF",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> receipt(
      @PathVariable long id,
      @Schema(allowableValues = {"fr", "en"}) @RequestParam(required = false) String lang,
      Locale locale,
      Caller caller) {
    Receipt receipt =
        receipts.find(caller, id).orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Locale language =
        "en".equals(lang) ? Locale.ENGLISH : "fr".equals(lang) ? Locale.FRENCH : locale;
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename("sol-recu-" + receipt.transferId() + ".pdf")
                .build()
                .toString())
        .body(pdf.write(receipt, language));
  }
}
