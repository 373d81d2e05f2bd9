package coop.sol.web.cashier;

import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/cashiers}: a merchant's cashiers and their refund limits. */
@RestController
@RequestMapping(path = "/api/v1/cashiers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Caissiers", description = "Les caissiers d'un commerçant et leurs plafonds")
class CashierController {
  private final CashierRefundLimits cashiers;
  private final NetworkDirectory networks;

  CashierController(CashierRefundLimits cashiers, NetworkDirectory networks) {
    this.cashiers = cashiers;
    this.networks = networks;
  }

  /**
   * @param refundLimits the most the cashier may refund at once, per strand, as decimal strings; a
   *     strand missing here allows no refund
   */
  @Schema(name = "Cashier")
  record CashierView(
      long id,
      String network,
      String username,
      String displayName,
      @Schema(example = "{\"COOPERATION\": \"20.00\"}") Map<String, String> refundLimits) {}

  @Schema(name = "RefundLimit")
  record RefundLimitRequest(
      @Schema(
              description = "Plafond d'un remboursement, chaîne décimale ; \"0\" interdit tout",
              example = "20.00",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String amount) {}

  @GetMapping
  @Operation(summary = "Mes caissiers et leurs plafonds de remboursement")
  List<CashierView> list(Caller caller) {
    return cashiers.of(caller.username(), caller.networksAs(Role.MERCHANT)).stream()
        .map(this::view)
        .toList();
  }

  @PutMapping(path = "/{id}/refund-limits/{strand}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fixer le plafond de remboursement d'un de mes caissiers",
      description =
          "Par branche de SOL. 404 pour un caissier qui n'est pas le vôtre. Inscrit au journal"
              + " d'audit.")
  CashierView setLimit(
      @PathVariable long id,
      @Parameter(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          @PathVariable
          String strand,
      @RequestBody RefundLimitRequest request,
      Caller caller,
      HttpServletRequest http) {
    var cashier =
        cashiers
            .find(id)
            .filter(
                c ->
                    c.merchant().equals(caller.username())
                        && caller.holds(Role.MERCHANT, c.network()))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    StrandKind kind = solStrand(strand);
    int scale = networks.scale(cashier.network(), kind);
    long limit = ApiAmounts.parseNonNegative(request == null ? null : request.amount(), scale);
    return view(
        cashiers.setLimit(
            cashier,
            kind,
            limit,
            caller.userId(),
            caller.username(),
            ClientAddress.of(http),
            Decimals.format(limit, scale)));
  }

  private static StrandKind solStrand(String name) {
    try {
      StrandKind kind = StrandKind.valueOf(name);
      if (kind != StrandKind.EURO) {
        return kind;
      }
    } catch (IllegalArgumentException unknown) {
      // answered below
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER, "Branche inconnue : COOPERATION, ENGAGEMENT ou AFFECTE.");
  }

  private CashierView view(coop.sol.ledger.cashier.StoredCashier cashier) {
    Map<String, String> limits = new LinkedHashMap<>();
    cashier
        .limits()
        .forEach(
            (strand, limit) ->
                limits.put(
                    strand.name(),
                    Decimals.format(limit, networks.scale(cashier.network(), strand))));
    return new CashierView(
        cashier.id(),
        networks.network(cashier.network()).code(),
        cashier.username(),
        cashier.displayName(),
        limits);
  }
}
