package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.reconversion.ReconversionQuote;
import coop.sol.ledger.reconversion.ReconversionRequest;
import coop.sol.ledger.reconversion.Reconversions;
import coop.sol.ledger.reconversion.Reconverted;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reconversions}: a merchant (the owner: not their cashiers, never a member) turns
 * SOL Coopération of their own account back into euros, the fee going to the association's fund.
 */
@RestController
@RequestMapping(path = "/api/v1/reconversions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reconversion", description = "SOL Coopération rendus en euros par les commerçants")
class ReconversionController {
  private final Reconversions reconversions;
  private final OperationContext context;

  ReconversionController(Operations operations, OperationContext context) {
    this.reconversions = operations.reconversions();
    this.context = context;
  }

  /**
   * @param sol handed back, fee included
   * @param fee to the association's fund: ceil(sol × fee rate)
   * @param net returned to issuance: sol − fee
   * @param euros paid out: floor(net × euro rate)
   */
  @Schema(name = "ReconversionQuote")
  record QuoteView(
      String network,
      String sol,
      String fee,
      String net,
      String euros,
      @Schema(example = "5.00") String feePercent,
      @Schema(example = "1") String euroPerSol) {}

  /**
   * @param network the network's code, if the merchant trades in several
   */
  @Schema(name = "ReconversionRequest")
  record ReconversionBody(
      @Schema(nullable = true) String network,
      @Schema(
              description = "SOL Coopération rendus, commission comprise",
              example = "100.00",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String amount) {}

  /**
   * @param transfers RECONVERSION, RECONVERSION_FEE if any, RESERVE_WITHDRAWAL (euros paid out)
   */
  @Schema(name = "Reconversion")
  record ReconversionView(QuoteView quote, List<TransferView> transfers) {}

  @GetMapping("/quote")
  @Operation(
      summary = "Devis de reconversion",
      description =
          "Ce que rendrait maintenant la reconversion de ce montant : commission, net, euros"
              + " versés. Pour les commerçants.")
  QuoteView quote(
      // the example in JSON quotes: swagger-core reads an example as JSON, and 100.00 is a number
      @Parameter(
              description = "SOL Coopération à reconvertir, chaîne décimale",
              example = "\"100.00\"")
          @RequestParam
          String amount,
      @Parameter(description = "Code du réseau, si vous êtes commerçant dans plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    NetworkId id = context.networkAs(caller, Role.MERCHANT, network);
    Amount sol = context.amount(id, StrandKind.COOPERATION, amount);
    return view(id, LedgerProblems.done(reconversions.quote(id, sol)));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Reconvertir des SOL Coopération en euros",
      description =
          "Depuis le compte SOL Coopération du commerçant (son propriétaire seulement ; ni ses"
              + " caissiers, ni les adhérents) : virements liés vers l'émission (net), le fonds de"
              + " l'association (commission) et, en euros, du fonds de garantie vers l'extérieur."
              + " RESERVE_INSUFFICIENT si le fonds de garantie ne suffit pas. Idempotency-Key"
              + " obligatoire.")
  @ApiResponse(responseCode = "201", description = "Reconversion effectuée")
  ResponseEntity<ReconversionView> reconvert(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @RequestBody ReconversionBody request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    NetworkId network =
        context.networkAs(caller, Role.MERCHANT, request == null ? null : request.network());
    Account account =
        context.ownAccount(caller, network, OwnerKind.MERCHANT, StrandKind.COOPERATION);
    Amount sol =
        context.amount(network, StrandKind.COOPERATION, request == null ? null : request.amount());
    Reconverted done =
        LedgerProblems.done(
            reconversions.reconvert(new ReconversionRequest(network, key, account.id(), sol)));
    return OperationContext.posted(
        new ReconversionView(view(network, done.quote()), context.views(done.transfers())),
        done.replayed());
  }

  private QuoteView view(NetworkId network, ReconversionQuote q) {
    return new QuoteView(
        context.network(network).code(),
        context.format(network, StrandKind.COOPERATION, q.sol()),
        context.format(network, StrandKind.COOPERATION, q.fee()),
        context.format(network, StrandKind.COOPERATION, q.net()),
        context.format(network, StrandKind.EURO, q.euros()),
        NetworkSettingsController.percent(q.feeRate()),
        q.euroRate().eurosPerSol().toPlainString());
  }
}
