package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.reward.PurchaseReward;
import coop.sol.ledger.reward.RewardPaid;
import coop.sol.ledger.reward.Rewards;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/rewards}: a merchant (or their cashier, at the till) records a purchase a
 * member paid in euros; the member receives the merchant's reward rate of it in SOL Coopération,
 * paid from the merchant's account.
 */
@RestController
@RequestMapping(path = "/api/v1/rewards", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Récompenses", description = "SOL Coopération rendus sur les achats en euros")
class RewardController {
  private final Rewards rewards;
  private final OperationContext context;

  RewardController(Operations operations, OperationContext context) {
    this.rewards = operations.rewards();
    this.context = context;
  }

  /**
   * @param memberAccountId the member's SOL Coopération account
   * @param receipt the merchant's reference of the purchase (ticket number)
   */
  @Schema(name = "RewardRequest")
  record RewardRequest(
      @NotNull Long memberAccountId,
      @Schema(
              description = "Achat payé en euros, chaîne décimale",
              example = "12.34",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String eurosPaid,
      @Size(max = 200) @Schema(nullable = true) String receipt) {}

  /**
   * @param amount SOL paid to the member: floor(euros / euro rate × reward rate)
   */
  @Schema(name = "Reward")
  record RewardView(
      String network,
      String merchant,
      @Schema(example = "5.00") String ratePercent,
      String eurosPaid,
      String amount,
      TransferView transfer) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Récompenser un achat payé en euros",
      description =
          "Par un commerçant ou son caissier : l'adhérent reçoit le taux de récompense du"
              + " commerçant en SOL Coopération, payés par le compte du commerçant (REWARD)."
              + " NO_REWARD_RATE si le commerçant n'en a pas, AMOUNT_ROUNDS_TO_ZERO si l'achat"
              + " est trop petit. Idempotency-Key obligatoire.")
  @ApiResponse(responseCode = "201", description = "Récompense versée")
  ResponseEntity<RewardView> reward(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody RewardRequest request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    Set<NetworkId> scope = new LinkedHashSet<>(caller.networksAs(Role.MERCHANT));
    scope.addAll(caller.networksAs(Role.CASHIER));
    Account member = context.accountIn(scope, request.memberAccountId());
    NetworkId network = member.network();
    String merchant = merchantOf(caller, network);
    Account merchantAccount =
        context
            .ownAccount(network, OwnerKind.MERCHANT, merchant, StrandKind.COOPERATION)
            .orElseThrow(() -> LedgerProblems.problem(OperationReason.ACCOUNT_NOT_FOUND));
    Amount euros = context.amount(network, StrandKind.EURO, request.eurosPaid());
    RewardPaid paid =
        LedgerProblems.done(
            rewards.reward(
                new PurchaseReward(
                    network, key, merchantAccount.id(), member.id(), euros, request.receipt())));
    return OperationContext.posted(
        new RewardView(
            context.network(network).code(),
            merchant,
            NetworkSettingsController.percent(paid.rate()),
            context.format(network, StrandKind.EURO, euros.minorUnits()),
            context.format(network, StrandKind.COOPERATION, paid.amount()),
            context.view(paid.transfer())),
        paid.replayed());
  }

  /**
   * The merchant the caller acts for in the network: themselves, or the one whose till they work.
   */
  private static String merchantOf(Caller caller, NetworkId network) {
    if (caller.holds(Role.MERCHANT, network)) {
      return caller.username();
    }
    return caller.grants().stream()
        .filter(g -> g.role() == Role.CASHIER && network.equals(g.network()))
        .map(RoleGrant::merchantRef)
        .findFirst()
        .orElseThrow();
  }
}
