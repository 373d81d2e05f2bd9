package coop.sol.web.transfer;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.db.ReadSource.Freshness;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Payments, transfers, and accounts' histories. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Virements", description = "Paiements, virements et historiques")
class TransferController {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;

  private final Payments payments;
  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;

  TransferController(
      Payments payments, Ledger ledger, AccountAccess access, NetworkDirectory networks) {
    this.payments = payments;
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
  }

  /**
   * A payment. The amount is a decimal string, never a JSON number: {@code "12.50"}.
   *
   * @param reference the payer's reference (an invoice number...), at most 200 characters
   * @param memo free text shown to both sides, at most 500 characters
   * @param toUsername instead of creditAccountId: the member to pay, by username
   */
  @Schema(name = "PaymentRequest")
  record PaymentRequest(
      @NotNull @Schema(description = "Compte à débiter : un compte dont vous êtes titulaire")
          Long debitAccountId,
      @Schema(
              description =
                  "Compte à créditer, du même réseau et de la même branche ; ou bien toUsername",
              nullable = true)
          Long creditAccountId,
      @Size(max = 63)
          @Schema(
              description =
                  "Au lieu de creditAccountId : le nom d'utilisateur de l'adhérent à payer, sur"
                      + " son compte de la branche du compte débité (si le réseau permet aux"
                      + " adhérents de se payer entre eux)",
              nullable = true,
              example = "alice")
          String toUsername,
      @Schema(
              description =
                  "Montant en chaîne décimale, au plus autant de décimales que la branche",
              example = "12.50",
              pattern = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?$",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String amount,
      @Size(max = 200) @Schema(nullable = true) String reference,
      @Size(max = 500) @Schema(nullable = true) String memo) {}

  /**
   * One line of an account's history: the transfer, and which side of it the account is on.
   *
   * @param direction DEBIT when money left the account, CREDIT when it came in
   */
  @Schema(name = "HistoryEntry")
  record HistoryEntry(
      @Schema(allowableValues = {"DEBIT", "CREDIT"}) String direction,
      long counterpartyAccountId,
      TransferView transfer) {}

  /**
   * @param nextBefore pass it as {@code before} for the next (older) page; null on the last page
   */
  @Schema(name = "HistoryPage")
  record HistoryPage(List<HistoryEntry> items, @Schema(nullable = true) Long nextBefore) {}

  @PostMapping(path = "/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Payer",
      description =
          "Un paiement depuis un compte dont vous êtes titulaire vers un compte du même réseau et"
              + " de la même branche. L'en-tête Idempotency-Key (propre à chaque utilisateur) rend"
              + " la requête rejouable sans risque : la même clé avec le même corps rend le même"
              + " virement (200), avec un autre corps un problème 409. Le bénéficiaire est un"
              + " compte (creditAccountId) ou un adhérent désigné par son nom d'utilisateur"
              + " (toUsername), là où le réseau permet aux adhérents de se payer entre eux (sinon"
              + " 403 MEMBER_PAYMENTS_NOT_ALLOWED). Refus du grand livre : 409"
              + " ou 422 avec pour code la raison (INSUFFICIENT_FUNDS...), 503 avec Retry-After"
              + " s'il est momentanément saturé.")
  @ApiResponse(
      responseCode = "201",
      description = "Paiement effectué",
      headers =
          @Header(
              name = "Location",
              description = "/api/v1/transfers/{id}",
              schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(
      responseCode = "200",
      description = "Rejeu : ce paiement avait déjà été effectué avec cette clé",
      headers =
          @Header(
              name = "Idempotent-Replayed",
              description = "true",
              schema = @Schema(type = "string", allowableValues = "true")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = TransferView.class)))
  ResponseEntity<TransferView> pay(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody PaymentRequest request,
      Caller caller) {
    boolean byUsername = request.toUsername() != null;
    if (byUsername == (request.creditAccountId() != null)) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED,
          "Indiquez soit creditAccountId, soit toUsername.",
          byUsername ? "toUsername" : "creditAccountId");
    }
    var paid =
        byUsername
            ? payments.payMember(
                caller,
                idempotencyKey,
                request.debitAccountId(),
                request.toUsername(),
                request.amount(),
                request.reference(),
                request.memo())
            : payments.pay(
                caller,
                idempotencyKey,
                new Payments.Payment(
                    request.debitAccountId(),
                    request.creditAccountId(),
                    request.amount(),
                    request.reference(),
                    request.memo()));
    Transfer transfer = paid.transfer();
    TransferView view = TransferView.of(transfer, networks.network(transfer.network()));
    if (paid.replayed()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.id().value()))
        .body(view);
  }

  @GetMapping("/transfers/{id}")
  @Operation(
      summary = "Un virement",
      description =
          "Visible par les titulaires des deux comptes et par les coordinateurs du réseau ; pour"
              + " tout autre, 404.")
  TransferView transfer(@PathVariable long id, Caller caller) {
    Transfer transfer =
        visibleTransfer(caller, id)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    return TransferView.of(transfer, networks.network(transfer.network()));
  }

  @GetMapping("/accounts/{id}/transfers")
  @Operation(
      summary = "Historique d'un compte",
      description =
          "Du plus récent au plus ancien, par pages : passez nextBefore en « before » pour la"
              + " page suivante. Visible par le titulaire et par les coordinateurs du réseau."
              + " Lu sur le réplica de la base quand il y en a un à jour : les virements des"
              + " dernières secondes (au plus sol.database.replica-max-lag) peuvent manquer ;"
              + " GET /transfers/{id} et le solde du compte sont toujours à jour.")
  HistoryPage history(
      @PathVariable long id,
      @org.springdoc.core.annotations.ParameterObject HistoryParams params,
      Caller caller) {
    // The page needs only where the account is and whose it is, which never change: remembered
    // per instance, where reading the account's row took one of a history read's two statements.
    AccountAccess.Identity account =
        access
            .visibleIdentity(caller, id)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    Integer limit = params.limit();
    Long before = params.before();
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw invalidParameter("limit : de 1 à " + MAX_PAGE + ".");
    }
    if (before != null && before <= 0) {
      throw invalidParameter("before : un identifiant de virement, > 0.");
    }
    Instant fromInstant = instant("from", params.from());
    Instant toInstant = instant("to", params.to());
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new ApiProblemException(ProblemCode.INVALID_PERIOD, "from doit précéder to.", "to");
    }
    var query =
        new HistoryQuery(
            before == null ? null : new TransferId(before),
            fromInstant,
            toInstant,
            codes(params.code()),
            size);
    var network = networks.network(account.network());
    List<HistoryEntry> items =
        ledger
            .transfers()
            .history(account.network(), account.id(), query, Freshness.MAY_LAG)
            .stream()
            .map(
                t -> {
                  boolean debit = t.debit().equals(account.id());
                  return new HistoryEntry(
                      debit ? "DEBIT" : "CREDIT",
                      (debit ? t.credit() : t.debit()).value(),
                      TransferView.of(t, network));
                })
            .toList();
    Long next = items.size() == size ? items.get(items.size() - 1).transfer().id() : null;
    return new HistoryPage(items, next);
  }

  /**
   * The transfer if it touches an account the caller holds, or lies in a network they coordinate.
   */
  private Optional<Transfer> visibleTransfer(Caller caller, long id) {
    Set<NetworkId> scope = caller.networks();
    if (id <= 0 || scope.isEmpty()) {
      return Optional.empty();
    }
    return ledger
        .transfers()
        .findIn(scope, new TransferId(id))
        .filter(
            t ->
                caller.holds(Role.COORDINATOR, t.network())
                    || heldBy(caller, t.network(), t.debit())
                    || heldBy(caller, t.network(), t.credit()));
  }

  private boolean heldBy(Caller caller, NetworkId network, AccountId id) {
    return ledger.accounts().find(network, id).filter(a -> access.holds(caller, a)).isPresent();
  }

  private static Instant instant(String name, String text) {
    return text == null ? null : Dates.instant(name, text);
  }

  private static Set<TransferCode> codes(String[] names) {
    Set<TransferCode> codes = EnumSet.noneOf(TransferCode.class);
    if (names == null) {
      return codes;
    }
    for (String name : names) {
      try {
        codes.add(TransferCode.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw invalidParameter("code : code d'opération inconnu.");
      }
    }
    return codes;
  }

  private static ApiProblemException invalidParameter(String detail) {
    return new ApiProblemException(ProblemCode.INVALID_PARAMETER, detail);
  }
}
