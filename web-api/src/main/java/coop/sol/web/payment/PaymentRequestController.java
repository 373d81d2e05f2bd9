package coop.sol.web.payment;

import static coop.sol.web.payment.ApiDocs.PROBLEM;
import static coop.sol.web.payment.ApiDocs.PROBLEM_JSON;

import coop.sol.ledger.payment.PaymentRequest;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/payment-requests}: the till asks for an amount, a member pays it once. */
@RestController
@RequestMapping(path = "/api/v1/payment-requests")
@Tag(
    name = "Demandes de paiement",
    description = "QR code à usage unique présenté par la caisse d'un commerçant")
class PaymentRequestController {
  private final PaymentRequests requests;
  private final PaymentViews views;
  private final PaymentRequestEvents events;
  private final NetworkDirectory networks;

  PaymentRequestController(
      PaymentRequests requests,
      PaymentViews views,
      PaymentRequestEvents events,
      NetworkDirectory networks) {
    this.requests = requests;
    this.views = views;
    this.events = events;
    this.networks = networks;
  }

  /**
   * @param merchantAccountId the merchant account to credit: one the caller takes payments for
   * @param reference the merchant's text shown to the payer (ticket, table): at most 40 UTF-8 bytes
   * @param expiresInSeconds how long the request may be paid: 1 to 3600 seconds, 300 by default
   */
  @Schema(name = "NewPaymentRequest")
  record NewPaymentRequest(
      @NotNull Long merchantAccountId,
      @Schema(
              description = "Montant en chaîne décimale",
              example = "12.50",
              pattern = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String amount,
      @Schema(nullable = true, example = "Ticket 0042") String reference,
      @Min(1) @Max(3600) @Schema(nullable = true, defaultValue = "300") Integer expiresInSeconds) {}

  /**
   * Where the money comes from: one of the two.
   *
   * @param debitAccountId an account the caller holds, of the request's strand
   * @param vouchers true to pay with the caller's earmarked vouchers (SOL Affecté) valid at this
   *     merchant, earliest expiry first
   */
  @Schema(name = "PaymentRequestPayment")
  record PaymentRequestPayment(
      @Schema(nullable = true, description = "Compte à débiter, ou absent avec vouchers")
          Long debitAccountId,
      @Schema(
              nullable = true,
              description =
                  "true : payer avec vos SOL Affecté valables chez ce commerçant (la plus proche"
                      + " expiration d'abord)")
          Boolean vouchers) {}

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Demander un paiement",
      description =
          "La caisse (le commerçant ou l'un de ses caissiers) crée une demande à usage unique pour"
              + " un montant : un code signé par le réseau, à montrer en QR code (link, ou"
              + " qr.png / qr.svg). Elle expire après expiresInSeconds.")
  @ApiResponse(
      responseCode = "201",
      description = "Demande créée",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/payment-requests/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "422",
      description = "Compte commerçant introuvable ou pas le vôtre (MERCHANT_ACCOUNT_NOT_FOUND)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<PaymentRequestView> create(
      @Valid @RequestBody NewPaymentRequest request, Caller caller) {
    PaymentRequest created =
        requests.create(
            caller,
            request.merchantAccountId(),
            request.amount(),
            request.reference(),
            request.expiresInSeconds() == null
                ? PaymentRequests.DEFAULT_EXPIRY_SECONDS
                : request.expiresInSeconds());
    return ResponseEntity.created(URI.create("/api/v1/payment-requests/" + created.id()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(views.of(created));
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Une demande de paiement",
      description =
          "Son état (OPEN, PAID, EXPIRED, CANCELLED). Visible de quiconque a un rôle dans son"
              + " réseau et connaît son identifiant, qui est le nonce aléatoire du code : le"
              + " connaître, c'est avoir vu le QR code. Pour tout autre, 404.")
  PaymentRequestView get(@PathVariable String id, Caller caller) {
    return views.of(visible(caller, id));
  }

  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Suivre une demande en direct",
      description =
          "Événements serveur (text/event-stream) : un événement « status » avec la demande (comme"
              + " GET) tout de suite, puis à chaque changement ; le flux se termine quand elle est"
              + " PAID, EXPIRED ou CANCELLED. C'est ainsi que la caisse voit « payé ».")
  @ApiResponse(
      responseCode = "200",
      description = "Flux d'événements « status »",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(implementation = PaymentRequestView.class)))
  SseEmitter events(@PathVariable String id, Caller caller) {
    return events.subscribe(visible(caller, id));
  }

  @GetMapping(path = "/{id}/qr.png", produces = QrImages.PNG)
  @Operation(
      summary = "La demande en QR code (PNG)",
      description = "Le lien de paiement en QR code, avec le montant et le nom du commerçant.")
  @ApiResponse(
      responseCode = "200",
      description = "Image PNG",
      content =
          @Content(mediaType = QrImages.PNG, schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> png(@PathVariable String id, Caller caller) {
    PaymentRequest request = visible(caller, id);
    return QrImages.png(views.link(request.code()), views.caption(request));
  }

  @GetMapping(path = "/{id}/qr.svg", produces = QrImages.SVG)
  @Operation(
      summary = "La demande en QR code (SVG)",
      description = "Le lien de paiement en QR code, avec le montant et le nom du commerçant.")
  @ApiResponse(
      responseCode = "200",
      description = "Image SVG",
      content = @Content(mediaType = QrImages.SVG, schema = @Schema(type = "string")))
  ResponseEntity<String> svg(@PathVariable String id, Caller caller) {
    PaymentRequest request = visible(caller, id);
    return QrImages.svg(views.link(request.code()), views.caption(request));
  }

  @PostMapping(
      path = "/{id}/pay",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Payer une demande",
      description =
          "Paie la demande depuis un compte dont vous êtes titulaire. Une demande n'est payée"
              + " qu'une fois, même si plusieurs personnes essaient en même temps : les autres"
              + " reçoivent 409 PAYMENT_REQUEST_ALREADY_PAID ; votre propre nouvel essai avec la"
              + " même Idempotency-Key rend le paiement d'origine (200). Expirée ou annulée : 410.")
  @ApiResponse(
      responseCode = "201",
      description = "Payée",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/transfers/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "200",
      description = "Rejeu : vous l'aviez déjà payée avec cette clé",
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
      description =
          "Déjà payée ou en cours de paiement par un autre (PAYMENT_REQUEST_ALREADY_PAID)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "410",
      description = "Expirée ou annulée (PAYMENT_REQUEST_EXPIRED, PAYMENT_REQUEST_CANCELLED)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "422",
      description = "Refus du grand livre (INSUFFICIENT_FUNDS, STRAND_MISMATCH...)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<TransferView> pay(
      @PathVariable String id,
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody PaymentRequestPayment payment,
      Caller caller) {
    boolean withVouchers = Boolean.TRUE.equals(payment.vouchers());
    if ((payment.debitAccountId() == null) != withVouchers) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "debitAccountId ou vouchers : true, l'un des deux (d'où vient l'argent).");
    }
    PaymentRequests.Paid paid = requests.pay(caller, id, idempotencyKey, payment.debitAccountId());
    return transferResponse(paid.transfer(), paid.replayed());
  }

  @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Annuler une demande",
      description =
          "Par la caisse du commerçant, tant que personne ne la paie. Annuler une demande annulée"
              + " la rend de nouveau ; payée ou en cours de paiement : 409 ; expirée : 410."
              + " Inscrit au journal d'audit.")
  @ApiResponse(
      responseCode = "200",
      description = "Annulée (ou l'était déjà)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = PaymentRequestView.class)))
  @ApiResponse(
      responseCode = "409",
      description = "Déjà payée ou en cours de paiement (PAYMENT_REQUEST_ALREADY_PAID)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "410",
      description = "Expirée (PAYMENT_REQUEST_EXPIRED)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  PaymentRequestView cancel(@PathVariable String id, Caller caller, HttpServletRequest http) {
    return views.of(requests.cancel(caller, id, ClientAddress.of(http)));
  }

  private PaymentRequest visible(Caller caller, String id) {
    return requests
        .visible(caller, id)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  private ResponseEntity<TransferView> transferResponse(Transfer transfer, boolean replayed) {
    TransferView view = TransferView.of(transfer, networks.network(transfer.network()));
    if (replayed) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id().value()))
        .body(view);
  }
}
