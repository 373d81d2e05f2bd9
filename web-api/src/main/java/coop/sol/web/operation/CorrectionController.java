package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.correction.Correction;
import coop.sol.ledger.correction.CorrectionProposal;
import coop.sol.ledger.correction.CorrectionStatus;
import coop.sol.ledger.correction.Corrections;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/corrections}: corrections under dual control. A coordinator proposes a
 * compensating transfer with its reason; another coordinator of the network approves it (it is then
 * posted) or declines it. Every step is audited. A correction outside the caller's networks is 404.
 */
@RestController
@RequestMapping(path = "/api/v1/corrections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Corrections", description = "Écritures compensatoires sous double contrôle")
class CorrectionController {
  private final Corrections corrections;
  private final OperationContext context;

  CorrectionController(Operations operations, OperationContext context) {
    this.corrections = operations.corrections();
    this.context = context;
  }

  /**
   * Either the transfer to reverse ({@code reversesTransferId}: its credit account pays its debit
   * account back), or a new transfer ({@code strand}, {@code debitAccountId}, {@code
   * creditAccountId}).
   *
   * @param amount all or part of the transfer reversed, or the new transfer's amount
   * @param reason why, shown to the approver and kept in the journal's memo
   */
  @Schema(name = "CorrectionProposal")
  record ProposalRequest(
      @Schema(nullable = true) Long reversesTransferId,
      @Schema(
              nullable = true,
              allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO"})
          String strand,
      @Schema(nullable = true) Long debitAccountId,
      @Schema(nullable = true) Long creditAccountId,
      @Schema(example = "4.20", requiredMode = Schema.RequiredMode.REQUIRED) String amount,
      @NotNull @Size(min = 1, max = 500) String reason) {}

  /**
   * @param decidedBy who approved or declined it; null while PROPOSED
   * @param transferId the CORRECTION transfer, once POSTED
   */
  @Schema(name = "Correction")
  record CorrectionView(
      long id,
      String network,
      String strand,
      long debitAccountId,
      long creditAccountId,
      String amount,
      @Schema(nullable = true) Long reversesTransferId,
      String reason,
      String proposedBy,
      Instant proposedAt,
      @Schema(allowableValues = {"PROPOSED", "POSTED", "DECLINED", "WITHDRAWN"}) String status,
      @Schema(nullable = true) String decidedBy,
      @Schema(nullable = true) Instant decidedAt,
      @Schema(nullable = true) Long transferId) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Proposer une correction",
      description =
          "Par un coordinateur : l'annulation de tout ou partie d'un virement, ou un virement"
              + " nouveau entre deux comptes d'une branche, avec sa raison. Rien n'est passé avant"
              + " qu'un autre coordinateur l'approuve. Inscrit au journal d'audit.")
  @ApiResponse(
      responseCode = "201",
      description = "Correction proposée",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/corrections/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  ResponseEntity<CorrectionView> propose(
      @Valid @RequestBody ProposalRequest request, Caller caller, HttpServletRequest http) {
    var scope = caller.networksAs(Role.COORDINATOR);
    NetworkId network;
    CorrectionProposal proposal;
    if (request.reversesTransferId() != null) {
      if (request.strand() != null
          || request.debitAccountId() != null
          || request.creditAccountId() != null) {
        throw NetworkSettingsController.invalid(
            "Une annulation prend ses comptes du virement : ni strand, ni comptes.");
      }
      Transfer original =
          (request.reversesTransferId() <= 0
                  ? Optional.<Transfer>empty()
                  : context
                      .ledger()
                      .transfers()
                      .findIn(scope, new TransferId(request.reversesTransferId())))
              .orElseThrow(() -> LedgerProblems.problem(OperationReason.TRANSFER_NOT_FOUND));
      network = original.network();
      Amount amount = context.amount(network, original.strand(), request.amount());
      proposal = CorrectionProposal.reversal(original.id(), amount, request.reason());
    } else {
      if (request.strand() == null
          || request.debitAccountId() == null
          || request.creditAccountId() == null) {
        throw NetworkSettingsController.invalid(
            "reversesTransferId, ou bien strand, debitAccountId et creditAccountId.");
      }
      StrandKind strand = strand(request.strand());
      Account debit = context.accountIn(scope, request.debitAccountId());
      network = debit.network();
      if (request.creditAccountId() <= 0) {
        throw LedgerProblems.problem(OperationReason.ACCOUNT_NOT_FOUND);
      }
      if (request.creditAccountId().equals(request.debitAccountId())) {
        throw NetworkSettingsController.invalid("Les deux comptes doivent être différents.");
      }
      Amount amount = context.amount(network, strand, request.amount());
      proposal =
          CorrectionProposal.transfer(
              strand,
              debit.id(),
              new AccountId(request.creditAccountId()),
              amount,
              request.reason());
    }
    Correction proposed =
        LedgerProblems.done(corrections.propose(network, proposal, Actor.of(caller.username())));
    audit(caller, http, AuditAction.CORRECTION_PROPOSED, proposed);
    return ResponseEntity.created(URI.create("/api/v1/corrections/" + proposed.id()))
        .body(view(proposed));
  }

  @GetMapping
  @Operation(
      summary = "Corrections en attente",
      description =
          "Les propositions qui attendent un second coordinateur, les plus anciennes d'abord."
              + " Coordinateurs.")
  List<CorrectionView> list(
      @Parameter(
              description = "Seul PROPOSED pour l'instant",
              schema = @Schema(allowableValues = {"PROPOSED"}))
          @RequestParam(required = false)
          String status,
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    if (status != null && !status.equals(CorrectionStatus.PROPOSED.name())) {
      throw new ApiProblemException(
          ProblemCode.INVALID_PARAMETER,
          "status : seules les corrections en attente (PROPOSED) se listent ; les autres se"
              + " lisent par leur identifiant.");
    }
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, network);
    return corrections.awaitingApproval(id).stream().map(this::view).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "Une correction", description = "Coordinateurs de son réseau ; 404 sinon.")
  CorrectionView read(@PathVariable long id, Caller caller) {
    return view(find(caller, id));
  }

  @PostMapping("/{id}/approve")
  @Operation(
      summary = "Approuver une correction",
      description =
          "Par un autre coordinateur que son auteur (409 SELF_APPROVAL sinon) : le virement"
              + " CORRECTION est passé. 409 CORRECTION_ALREADY_DECIDED si elle l'a déjà été ; 422"
              + " si le grand livre le refuse (la proposition reste en attente). Audité.")
  CorrectionView approve(@PathVariable long id, Caller caller, HttpServletRequest http) {
    Correction found = find(caller, id);
    Correction approved =
        LedgerProblems.done(corrections.approve(found.network(), id, Actor.of(caller.username())));
    audit(caller, http, AuditAction.CORRECTION_APPROVED, approved);
    return view(approved);
  }

  @PostMapping("/{id}/decline")
  @Operation(
      summary = "Refuser une correction",
      description = "Par un autre coordinateur que son auteur : rien n'est passé. Audité.")
  CorrectionView decline(@PathVariable long id, Caller caller, HttpServletRequest http) {
    Correction found = find(caller, id);
    Correction declined =
        LedgerProblems.done(corrections.decline(found.network(), id, Actor.of(caller.username())));
    audit(caller, http, AuditAction.CORRECTION_DECLINED, declined);
    return view(declined);
  }

  /** The correction with this id in a network the caller coordinates; 404 otherwise. */
  private Correction find(Caller caller, long id) {
    if (id > 0) {
      for (NetworkId network : caller.networksAs(Role.COORDINATOR)) {
        Optional<Correction> found = corrections.find(network, id);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new ApiProblemException(ProblemCode.NOT_FOUND);
  }

  private void audit(Caller caller, HttpServletRequest http, AuditAction action, Correction c) {
    context.audit(
        caller,
        http,
        action,
        c.network(),
        "correction " + c.id(),
        Map.of(
            "strand", c.strand().name(),
            "amount", context.format(c.network(), c.strand(), c.amount()),
            "reason", c.reason(),
            "status", c.status().name()));
  }

  private CorrectionView view(Correction c) {
    return new CorrectionView(
        c.id(),
        context.network(c.network()).code(),
        c.strand().name(),
        c.debit().value(),
        c.credit().value(),
        context.format(c.network(), c.strand(), c.amount()),
        c.reverses().map(TransferId::value).orElse(null),
        c.reason(),
        c.proposedBy().id(),
        c.proposedAt(),
        c.status().name(),
        c.decidedBy().map(Actor::id).orElse(null),
        c.decidedAt().orElse(null),
        c.transfer().map(TransferId::value).orElse(null));
  }

  private static StrandKind strand(String name) {
    try {
      return StrandKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw NetworkSettingsController.invalid("strand : COOPERATION, ENGAGEMENT, AFFECTE ou EURO.");
    }
  }
}
