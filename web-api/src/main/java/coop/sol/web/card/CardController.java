package coop.sol.web.card;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardCaps;
import coop.sol.ledger.card.CardEvent;
import coop.sol.ledger.card.CardStore;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.merchant.code.MemberCardCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/cards}: member cards, for members without a smartphone (docs/member-card.md). */
@RestController
@Tag(name = "Cartes SOL", description = "Carte d'adhérent imprimée, QR code signé et code PIN")
class CardController {
  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM = "#/components/schemas/Problem";
  static final String AMOUNT_PATTERN = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$";

  private final MemberCards cards;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final ZoneId zone;
  private final Clock clock;

  CardController(
      MemberCards cards,
      NetworkDirectory networks,
      NetworkKeys keys,
      Clock clock,
      @Value("${sol.cards.zone:Europe/Paris}") String zone) {
    this.clock = clock;
    this.cards = cards;
    this.networks = networks;
    this.keys = keys;
    this.zone = ZoneId.of(zone);
  }

  /**
   * @param pin typed by the holder on the holder's step of the issuing page, never by staff
   */
  @Schema(name = "NewMemberCard")
  record NewCard(
      @NotNull Long holderAccountId,
      @NotNull @Size(min = 1, max = 200) String holderName,
      @NotNull @Schema(example = "4821", pattern = "^[0-9]{4,6}$") String pin) {}

  @Schema(name = "MemberCardPinChange")
  record PinChange(
      @NotNull @Schema(example = "4821", pattern = "^[0-9]{4,6}$") String oldPin,
      @NotNull @Schema(example = "902716", pattern = "^[0-9]{4,6}$") String newPin) {}

  /**
   * @param dailyCap the holder's own cap, at most the network's; null to follow the network's
   */
  @Schema(name = "MemberCardDailyCap")
  record DailyCap(
      @Schema(nullable = true, example = "30.00", pattern = AMOUNT_PATTERN) String dailyCap) {}

  /**
   * @param card the card's code as scanned (its signed payload); or else
   * @param cardNumber the number printed on it, as typed (spaces allowed)
   */
  @Schema(name = "MemberCardRead")
  record CardRead(
      @NotNull Long merchantAccountId,
      @Schema(nullable = true) @Size(max = 1024) String card,
      @Schema(nullable = true, example = "4921 0378 5562") @Size(max = 20) String cardNumber) {}

  /** What a till shows the cashier once a card is read: the holder's first name, nothing else. */
  @Schema(name = "MemberCardAtTill")
  record CardAtTill(
      long cardId,
      int version,
      @Schema(example = "Jeanne") String holderFirstName,
      @Schema(allowableValues = {"ACTIVE", "BLOCKED", "REPLACED"}) String state) {}

  /**
   * @param pin as the holder typed it on the till; or else
   * @param sealedPin the PIN an offline till sealed for the network's key when the holder typed it
   *     ({@code SealedForNetwork}, bound to the merchant account, the Idempotency-Key, the amount
   *     and the card as sent: docs/member-card.md)
   * @param offlineAt for a charge an offline till accepted (below the offline cap) and sends now:
   *     when it accepted the card, at most 24 hours ago
   */
  @Schema(name = "MemberCardCharge")
  record CardCharge(
      @NotNull Long merchantAccountId,
      @Schema(nullable = true) @Size(max = 1024) String card,
      @Schema(nullable = true, example = "4921 0378 5562") @Size(max = 20) String cardNumber,
      @NotNull @Schema(example = "12.50", pattern = AMOUNT_PATTERN) String amount,
      @Schema(nullable = true, example = "4821", pattern = "^[0-9]{4,6}$") String pin,
      @Schema(nullable = true) @Size(max = 200) String sealedPin,
      @Schema(nullable = true) Instant offlineAt) {}

  @Schema(name = "MemberCardPayment")
  record CardPaymentView(
      long transferId,
      int version,
      @Schema(example = "12.50") String amount,
      long merchantAccountId,
      Instant paidAt,
      @Schema(nullable = true) Instant offlineAt) {}

  @Schema(name = "MemberCardStatus")
  record CardStatusView(
      long cardId, int version, @Schema(allowableValues = {"ACTIVE", "BLOCKED"}) String state) {}

  /** What an offline till keeps: the cards' current versions and states, and the offline cap. */
  @Schema(name = "MemberCardRevocations")
  record Revocations(
      @Schema(example = "demo") String network,
      long networkId,
      @Schema(example = "10.00") String offlineCap,
      Instant asOf,
      List<CardStatusView> cards) {}

  @Schema(name = "MemberCardCounts")
  record CardCounts(
      @Schema(example = "demo") String network,
      LocalDate from,
      LocalDate to,
      long issued,
      long replaced,
      long blocked,
      long unblocked) {}

  // --- the holder, staff

  @GetMapping(path = "/api/v1/cards", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mes cartes",
      description =
          "Les cartes des comptes dont vous êtes titulaire, toutes versions (ACTIVE, BLOCKED,"
              + " REPLACED), avec leurs plafonds.")
  @ApiResponse(responseCode = "200", description = "Vos cartes, la plus récente d'abord")
  List<CardView> mine(Caller caller) {
    return cards.ofCaller(caller).stream().map(this::view).toList();
  }

  @PostMapping(
      path = "/api/v1/cards",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Émettre une carte",
      description =
          "Par un coordinateur ou un comptoir de change du réseau, pour le compte d'un adhérent. Le"
              + " code PIN est saisi par le titulaire lui-même à l'étape « titulaire » de la page"
              + " d'émission, jamais choisi par le personnel.")
  @ApiResponse(
      responseCode = "201",
      description = "Carte émise",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/cards/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "422",
      description = "Compte inadapté (CARD_ACCOUNT_NOT_ELIGIBLE), PIN invalide (CARD_PIN_INVALID)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<CardView> issue(@Valid @RequestBody NewCard request, Caller caller) {
    Card card = cards.issue(caller, request.holderAccountId(), request.holderName(), request.pin());
    return ResponseEntity.created(URI.create("/api/v1/cards/" + card.id().value()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(view(card));
  }

  @GetMapping(path = "/api/v1/cards/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Une carte",
      description =
          "Sa version en cours. Pour son titulaire et le personnel du réseau ; 404 sinon.")
  @ApiResponse(responseCode = "200", description = "La carte")
  CardView get(@PathVariable long id, Caller caller) {
    return view(cards.visible(caller, id));
  }

  @GetMapping(path = "/api/v1/cards/{id}/card.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "La carte à imprimer (PDF)",
      description =
          "Au format ID-1 (85,6 × 54 mm) : réseau, titulaire, numéro, QR code signé. largePrint :"
              + " gros caractères au recto, QR code au verso.")
  @ApiResponse(
      responseCode = "200",
      description = "PDF",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PDF_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<byte[]> pdf(
      @PathVariable long id,
      @RequestParam(name = "largePrint", defaultValue = "false") boolean largePrint,
      Caller caller) {
    Card card = cards.visible(caller, id);
    Network network = networks.network(card.network());
    byte[] pdf =
        CardPdf.render(network.name(), card.holderName(), card.number(), code(card), largePrint);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "inline; filename=\"carte-sol-" + card.number() + ".pdf\"")
        .body(pdf);
  }

  @GetMapping(path = "/api/v1/cards/{id}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Les paiements faits avec une carte",
      description = "Toutes versions, le plus récent d'abord (200 au plus).")
  @ApiResponse(responseCode = "200", description = "Les paiements")
  List<CardPaymentView> payments(@PathVariable long id, Caller caller) {
    Card card = cards.visible(caller, id);
    Network network = networks.network(card.network());
    List<CardPaymentView> views = new ArrayList<>();
    for (CardStore.CardPayment p : cards.cards().payments(card.network(), card.id(), 200)) {
      views.add(
          new CardPaymentView(
              p.transfer().value(),
              p.version(),
              Decimals.format(p.amount(), network.scale(StrandKind.COOPERATION)),
              p.merchant().value(),
              p.paidAt(),
              p.offlineAt()));
    }
    return views;
  }

  @PostMapping(path = "/api/v1/cards/{id}/block", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Bloquer une carte",
      description = "Par son titulaire, ou par un coordinateur ou un comptoir du réseau.")
  @ApiResponse(responseCode = "200", description = "La carte, bloquée")
  CardView block(@PathVariable long id, Caller caller) {
    return view(cards.block(caller, id));
  }

  @PostMapping(path = "/api/v1/cards/{id}/unblock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Débloquer une carte",
      description = "Par son titulaire ou un coordinateur du réseau.")
  @ApiResponse(responseCode = "200", description = "La carte, active")
  @ApiResponse(
      responseCode = "409",
      description = "Carte non bloquée (CARD_NOT_BLOCKED)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  CardView unblock(@PathVariable long id, Caller caller) {
    return view(cards.unblock(caller, id));
  }

  @PostMapping(path = "/api/v1/cards/{id}/replace", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Remplacer une carte",
      description =
          "Une nouvelle version, avec son propre numéro, le même code PIN et le même plafond ;"
              + " toute version plus ancienne est refusée dès maintenant.")
  @ApiResponse(
      responseCode = "201",
      description = "La nouvelle version",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/cards/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  ResponseEntity<CardView> replace(@PathVariable long id, Caller caller) {
    Card card = cards.replace(caller, id);
    return ResponseEntity.created(URI.create("/api/v1/cards/" + card.id().value()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(view(card));
  }

  @PutMapping(
      path = "/api/v1/cards/{id}/pin",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changer son code PIN",
      description =
          "Par le titulaire, avec l'ancien code ; un ancien code faux compte comme tout code faux.")
  @ApiResponse(responseCode = "200", description = "La carte")
  @ApiResponse(
      responseCode = "422",
      description = "Ancien code faux (CARD_WRONG_PIN), code invalide (CARD_PIN_INVALID)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  CardView changePin(@PathVariable long id, @Valid @RequestBody PinChange change, Caller caller) {
    return view(cards.changePin(caller, id, change.oldPin(), change.newPin()));
  }

  @PutMapping(
      path = "/api/v1/cards/{id}/daily-cap",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Choisir son plafond journalier",
      description = "Par le titulaire, au plus celui du réseau ; null pour suivre celui du réseau.")
  @ApiResponse(responseCode = "200", description = "La carte")
  CardView dailyCap(@PathVariable long id, @RequestBody DailyCap cap, Caller caller) {
    return view(cards.setDailyCap(caller, id, cap.dailyCap()));
  }

  // --- the till

  @PostMapping(
      path = "/api/v1/cards/read",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Lire une carte à la caisse",
      description =
          "Le code scanné (vérifié comme hors ligne) ou le numéro saisi : le prénom du titulaire à"
              + " montrer au caissier, et l'état de la carte.")
  @ApiResponse(responseCode = "200", description = "La carte lue")
  CardAtTill read(@Valid @RequestBody CardRead read, Caller caller) {
    Card card = cards.read(caller, read.merchantAccountId(), read.card(), read.cardNumber());
    return new CardAtTill(
        card.id().value(), card.version(), card.holderFirstName(), card.state().name());
  }

  @PostMapping(
      path = "/api/v1/cards/charge",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Encaisser avec une carte",
      description =
          "La carte (code ou numéro), le montant, le code PIN tapé par le titulaire (pin), ou,"
              + " pour un encaissement mis en file par une caisse hors ligne, le code PIN scellé"
              + " pour la clé du réseau (sealedPin, avec offlineAt). Un paiement par le chemin"
              + " unique des paiements : mêmes règles, même idempotence, même reçu.")
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
      description = "Carte bloquée ou remplacée (CARD_BLOCKED, CARD_REPLACED)",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  @ApiResponse(
      responseCode = "422",
      description =
          "Code PIN faux (CARD_WRONG_PIN), absent, mal formé ou scellé illisible"
              + " (CARD_PIN_INVALID), plafond dépassé (CARD_PAYMENT_CAP_EXCEEDED,"
              + " CARD_DAILY_CAP_EXCEEDED, CARD_OFFLINE_CAP_EXCEEDED), refus du grand livre",
      content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
  ResponseEntity<TransferView> charge(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CardCharge charge,
      Caller caller) {
    MemberCards.Charged charged =
        cards.charge(
            caller,
            idempotencyKey,
            charge.merchantAccountId(),
            charge.card(),
            charge.cardNumber(),
            charge.amount(),
            charge.pin(),
            charge.sealedPin(),
            charge.offlineAt());
    Transfer transfer = charged.paid().first();
    TransferView view = TransferView.of(transfer, networks.network(transfer.network()));
    if (charged.paid().replayed()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id().value()))
        .body(view);
  }

  @GetMapping(path = "/api/v1/cards/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Liste de révocation des cartes (caisse hors ligne)",
      description =
          "La version en cours et l'état de chaque carte du réseau de la caisse, et le plafond hors"
              + " ligne : une caisse hors ligne refuse toute autre version, et toute carte bloquée.")
  @ApiResponse(responseCode = "200", description = "La liste")
  Revocations revocations(
      @RequestParam("merchantAccountId") long merchantAccountId, Caller caller) {
    NetworkId network = cards.till(caller, merchantAccountId).network();
    CardCaps caps = cards.cards().caps(network);
    Network n = networks.network(network);
    return new Revocations(
        n.code(),
        network.value(),
        Decimals.format(caps.offlineCap(), n.scale(StrandKind.COOPERATION)),
        clock.instant(),
        cards.cards().statuses(network).stream()
            .map(s -> new CardStatusView(s.card().value(), s.version(), s.state().name()))
            .toList());
  }

  // --- coordinators' reports

  @GetMapping(path = "/api/v1/reports/cards", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Cartes émises, bloquées, remplacées",
      description =
          "Par réseau coordonné, du jour from au jour to inclus (fuseau du réseau). Une"
              + " émission compte les remplacements (nouvelle version) comme les premières cartes.")
  @ApiResponse(responseCode = "200", description = "Les comptes")
  List<CardCounts> counts(
      @RequestParam("from") String from, @RequestParam("to") String to, Caller caller) {
    LocalDate first = Dates.day("from", from);
    LocalDate last = Dates.day("to", to);
    if (last.isBefore(first)) {
      throw new ApiProblemException(ProblemCode.INVALID_PERIOD, "to : au plus tôt from.");
    }
    Instant start = first.atStartOfDay(zone).toInstant();
    Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
    List<CardCounts> counts = new ArrayList<>();
    for (NetworkId network : caller.networksAs(Role.COORDINATOR)) {
      Map<CardEvent, Long> c = cards.cards().counts(network, start, end);
      counts.add(
          new CardCounts(
              networks.network(network).code(),
              first,
              last,
              c.get(CardEvent.ISSUED),
              c.get(CardEvent.REPLACED),
              c.get(CardEvent.BLOCKED),
              c.get(CardEvent.UNBLOCKED)));
    }
    return counts;
  }

  private CardView view(Card card) {
    Network network = networks.network(card.network());
    CardCaps caps = cards.cards().caps(card.network());
    return CardView.of(card, network, caps, cards.cards().spentToday(card.id()), code(card));
  }

  /** The card's signed payload (Ed25519 signatures are deterministic: the same text each time). */
  private String code(Card card) {
    SigningKey key = keys.signingKey(card.network());
    return PaymentCodes.sign(
            new MemberCardCode(
                card.network().value(),
                card.id().value(),
                card.version(),
                card.holderAccount().value()),
            key)
        .text();
  }
}
