package coop.sol.web.refund;

import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/transfers/{id}/refunds}. */
@RestController
@Tag(name = "Virements")
class RefundController {
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String PROBLEM = "#/components/schemas/Problem";

  private final Refunds refunds;
  private final NetworkDirectory networks;

  RefundController(Refunds refunds, NetworkDirectory networks) {
    this.refunds = refunds;
    this.networks = networks;
  }

  /**
   * @param amount what to refund; absent, the whole payment
   * @param memo shown to both sides, at most 500 characters
   */
  @Schema(name = "NewRefund")
  record NewRefund(
      @Schema(
              nullable = true,
              description =
                  "Montant à rembourser (chaîne décimale) ; absent : tout ce qui reste du"
                      + " paiement ; vide : refusé (REFUND_AMOUNT_REQUIRED)",
              example = "5.00",
              pattern = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$")
          String amount,
      @Size(max = 500) @Schema(nullable = true) String memo) {}

  @PostMapping(
      path = "/api/v1/transfers/{id}/refunds",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Rembourser un paiement reçu",
      description =
          "Par le commerçant qui a reçu le paiement, ou l'un de ses caissiers dans la limite du"
              + " plafond que le commerçant lui a fixé (REFUND_LIMIT_EXCEEDED). Le remboursement"
              + " renverse le paiement : le total remboursé ne dépasse jamais le paiement"
              + " (REVERSAL_EXCEEDS_ORIGINAL). Un montant vide ne vaut jamais « tout »"
              + " (REFUND_AMOUNT_REQUIRED) ; le refus REFUND_LIMIT_EXCEEDED porte le plafond du"
              + " caissier (limit), absent s'il n'en a aucun. Idempotency-Key comme pour les"
              + " paiements. Inscrit au journal d'audit.")
  @ApiResponse(
      responseCode = "201",
      description = "Remboursé",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/transfers/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "200",
      description = "Rejeu : ce remboursement avait déjà été fait avec cette clé",
      headers =
          @Header(
              name = "Idempotent-Replayed",
              description = "true",
              schema = @Schema(type = "string", allowableValues = "true")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = TransferView.class)))
  @ApiResponse(
      responseCode = "409",
      description = "Idempotency-Key déjà utilisée pour un autre virement",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "422",
      description = "Pas un paiement, ou refus du grand livre (REVERSAL_EXCEEDS_ORIGINAL...)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<TransferView> refund(
      @PathVariable long id,
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody NewRefund request,
      Caller caller,
      HttpServletRequest http) {
    Refunds.Refunded refunded =
        refunds.refund(
            caller, id, idempotencyKey, request.amount(), request.memo(), ClientAddress.of(http));
    Transfer transfer = refunded.transfer();
    TransferView view = TransferView.of(transfer, networks.network(transfer.network()));
    if (refunded.replayed()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id().value()))
        .body(view);
  }
}
