package coop.sol.web.payment;

import static coop.sol.web.payment.ApiDocs.PROBLEM;
import static coop.sol.web.payment.ApiDocs.PROBLEM_JSON;

import coop.sol.ledger.payment.PayToken;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/pay-tokens}: a member shows a capped single-use code, a till charges it once. */
@RestController
@RequestMapping(path = "/api/v1/pay-tokens")
@Tag(
    name = "Jetons de paiement",
    description = "QR code à usage unique et plafonné présenté par l'adhérent")
class PayTokenController {
  private final PayTokens tokens;
  private final PaymentViews views;
  private final NetworkDirectory networks;

  PayTokenController(PayTokens tokens, PaymentViews views, NetworkDirectory networks) {
    this.tokens = tokens;
    this.views = views;
    this.networks = networks;
  }

  /**
   * @param memberAccountId the account the merchant will debit: one the caller holds
   * @param cap the most the merchant may charge
   * @param expiresInSeconds how long the token may be charged: 1 to 900 seconds, 120 by default
   */
  @Schema(name = "NewPayToken")
  record NewPayToken(
      @NotNull Long memberAccountId,
      @Schema(
              description = "Plafond en chaîne décimale",
              example = "20.00",
              pattern = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String cap,
      @Min(1) @Max(900) @Schema(nullable = true, defaultValue = "120") Integer expiresInSeconds) {}

  /**
   * @param code the scanned text: the link or its bare payload
   * @param merchantAccountId the account to credit: one the caller takes payments for
   * @param amount what to charge, at most the token's cap
   * @param scannedAt for a charge taken offline and sent later: when the till checked the token
   */
  @Schema(name = "PayTokenRedemption")
  record PayTokenRedemption(
      @NotNull @Size(min = 1, max = 1024) String code,
      @NotNull Long merchantAccountId,
      @Schema(
              description = "Montant à encaisser, chaîne décimale, au plus le plafond",
              example = "12.50",
              pattern = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String amount,
      @Schema(
              nullable = true,
              description =
                  "Encaissement pris hors ligne : quand la caisse a vérifié le jeton (24 h au plus"
                      + " avant l'envoi) ; son expiration est jugée à cet instant")
          Instant scannedAt) {}

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Créer un jeton de paiement",
      description =
          "Un code signé par le réseau, à montrer en QR code à la caisse : le commerçant pourra"
              + " débiter une fois votre compte, d'au plus le plafond, avant l'expiration.")
  @ApiResponse(
      responseCode = "201",
      description = "Jeton créé",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/pay-tokens/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "422",
      description = "Compte introuvable (DEBIT_ACCOUNT_NOT_FOUND)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<PayTokenView> create(@Valid @RequestBody NewPayToken request, Caller caller) {
    PayToken token =
        tokens.issue(
            caller,
            request.memberAccountId(),
            request.cap(),
            request.expiresInSeconds() == null
                ? PayTokens.DEFAULT_EXPIRY_SECONDS
                : request.expiresInSeconds());
    return ResponseEntity.created(URI.create("/api/v1/pay-tokens/" + token.id()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(views.of(token));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Un jeton de paiement",
      description =
          "Son état (OPEN, USED, EXPIRED) et, une fois utilisé, le montant encaissé. Visible du"
              + " titulaire du compte et des coordinateurs du réseau ; pour tout autre, 404.")
  PayTokenView get(@PathVariable String id, Caller caller) {
    return views.of(visible(caller, id));
  }

  @GetMapping(path = "/{id}/qr.png", produces = QrImages.PNG)
  @Operation(
      summary = "Le jeton en QR code (PNG)",
      description = "Avec le plafond et le titulaire.")
  @ApiResponse(
      responseCode = "200",
      description = "Image PNG",
      content =
          @Content(mediaType = QrImages.PNG, schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> png(@PathVariable String id, Caller caller) {
    PayToken token = visible(caller, id);
    return QrImages.png(views.link(token.code()), views.caption(token));
  }

  @GetMapping(path = "/{id}/qr.svg", produces = QrImages.SVG)
  @Operation(
      summary = "Le jeton en QR code (SVG)",
      description = "Avec le plafond et le titulaire.")
  @ApiResponse(
      responseCode = "200",
      description = "Image SVG",
      content = @Content(mediaType = QrImages.SVG, schema = @Schema(type = "string")))
  ResponseEntity<String> svg(@PathVariable String id, Caller caller) {
    PayToken token = visible(caller, id);
    return QrImages.svg(views.link(token.code()), views.caption(token));
  }

  @PostMapping(
      path = "/redeem",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Encaisser un jeton de paiement",
      description =
          "La caisse (le commerçant ou l'un de ses caissiers) débite le compte du jeton d'au plus"
              + " son plafond. Le code est vérifié comme une caisse le fait hors ligne (signature,"
              + " réseau, expiration : PAYMENT_CODE_*). Un jeton ne sert qu'une fois, même si"
              + " plusieurs caisses essaient en même temps : les autres reçoivent 409"
              + " PAY_TOKEN_ALREADY_USED ; le nouvel essai de la même caisse avec la même"
              + " Idempotency-Key rend l'encaissement d'origine (200).")
  @ApiResponse(
      responseCode = "201",
      description = "Encaissé",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/transfers/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "200",
      description = "Rejeu : encaissé plus tôt avec cette clé",
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
      description = "Jeton déjà utilisé (PAY_TOKEN_ALREADY_USED)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "422",
      description =
          "Code refusé (PAYMENT_CODE_BAD_SIGNATURE, PAYMENT_CODE_EXPIRED...), plafond dépassé,"
              + " ou refus du grand livre (INSUFFICIENT_FUNDS...)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<TransferView> redeem(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody PayTokenRedemption redemption,
      Caller caller) {
    PayTokens.Charged charged =
        tokens.redeem(
            caller,
            idempotencyKey,
            redemption.code(),
            redemption.merchantAccountId(),
            redemption.amount(),
            redemption.scannedAt());
    Transfer transfer = charged.transfer();
    TransferView view = TransferView.of(transfer, networks.network(transfer.network()));
    if (charged.replayed()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id().value()))
        .body(view);
  }

  private PayToken visible(Caller caller, String id) {
    return tokens
        .visible(caller, id)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }
}
