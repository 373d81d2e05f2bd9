package coop.sol.web.card;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A card's PIN-reset activation, for the network's staff, and the network's card caps, for its
 * coordinators (docs/member-card.md).
 */
@RestController
@Tag(name = "Cartes SOL", description = "Carte d'adhérent imprimée, QR code signé et code PIN")
class CardAdministrationController {
  private final CardAdministration administration;

  CardAdministrationController(CardAdministration administration) {
    this.administration = administration;
  }

  /**
   * @param code shown this once: the holder types it with their new PIN (never stored in clear)
   * @param link the page where they do
   */
  @Schema(name = "MemberCardPinReset")
  record PinResetView(
      long cardId,
      int version,
      @Schema(example = "K7QM-3XRD-9PWF-H2TN") String code,
      @Schema(example = "https://sol.example.org/carte/pin?code=K7QM-3XRD-9PWF-H2TN") String link,
      Instant expiresAt) {}

  /** A network's card caps, in SOL. */
  @Schema(name = "MemberCardCaps")
  record CapsView(
      long networkId,
      @Schema(example = "demo") String network,
      @Schema(example = "100.00") String dailyCap,
      @Schema(example = "50.00") String paymentCap,
      @Schema(example = "10.00") String offlineCap) {
    static CapsView of(CardAdministration.Caps caps) {
      return new CapsView(
          caps.network().id().value(),
          caps.network().code(),
          caps.dailyCap(),
          caps.paymentCap(),
          caps.offlineCap());
    }
  }

  @Schema(name = "MemberCardCapsChange")
  record CapsChange(
      @NotNull @Schema(example = "100.00", pattern = CardController.AMOUNT_PATTERN) String dailyCap,
      @NotNull @Schema(example = "50.00", pattern = CardController.AMOUNT_PATTERN)
          String paymentCap,
      @NotNull @Schema(example = "10.00", pattern = CardController.AMOUNT_PATTERN)
          String offlineCap) {}

  @PostMapping(path = "/api/v1/cards/{id}/pin-reset", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Nouveau code PIN par activation",
      description =
          "Par un coordinateur ou un comptoir de change du réseau : un code d'activation à usage"
              + " unique, valable 14 jours, et son lien, à remettre au titulaire, qui y choisit"
              + " lui-même son nouveau code PIN (une carte bloquée par des codes faux est alors"
              + " débloquée). Un nouveau code remplace le précédent non utilisé.")
  @ApiResponse(responseCode = "200", description = "Le code, montré cette seule fois")
  PinResetView pinReset(@PathVariable long id, Caller caller) {
    CardAdministration.PinReset reset = administration.issuePinReset(caller, id);
    return new PinResetView(
        reset.card().id().value(),
        reset.card().version(),
        reset.code(),
        reset.link(),
        reset.expiresAt());
  }

  @GetMapping(
      path = "/api/v1/networks/{id}/settings/card-caps",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Plafonds des cartes du réseau",
      description = "Journalier, par paiement, hors ligne. Coordinateurs du réseau ; 404 sinon.")
  @ApiResponse(responseCode = "200", description = "Les plafonds")
  CapsView caps(@PathVariable long id, Caller caller) {
    NetworkId network = CardAdministration.coordinated(caller, id);
    return CapsView.of(administration.caps(network));
  }

  @PutMapping(
      path = "/api/v1/networks/{id}/settings/card-caps",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changer les plafonds des cartes",
      description =
          "Positifs, hors ligne ≤ par paiement ≤ journalier. Le plafond qu'un titulaire a choisi"
              + " reste plafonné par celui du réseau. Coordinateurs ; audité.")
  @ApiResponse(responseCode = "200", description = "Les plafonds en vigueur")
  @ApiResponse(
      responseCode = "422",
      description = "Plafonds incohérents (CARD_CAPS_INVALID), montant invalide",
      content =
          @Content(
              mediaType = CardController.PROBLEM_JSON,
              schema = @Schema(ref = CardController.PROBLEM)))
  CapsView changeCaps(
      @PathVariable long id,
      @Valid @RequestBody CapsChange change,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = CardAdministration.coordinated(caller, id);
    return CapsView.of(
        administration.setCaps(
            caller,
            network,
            change.dailyCap(),
            change.paymentCap(),
            change.offlineCap(),
            ClientAddress.of(http)));
  }
}
