package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.payment.MemberPayments;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/networks/{id}/settings/member-payments}: whether members of the network may pay
 * each other. Anyone with a role in the network reads it (a member's app shows "pay a member" only
 * where it may); the network's coordinators change it, audited (NETWORK_SETTINGS_CHANGED). The
 * ledger applies it to every payment, whatever the door.
 */
@RestController
@RequestMapping(
    path = "/api/v1/networks/{id}/settings/member-payments",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Paramètres du réseau", description = "Taux, catégories, fonte")
class MemberPaymentsController {
  private final MemberPayments memberPayments;
  private final OperationContext context;

  MemberPaymentsController(Operations operations, OperationContext context) {
    this.memberPayments = operations.memberPayments();
    this.context = context;
  }

  /**
   * @param allowed whether a member's account may pay another member's account
   * @param changedBy who chose it last: coordinators only; null while the network keeps the default
   *     (allowed)
   * @param changedAt when; null while the network keeps the default
   */
  @Schema(name = "MemberPaymentsSetting")
  record MemberPaymentsView(
      boolean allowed,
      @Schema(nullable = true) String changedBy,
      @Schema(nullable = true) Instant changedAt) {}

  /**
   * @param allowed true: members may pay members; false: the ledger refuses it
   */
  @Schema(name = "MemberPaymentsChange")
  record MemberPaymentsRequest(@NotNull Boolean allowed) {}

  @GetMapping
  @Operation(
      summary = "Paiements entre adhérents",
      description =
          "Si les adhérents du réseau peuvent se payer entre eux (par défaut oui). Toute personne"
              + " ayant un rôle dans le réseau ; qui l'a choisi : coordinateurs seulement. 404"
              + " pour un réseau où vous n'avez pas de rôle.")
  MemberPaymentsView read(@PathVariable long id, Caller caller) {
    if (id <= 0 || !caller.networks().contains(new NetworkId(id))) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    NetworkId network = new NetworkId(id);
    return view(memberPayments.setting(network), caller.holds(Role.COORDINATOR, network));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Autoriser ou non les paiements entre adhérents",
      description =
          "Interdits, tout paiement d'un compte d'adhérent vers un compte d'adhérent est refusé"
              + " par le grand livre (403 MEMBER_PAYMENTS_NOT_ALLOWED), quelle que soit la porte"
              + " (API, pages, demandes de paiement, jetons, carte) ; les remboursements et"
              + " corrections restent possibles. Effet immédiat sur toutes les instances."
              + " Coordinateurs du réseau ; audité.")
  MemberPaymentsView change(
      @PathVariable long id,
      @Valid @RequestBody MemberPaymentsRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = context.networkById(caller, Role.COORDINATOR, id);
    MemberPayments.Setting saved =
        memberPayments.set(network, request.allowed(), Actor.of(caller.username()));
    context.audit(
        caller,
        http,
        AuditAction.NETWORK_SETTINGS_CHANGED,
        network,
        "member payments",
        Map.of("allowed", request.allowed()));
    return view(saved, true);
  }

  private static MemberPaymentsView view(MemberPayments.Setting setting, boolean coordinator) {
    return new MemberPaymentsView(
        setting.allowed(),
        coordinator ? setting.changedBy().map(Actor::id).orElse(null) : null,
        setting.changedAt().orElse(null));
  }
}
