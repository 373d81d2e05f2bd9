package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.exchange.ExchangeOffices;
import coop.sol.ledger.exchange.ReserveStatement;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.exchange.SolPurchased;
import coop.sol.ledger.exchange.TillBanked;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/exchange}: exchange offices sell SOL Coopération for euros, and bank their tills;
 * coordinators read the reserve statement. An office is its agent: the euro till of an exchange
 * agent is the EXCHANGE_OFFICE account whose owner is their username, opened on their first sale.
 */
@RestController
@RequestMapping(path = "/api/v1/exchange", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Change", description = "Comptoirs de change, caisses et fonds de garantie")
class ExchangeController {
  private final ExchangeOffices exchange;
  private final OperationContext context;

  ExchangeController(Operations operations, OperationContext context) {
    this.exchange = operations.exchange();
    this.context = context;
  }

  /**
   * @param accountId the buyer's SOL Coopération account (a member's, a merchant's or an
   *     association's)
   */
  @Schema(name = "SolPurchaseRequest")
  record PurchaseRequest(
      @NotNull Long accountId,
      @Schema(
              description = "Euros reçus, chaîne décimale",
              example = "60.00",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String euros) {}

  /**
   * @param sol SOL issued for the euros: floor(euros / rate)
   * @param bonus SOL issued on top: floor(sol × bonus rate), "0.00" when none
   * @param transfers ISSUANCE, PURCHASE_BONUS if any, RESERVE_DEPOSIT (euros into the till)
   */
  @Schema(name = "SolPurchase")
  record PurchaseView(
      String network,
      String office,
      String euros,
      String sol,
      String bonus,
      List<TransferView> transfers) {}

  @Schema(name = "TillBankingRequest")
  record BankRequest(
      @Schema(
              description = "Euros versés au fonds de garantie",
              example = "60.00",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String euros) {}

  @Schema(name = "TillBanked")
  record BankedView(String network, String office, TransferView transfer) {}

  /**
   * @param solInCirculation SOL Coopération issued minus returned (bonuses included)
   * @param eurosHeld banked plus in the tills
   * @param circulationInEuros the circulation's value at the rate in force, rounded down
   * @param coverage euros held / that value, 4 decimals rounded down; null when nothing circulates
   */
  @Schema(name = "ReserveStatement")
  record ReserveView(
      String network,
      Instant at,
      String solInCirculation,
      String eurosBanked,
      String eurosInTills,
      String eurosHeld,
      @Schema(nullable = true) String euroPerSol,
      String circulationInEuros,
      @Schema(nullable = true, example = "0.9523") String coverage) {}

  @PostMapping(path = "/purchases", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Vendre des SOL Coopération contre des euros",
      description =
          "Par l'agent d'un comptoir de change, dans son réseau : les SOL (et le bonus) sont émis"
              + " sur le compte de l'acheteur, les euros entrent dans la caisse du comptoir, en"
              + " virements liés (tout ou rien). Idempotency-Key obligatoire : la même clé rend"
              + " la même vente (200, Idempotent-Replayed).")
  @ApiResponse(responseCode = "201", description = "Vente enregistrée")
  ResponseEntity<PurchaseView> buy(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody PurchaseRequest request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    Account buyer = context.accountIn(caller.networksAs(Role.EXCHANGE_AGENT), request.accountId());
    NetworkId network = buyer.network();
    Amount euros = context.amount(network, StrandKind.EURO, request.euros());
    exchange.openOffice(network, caller.username(), "Caisse en euros de " + caller.username());
    SolPurchased purchased =
        LedgerProblems.done(
            exchange.buy(new SolPurchase(network, key, caller.username(), buyer.id(), euros)));
    return OperationContext.posted(
        new PurchaseView(
            context.network(network).code(),
            caller.username(),
            context.format(network, StrandKind.EURO, purchased.euros()),
            context.format(network, StrandKind.COOPERATION, purchased.sol()),
            context.format(network, StrandKind.COOPERATION, purchased.bonus()),
            context.views(purchased.transfers())),
        purchased.replayed());
  }

  @PostMapping(path = "/offices/{id}/bank", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Verser la caisse d'un comptoir au fonds de garantie",
      description =
          "Par l'agent du comptoir : {id} est le compte en euros de sa caisse (404 pour une autre"
              + " caisse). INSUFFICIENT_FUNDS si la caisse contient moins. Idempotency-Key"
              + " obligatoire ; inscrit au journal d'audit.")
  @ApiResponse(responseCode = "201", description = "Versement enregistré")
  ResponseEntity<BankedView> bank(
      @PathVariable long id,
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @RequestBody BankRequest request,
      Caller caller,
      HttpServletRequest http) {
    Account till = till(caller, id);
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    NetworkId network = till.network();
    Amount euros =
        context.amount(network, StrandKind.EURO, request == null ? null : request.euros());
    TillBanked banked =
        LedgerProblems.done(exchange.bankTill(network, key, caller.username(), euros));
    if (!banked.replayed()) {
      context.audit(
          caller,
          http,
          AuditAction.EXCHANGE_TILL_BANKED,
          network,
          "till " + till.id().value(),
          Map.of(
              "euros",
              context.format(network, StrandKind.EURO, euros.minorUnits()),
              "transferId",
              banked.transfer().id().value()));
    }
    return OperationContext.posted(
        new BankedView(
            context.network(network).code(), caller.username(), context.view(banked.transfer())),
        banked.replayed());
  }

  @GetMapping("/reserve")
  @Operation(
      summary = "Fonds de garantie et circulation",
      description =
          "Pour les coordinateurs : SOL Coopération en circulation, euros au fonds de garantie et"
              + " dans les caisses, lus ensemble, et taux de couverture.")
  ReserveView reserve(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, network);
    ReserveStatement r = LedgerProblems.done(exchange.reserve(id));
    return new ReserveView(
        context.network(id).code(),
        r.at(),
        context.format(id, StrandKind.COOPERATION, r.solInCirculation()),
        context.format(id, StrandKind.EURO, r.eurosBanked()),
        context.format(id, StrandKind.EURO, r.eurosInTills()),
        context.format(id, StrandKind.EURO, r.eurosHeld()),
        r.euroRate().map(rate -> rate.eurosPerSol().toPlainString()).orElse(null),
        context.format(id, StrandKind.EURO, r.circulationInEuros()),
        r.coverage().map(BigDecimal::toPlainString).orElse(null));
  }

  /** The caller's own euro till with this id; 404 for anything else. */
  private Account till(Caller caller, long id) {
    if (id <= 0) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return context
        .ledger()
        .accounts()
        .findIn(caller.networksAs(Role.EXCHANGE_AGENT), new AccountId(id))
        .filter(a -> a.ownerKind() == OwnerKind.EXCHANGE_OFFICE)
        .filter(a -> a.strand() == StrandKind.EURO)
        .filter(a -> a.ownerRef().equals(caller.username()))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }
}
