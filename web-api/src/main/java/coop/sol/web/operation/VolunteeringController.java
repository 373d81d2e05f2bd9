package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.volunteer.AllowanceGranted;
import coop.sol.ledger.volunteer.HoursCredited;
import coop.sol.ledger.volunteer.VolunteerHours;
import coop.sol.ledger.volunteer.Volunteering;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/volunteering}: coordinators grant associations an allowance of SOL Engagement;
 * associations certify members' volunteering, credited at their rate within what the allowance has
 * left.
 */
@RestController
@RequestMapping(path = "/api/v1/volunteering", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Bénévolat", description = "Dotations des associations, heures certifiées")
class VolunteeringController {
  /** A year of minutes: more in one certification is a typing mistake. */
  static final int MAX_MINUTES = 525_600;

  private final Volunteering volunteering;
  private final Operations operations;
  private final OperationContext context;

  VolunteeringController(Operations operations, OperationContext context) {
    this.volunteering = operations.volunteering();
    this.operations = operations;
    this.context = context;
  }

  /**
   * @param associationAccountId the association's SOL Engagement account
   */
  @Schema(name = "AllowanceRequest")
  record AllowanceRequest(
      @NotNull Long associationAccountId,
      @Schema(example = "600.00", requiredMode = Schema.RequiredMode.REQUIRED) String amount) {}

  @Schema(name = "AllowanceGranted")
  record AllowanceView(String network, String association, String amount, TransferView transfer) {}

  /**
   * @param memberAccountId the member's SOL Engagement account
   * @param minutes time volunteered, in minutes (the historic rate is 1 SOL a minute)
   */
  @Schema(name = "VolunteerHoursRequest")
  record CertificationRequest(
      @NotNull Long memberAccountId,
      @NotNull @Min(1) @Max(MAX_MINUTES) Integer minutes,
      @Size(max = 460) @Schema(nullable = true, example = "Jardin partagé") String description) {}

  /**
   * @param amount credited: floor(minutes × rate per hour / 60)
   */
  @Schema(name = "HoursCredited")
  record CertificationView(
      String network,
      long minutes,
      @Schema(example = "60.00") String ratePerHour,
      String amount,
      TransferView transfer) {}

  /**
   * @param remaining what the association may still credit
   */
  @Schema(name = "Allowance")
  record AllowanceStatus(
      String network,
      long associationAccountId,
      String remaining,
      @Schema(nullable = true) String ratePerHour) {}

  @PostMapping(path = "/allowances", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Doter une association en SOL Engagement",
      description =
          "Par un coordinateur du réseau de l'association (VOLUNTEER_ALLOWANCE). Idempotency-Key"
              + " obligatoire ; inscrit au journal d'audit.")
  @ApiResponse(responseCode = "201", description = "Dotation versée")
  ResponseEntity<AllowanceView> grant(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody AllowanceRequest request,
      Caller caller,
      HttpServletRequest http) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    Account association =
        context.accountIn(caller.networksAs(Role.COORDINATOR), request.associationAccountId());
    NetworkId network = association.network();
    Amount amount = context.amount(network, StrandKind.ENGAGEMENT, request.amount());
    AllowanceGranted granted =
        LedgerProblems.done(
            volunteering.grantAllowance(
                network, key, association.id(), amount, Actor.of(caller.username())));
    String shown = context.format(network, StrandKind.ENGAGEMENT, amount.minorUnits());
    if (!granted.replayed()) {
      context.audit(
          caller,
          http,
          AuditAction.VOLUNTEER_ALLOWANCE_GRANTED,
          network,
          "association " + association.ownerRef(),
          Map.of("amount", shown, "transferId", granted.transfer().id().value()));
    }
    return OperationContext.posted(
        new AllowanceView(
            context.network(network).code(),
            association.ownerRef(),
            shown,
            context.view(granted.transfer())),
        granted.replayed());
  }

  @PostMapping(path = "/certifications", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Certifier des heures de bénévolat",
      description =
          "Par une association : l'adhérent reçoit des SOL Engagement au taux horaire de"
              + " l'association, pris sur sa dotation (OVER_ALLOWANCE au-delà, NO_VOLUNTEER_RATE"
              + " sans taux). Idempotency-Key obligatoire.")
  @ApiResponse(responseCode = "201", description = "Heures créditées")
  ResponseEntity<CertificationView> certify(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CertificationRequest request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    Account member =
        context.accountIn(caller.networksAs(Role.ASSOCIATION), request.memberAccountId());
    NetworkId network = member.network();
    Account association =
        context.ownAccount(caller, network, OwnerKind.ASSOCIATION, StrandKind.ENGAGEMENT);
    HoursCredited credited =
        LedgerProblems.done(
            volunteering.certify(
                new VolunteerHours(
                    network,
                    key,
                    association.id(),
                    member.id(),
                    request.minutes(),
                    request.description())));
    return OperationContext.posted(
        new CertificationView(
            context.network(network).code(),
            credited.minutes(),
            context.format(network, StrandKind.ENGAGEMENT, credited.minorPerHour()),
            context.format(network, StrandKind.ENGAGEMENT, credited.amount()),
            context.view(credited.transfer())),
        credited.replayed());
  }

  @GetMapping("/allowance")
  @Operation(
      summary = "Ma dotation restante",
      description =
          "Pour une association : ce qu'elle peut encore créditer, réseau par réseau, et son taux"
              + " horaire.")
  List<AllowanceStatus> allowance(Caller caller) {
    List<AllowanceStatus> allowances = new ArrayList<>();
    for (NetworkId network : caller.networksAs(Role.ASSOCIATION)) {
      var account =
          context.ownAccount(
              network, OwnerKind.ASSOCIATION, caller.username(), StrandKind.ENGAGEMENT);
      if (account.isEmpty()) {
        continue;
      }
      long remaining =
          LedgerProblems.done(volunteering.remainingAllowance(network, account.get().id()));
      allowances.add(
          new AllowanceStatus(
              context.network(network).code(),
              account.get().id().value(),
              context.format(network, StrandKind.ENGAGEMENT, remaining),
              operations
                  .settings()
                  .volunteerRate(network, caller.username())
                  .map(Versioned::value)
                  .map(rate -> context.format(network, StrandKind.ENGAGEMENT, rate))
                  .orElse(null)));
    }
    return allowances;
  }
}
