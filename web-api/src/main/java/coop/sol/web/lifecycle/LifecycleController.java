package coop.sol.web.lifecycle;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.lifecycle.AccountLifecycle;
import coop.sol.ledger.lifecycle.StatusChange;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.web.account.AccountView;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.operation.OperationContext;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import coop.sol.web.user.Username;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Freezing, unfreezing and closing an account ({@code /api/v1/accounts/{id}/...}) or every account
 * of a person in a network ({@code /api/v1/networks/{networkId}/people/{username}/...}), by the
 * network's coordinators, with a reason; each change audited. An account or person outside the
 * networks the caller coordinates is 404. What a frozen account may still do is the ledger's rule
 * ({@code AccountStatus}).
 */
@RestController
@Tag(name = "Cycle de vie", description = "Geler, dégeler et clore des comptes")
class LifecycleController {
  private final AccountLifecycle lifecycle;
  private final OperationContext context;
  private final AuditLog audit;
  private final PeopleClosing closing;

  LifecycleController(
      Operations operations, OperationContext context, AuditLog audit, PeopleClosing closing) {
    this.lifecycle = operations.lifecycle();
    this.context = context;
    this.audit = audit;
    this.closing = closing;
  }

  /**
   * @param reason why, kept with the change and shown in the account's history
   */
  @Schema(name = "StatusChangeRequest")
  record ChangeRequest(@NotBlank @Size(max = 500) String reason) {}

  @Schema(name = "StatusChange")
  record ChangeView(
      long id,
      long accountId,
      @Schema(allowableValues = {"OPEN", "FROZEN", "CLOSED"}) String from,
      @Schema(allowableValues = {"OPEN", "FROZEN", "CLOSED"}) String to,
      String reason,
      String by,
      Instant at) {
    static ChangeView of(StatusChange c) {
      return new ChangeView(
          c.id(),
          c.account().value(),
          c.from().name(),
          c.to().name(),
          c.reason(),
          c.by().id(),
          c.at());
    }
  }

  /**
   * @param accounts the accounts concerned, as they are now
   * @param changes what this request changed (empty when everything already had that status)
   */
  @Schema(name = "StatusChanged")
  record ChangedView(List<AccountView> accounts, List<ChangeView> changes) {}

  @PostMapping(
      path = "/api/v1/accounts/{id}/freeze",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Geler un compte",
      description =
          "Par un coordinateur de son réseau, avec une raison. Un compte gelé ne paie plus et"
              + " n'est plus payé, quelle que soit la porte (virement, demande de paiement, jeton,"
              + " bons, caisse) : DEBIT_ACCOUNT_FROZEN, CREDIT_ACCOUNT_FROZEN. Il reçoit encore"
              + " les remboursements et autres annulations de ce qu'il a payé, et les corrections"
              + " approuvées par deux coordinateurs. Idempotent ; audité.")
  ChangedView freeze(
      @PathVariable long id,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    Account account = coordinated(caller, id);
    return changed(
        caller,
        http,
        AuditAction.ACCOUNT_FROZEN,
        account,
        request.reason(),
        lifecycle.freeze(account.network(), account.id(), request.reason(), actor(caller)));
  }

  @PostMapping(
      path = "/api/v1/accounts/{id}/unfreeze",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Dégeler un compte",
      description = "Par un coordinateur de son réseau, avec une raison. Idempotent ; audité.")
  ChangedView unfreeze(
      @PathVariable long id,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    Account account = coordinated(caller, id);
    return changed(
        caller,
        http,
        AuditAction.ACCOUNT_UNFROZEN,
        account,
        request.reason(),
        lifecycle.unfreeze(account.network(), account.id(), request.reason(), actor(caller)));
  }

  @PostMapping(
      path = "/api/v1/accounts/{id}/close",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Clore un compte",
      description =
          "Par un coordinateur de son réseau, avec une raison, pour de bon : seulement à zéro"
              + " (409 ACCOUNT_NOT_EMPTY sinon : faites d'abord approuver par un second"
              + " coordinateur un virement de clôture, une correction). Audité.")
  ChangedView close(
      @PathVariable long id,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    Account account = coordinated(caller, id);
    return changed(
        caller,
        http,
        AuditAction.ACCOUNT_CLOSED,
        account,
        request.reason(),
        lifecycle.close(account.network(), account.id(), request.reason(), actor(caller)));
  }

  @GetMapping(path = "/api/v1/accounts/{id}/status-changes", produces = "application/json")
  @Operation(
      summary = "Historique du statut d'un compte",
      description = "Gels, dégels et clôture, avec leurs raisons. Coordinateurs du réseau.")
  List<ChangeView> history(@PathVariable long id, Caller caller) {
    Account account = coordinated(caller, id);
    return lifecycle.history(account.network(), account.id()).stream().map(ChangeView::of).toList();
  }

  @PostMapping(
      path = "/api/v1/networks/{networkId}/people/{username}/freeze",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Geler une personne",
      description =
          "Tous ses comptes du réseau, quel que soit son rôle (adhérent, commerçant, bons...)."
              + " Coordinateurs du réseau ; idempotent ; audité.")
  ChangedView freezePerson(
      @PathVariable long networkId,
      @PathVariable String username,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = context.networkById(caller, Role.COORDINATOR, networkId);
    return personChanged(
        caller,
        http,
        AuditAction.PERSON_FROZEN,
        network,
        username,
        request.reason(),
        lifecycle.freezePerson(network, person(username), request.reason(), actor(caller)));
  }

  @PostMapping(
      path = "/api/v1/networks/{networkId}/people/{username}/unfreeze",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Dégeler une personne",
      description = "Tous ses comptes gelés du réseau. Coordinateurs du réseau ; audité.")
  ChangedView unfreezePerson(
      @PathVariable long networkId,
      @PathVariable String username,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = context.networkById(caller, Role.COORDINATOR, networkId);
    return personChanged(
        caller,
        http,
        AuditAction.PERSON_UNFROZEN,
        network,
        username,
        request.reason(),
        lifecycle.unfreezePerson(network, person(username), request.reason(), actor(caller)));
  }

  @PostMapping(
      path = "/api/v1/networks/{networkId}/people/{username}/close",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Clore une personne",
      description =
          "Par un coordinateur du réseau, avec une raison : tous ses comptes sont clos (seulement"
              + " à zéro : 409 ACCOUNT_NOT_EMPTY sinon, faites d'abord approuver des virements de"
              + " clôture), son nom est remplacé par un pseudonyme, sa connexion désactivée, ses"
              + " jetons révoqués. Le journal et ses chaînes de hachage restent vérifiables et les"
              + " rapports inchangés. 409 PERSON_IN_OTHER_NETWORKS si elle a un rôle dans un autre"
              + " réseau. Audité.")
  ChangedView closePerson(
      @PathVariable long networkId,
      @PathVariable String username,
      @Valid @RequestBody ChangeRequest request,
      Caller caller,
      HttpServletRequest http) {
    NetworkId network = context.networkById(caller, Role.COORDINATOR, networkId);
    return personChanged(
        caller,
        http,
        AuditAction.PERSON_CLOSED,
        network,
        username,
        request.reason(),
        closing.close(network, person(username), request.reason(), actor(caller)));
  }

  private ChangedView changed(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      Account account,
      String reason,
      Outcome<List<StatusChange>> outcome) {
    List<StatusChange> changes = LedgerProblems.done(outcome);
    if (!changes.isEmpty()) {
      audit.record(
          caller,
          http,
          action,
          account.network(),
          "account " + account.id().value(),
          Map.of("reason", reason, "status", changes.get(0).to().name()));
    }
    Account now = context.ledger().accounts().find(account.network(), account.id()).orElseThrow();
    return new ChangedView(
        List.of(AccountView.of(now, context.network(now.network()))),
        changes.stream().map(ChangeView::of).toList());
  }

  ChangedView personChanged(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      NetworkId network,
      String username,
      String reason,
      Outcome<List<StatusChange>> outcome) {
    if (outcome instanceof Outcome.Refused<?> refused
        && refused.reason() == OperationReason.ACCOUNT_NOT_FOUND) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND); // nobody of that name holds anything
    }
    List<StatusChange> changes = LedgerProblems.done(outcome);
    if (!changes.isEmpty()) {
      audit.record(
          caller,
          http,
          action,
          network,
          "person " + username,
          Map.of(
              "reason",
              reason,
              "accounts",
              changes.stream().map(c -> c.account().value()).toList()));
    }
    var accounts =
        context.ledger().accounts().list(network).stream()
            .filter(a -> a.ownerRef().equals(username))
            .filter(a -> a.ownerKind() != coop.sol.ledger.account.OwnerKind.SYSTEM)
            .map(a -> AccountView.of(a, context.network(network)))
            .toList();
    return new ChangedView(accounts, changes.stream().map(ChangeView::of).toList());
  }

  /** The account with this id in a network the caller coordinates; 404 otherwise. */
  Account coordinated(Caller caller, long id) {
    Optional<Account> found =
        id <= 0
            ? Optional.empty()
            : context
                .ledger()
                .accounts()
                .findIn(caller.networksAs(Role.COORDINATOR), new AccountId(id));
    return found.orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  static String person(String username) {
    if (!Username.isValid(username)) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return username;
  }

  static Actor actor(Caller caller) {
    return Actor.of(caller.username());
  }
}
