package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.payment.Paid;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.Payments;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.ledger.voucher.VoucherGranted;
import coop.sol.ledger.voucher.VoucherHolding;
import coop.sol.ledger.voucher.VoucherLot;
import coop.sol.ledger.voucher.Vouchers;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/vouchers}: earmarked vouchers (SOL Affecté). A funder grants a member a lot, valid
 * until its expiry at merchants of its categories; the member pays merchants from their lots (the
 * only way the API spends SOL Affecté of a lot: the category and expiry checks live here) and reads
 * what is left of each.
 */
@RestController
@RequestMapping(path = "/api/v1/vouchers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "SOL Affecté", description = "Chèques fléchés : attribution, paiement, soldes")
class VoucherController {
  private final Vouchers vouchers;
  private final Payments payments;
  private final Clock clock;
  private final OperationContext context;

  VoucherController(Operations operations, OperationContext context, Clock clock) {
    this.vouchers = operations.vouchers();
    this.payments = operations.payments();
    this.context = context;
    this.clock = clock;
  }

  /**
   * @param network the network's code, if the funder funds in several
   * @param beneficiary the member's username
   * @param expiresAt spendable strictly before this instant; then what is left returns to the
   *     funder
   * @param categories merchant categories where the lot may be spent
   * @param label what the beneficiary reads
   */
  @Schema(name = "VoucherGrantRequest")
  record GrantRequest(
      @Schema(nullable = true) String network,
      @NotNull @Size(min = 1, max = 100) String beneficiary,
      @Schema(example = "40.00", requiredMode = Schema.RequiredMode.REQUIRED) String amount,
      @NotNull Instant expiresAt,
      @NotNull @Size(min = 1, max = 20) List<@NotNull String> categories,
      @NotNull @Size(min = 1, max = 200) @Schema(example = "Chèque alimentation") String label) {}

  @Schema(name = "VoucherGranted")
  record GrantView(LotView lot, TransferView transfer) {}

  /**
   * @param accountId the lot's own SOL Affecté account
   * @param granted amount granted
   * @param remaining what is left of it
   * @param spendable valid now, open and not empty
   */
  @Schema(name = "VoucherLot")
  record LotView(
      String network,
      long accountId,
      String label,
      String beneficiary,
      String granted,
      String remaining,
      Instant grantedAt,
      Instant expiresAt,
      List<String> categories,
      @Schema(allowableValues = {"OPEN", "FROZEN", "CLOSED"}) String status,
      boolean spendable) {}

  /**
   * @param merchantAccountId the merchant's SOL Affecté account
   * @param reference a payment request, a ticket
   */
  @Schema(name = "VoucherPaymentRequest")
  record PaymentRequest(
      @NotNull Long merchantAccountId,
      @Schema(example = "12.50", requiredMode = Schema.RequiredMode.REQUIRED) String amount,
      @Size(max = 200) @Schema(nullable = true) String reference) {}

  /**
   * @param transfers one PAYMENT per lot drawn on (earliest expiry first)
   */
  @Schema(name = "VoucherPaid")
  record PaymentView(String network, String amount, List<TransferView> transfers) {}

  @PostMapping(path = "/grants", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Attribuer des SOL Affecté à un adhérent",
      description =
          "Par un financeur, depuis son compte SOL Affecté : un lot à part, avec sa date"
              + " d'expiration et ses catégories de commerçants (UNKNOWN_CATEGORY,"
              + " EXPIRY_NOT_IN_FUTURE). Idempotency-Key obligatoire : elle identifie le lot.")
  @ApiResponse(responseCode = "201", description = "Lot attribué")
  ResponseEntity<GrantView> grant(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody GrantRequest request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    NetworkId network = context.networkAs(caller, Role.FUNDER, request.network());
    Account funder = context.ownAccount(caller, network, OwnerKind.FUNDER, StrandKind.AFFECTE);
    if (context
        .ledger()
        .accounts()
        .findByOwner(network, OwnerKind.MEMBER, request.beneficiary())
        .isEmpty()) {
      throw LedgerProblems.problem(OperationReason.ACCOUNT_NOT_FOUND);
    }
    for (String code : request.categories()) {
      if (!code.matches("[A-Z][A-Z0-9_]{0,39}")) {
        throw LedgerProblems.problem(OperationReason.UNKNOWN_CATEGORY);
      }
    }
    Amount amount = context.amount(network, StrandKind.AFFECTE, request.amount());
    VoucherGranted granted =
        LedgerProblems.done(
            vouchers.grant(
                new VoucherGrant(
                    network,
                    key,
                    funder.id(),
                    request.beneficiary(),
                    amount,
                    request.expiresAt(),
                    new TreeSet<>(request.categories()),
                    request.label())));
    VoucherHolding holding = vouchers.lot(network, granted.lot().account()).orElseThrow();
    return OperationContext.posted(
        new GrantView(lot(holding), context.view(granted.transfer())), granted.replayed());
  }

  @PostMapping(path = "/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Payer un commerçant en SOL Affecté",
      description =
          "Par un adhérent, depuis ses lots valides dont une catégorie est celle du commerçant,"
              + " les plus proches de l'expiration d'abord. MERCHANT_CATEGORY_NOT_ALLOWED si ses"
              + " lots ne valent pas chez ce commerçant, VOUCHERS_EXPIRED s'ils ont expiré,"
              + " INSUFFICIENT_FUNDS s'ils ne couvrent pas le montant. Idempotency-Key"
              + " obligatoire.")
  @ApiResponse(responseCode = "201", description = "Paiement effectué")
  ResponseEntity<PaymentView> pay(
      @RequestHeader(name = ClientKeys.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody PaymentRequest request,
      Caller caller) {
    IdempotencyKey key = OperationContext.key(caller, idempotencyKey);
    Account merchant =
        context.accountIn(caller.networksAs(Role.MEMBER), request.merchantAccountId());
    NetworkId network = merchant.network();
    Amount amount = context.amount(network, StrandKind.AFFECTE, request.amount());
    Paid paid =
        LedgerProblems.done(
            payments.pay(
                new PaymentOrder(
                    network,
                    key,
                    context.payer(caller, network),
                    Source.vouchers(),
                    StrandKind.AFFECTE,
                    merchant.id(),
                    amount,
                    request.reference(),
                    "")));
    return OperationContext.posted(
        new PaymentView(
            context.network(network).code(),
            context.format(network, StrandKind.AFFECTE, paid.amount()),
            context.views(paid.legs())),
        paid.replayed());
  }

  @GetMapping("/holdings")
  @Operation(
      summary = "Mes SOL Affecté, lot par lot",
      description =
          "Chaque lot reçu : montant attribué, reste, expiration, catégories ; les plus proches"
              + " de l'expiration d'abord.")
  List<LotView> holdings(Caller caller) {
    List<LotView> lots = new ArrayList<>();
    for (NetworkId network : caller.networksAs(Role.MEMBER)) {
      vouchers.holdings(network, caller.username()).forEach(h -> lots.add(lot(h)));
    }
    return lots;
  }

  private LotView lot(VoucherHolding h) {
    VoucherLot lot = h.lot();
    NetworkId network = lot.network();
    String label =
        context.ledger().accounts().find(network, lot.account()).map(Account::name).orElse("");
    return new LotView(
        context.network(network).code(),
        lot.account().value(),
        label,
        lot.beneficiaryRef(),
        context.format(network, StrandKind.AFFECTE, lot.amount()),
        context.format(network, StrandKind.AFFECTE, h.remaining()),
        lot.grantedAt(),
        lot.expiresAt(),
        List.copyOf(new TreeSet<>(lot.categories())),
        h.status().name(),
        h.status() == AccountStatus.OPEN && h.remaining() > 0 && lot.validAt(clock.instant()));
  }
}
