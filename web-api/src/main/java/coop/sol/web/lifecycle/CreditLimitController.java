package coop.sol.web.lifecycle;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.lifecycle.CreditLimitChange;
import coop.sol.ledger.lifecycle.CreditLimits;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.Outcome;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.operation.OperationContext;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credit limits under dual control: {@code POST /api/v1/accounts/{id}/credit-limit} cuts a limit at
 * once (200) or proposes a raise (202), which another coordinator of the network approves or
 * declines at {@code /api/v1/credit-limit-changes/{id}/...}. Every step audited; outside the
 * caller's networks, 404.
 */
@RestController
@Tag(name = "Cycle de vie", description = "Geler, dégeler et clore des comptes")
class CreditLimitController {
  private final CreditLimits limits;
  private final OperationContext context;
  private final AuditLog audit;
  private final LifecycleController accounts;

  CreditLimitController(
      Operations operations,
      OperationContext context,
      AuditLog audit,
      LifecycleController accounts) {
    this.limits = operations.creditLimits();
    this.context = context;
    this.audit = audit;
    this.accounts = accounts;
  }

  /**
   * @param creditLimit how far below zero the account may go, a decimal string ("0" for none)
   */
  @Schema(name = "CreditLimitRequest")
  record LimitRequest(
      @NotNull @Schema(example = "50.00") String creditLimit,
      @NotBlank @Size(max = 500) String reason) {}

  @Schema(name = "CreditLimitChange")
  record ChangeView(
      long id,
      long accountId,
      String oldLimit,
      String newLimit,
      String reason,
      String proposedBy,
      Instant proposedAt,
      @Schema(allowableValues = {"PROPOSED", "APPLIED", "DECLINED", "WITHDRAWN"}) String status,
      @Schema(nullable = true) String decidedBy,
      @Schema(nullable = true) Instant decidedAt) {}

  @PostMapping(
      path = "/api/v1/accounts/{id}/credit-limit",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Changer le plafond de découvert d'un compte",
      description =
          "Par un coordinateur de son réseau, avec une raison. Une baisse s'applique aussitôt (200 ;"
              + " 422 CREDIT_LIMIT_IN_USE si le compte utilise déjà plus) ; une hausse est proposée"
              + " (202) et n'est appliquée qu'une fois approuvée par un autre coordinateur. Audité.")
  @ApiResponse(responseCode = "200", description = "Baisse appliquée")
  @ApiResponse(responseCode = "202", description = "Hausse proposée, en attente d'approbation")
  ResponseEntity<ChangeView> change(
      @PathVariable long id,
      @Valid @RequestBody LimitRequest request,
      Caller caller,
      HttpServletRequest http) {
    Account account = accounts.coordinated(caller, id);
    int scale = context.network(account.network()).scale(account.strand());
    long limit = ApiAmounts.parseNonNegative(request.creditLimit(), scale);
    CreditLimitChange change =
        LedgerProblems.done(
            limits.propose(
                account.network(), account.id(), limit, request.reason(), actor(caller)));
    boolean applied = change.status() == CreditLimitChange.Status.APPLIED;
    audit(
        caller,
        http,
        applied ? AuditAction.CREDIT_LIMIT_CHANGED : AuditAction.CREDIT_LIMIT_CHANGE_PROPOSED,
        change);
    return ResponseEntity.status(applied ? HttpStatus.OK : HttpStatus.ACCEPTED).body(view(change));
  }

  @GetMapping(path = "/api/v1/credit-limit-changes", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Hausses de plafond en attente",
      description = "Celles qui attendent un second coordinateur, les plus anciennes d'abord.")
  List<ChangeView> awaiting(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, network);
    return limits.awaitingApproval(id).stream().map(this::view).toList();
  }

  @PostMapping(
      path = "/api/v1/credit-limit-changes/{id}/approve",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Approuver une hausse de plafond",
      description =
          "Par un autre coordinateur que son auteur (409 SELF_APPROVAL sinon) : le plafond est"
              + " appliqué. Audité.")
  ChangeView approve(@PathVariable long id, Caller caller, HttpServletRequest http) {
    CreditLimitChange found = find(caller, id);
    CreditLimitChange approved =
        LedgerProblems.done(limits.approve(found.network(), id, actor(caller)));
    audit(caller, http, AuditAction.CREDIT_LIMIT_CHANGED, approved);
    return view(approved);
  }

  @PostMapping(
      path = "/api/v1/credit-limit-changes/{id}/decline",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Refuser une hausse de plafond",
      description = "Par un autre coordinateur que son auteur : rien ne change. Audité.")
  ChangeView decline(@PathVariable long id, Caller caller, HttpServletRequest http) {
    CreditLimitChange found = find(caller, id);
    Outcome<CreditLimitChange> outcome = limits.decline(found.network(), id, actor(caller));
    CreditLimitChange declined = LedgerProblems.done(outcome);
    audit(caller, http, AuditAction.CREDIT_LIMIT_CHANGE_DECLINED, declined);
    return view(declined);
  }

  private CreditLimitChange find(Caller caller, long id) {
    if (id > 0) {
      for (NetworkId network : caller.networksAs(Role.COORDINATOR)) {
        Optional<CreditLimitChange> found = limits.find(network, id);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new ApiProblemException(ProblemCode.NOT_FOUND);
  }

  private void audit(
      Caller caller, HttpServletRequest http, AuditAction action, CreditLimitChange c) {
    ChangeView v = view(c);
    audit.record(
        caller,
        http,
        action,
        c.network(),
        "account " + c.account().value(),
        Map.of(
            "change", c.id(),
            "from", v.oldLimit(),
            "to", v.newLimit(),
            "reason", c.reason(),
            "status", c.status().name()));
  }

  private ChangeView view(CreditLimitChange c) {
    var account = context.ledger().accounts().find(c.network(), c.account()).orElseThrow();
    return new ChangeView(
        c.id(),
        c.account().value(),
        context.format(c.network(), account.strand(), c.oldLimit()),
        context.format(c.network(), account.strand(), c.newLimit()),
        c.reason(),
        c.proposedBy().id(),
        c.proposedAt(),
        c.status().name(),
        c.decidedBy().map(Actor::id).orElse(null),
        c.decidedAt().orElse(null));
  }

  private static Actor actor(Caller caller) {
    return Actor.of(caller.username());
  }
}
