package coop.sol.merchant.till;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refund <transferId> [amount]}: refunds all or part of a payment the merchant received. A
 * cashier refunds within the limit the merchant set; the ledger keeps the refunds of a payment
 * within its amount.
 */
@Command(name = "refund", description = "Rembourser tout ou partie d'un paiement reçu.")
final class RefundCommand implements Callable<Integer> {
  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Le virement du paiement à rembourser")
  long transferId;

  @Parameters(index = "1", arity = "0..1", description = "Montant (défaut : tout le paiement)")
  String amount;

  @Option(names = "--memo", description = "Motif, visible des deux côtés")
  String memo;

  @Option(
      names = "--idempotency-key",
      description = "Pour rejouer sans risque un remboursement dont la réponse s'est perdue")
  String idempotencyKey;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TillApi api = till.api(spec);
    till.sendQueued(spec);
    String key = idempotencyKey != null ? idempotencyKey : "till-refund-" + UUID.randomUUID();
    try {
      TillApi.Answer answer =
          api.post(
              "/api/v1/transfers/" + transferId + "/refunds",
              TillApi.JSON.createObjectNode().put("amount", amount).put("memo", memo),
              key);
      out.printf(
          "REMBOURSÉ : %s SOL au compte %d (virement %d)%s%n",
          answer.body().get("amount").asString(),
          answer.body().get("creditAccountId").asLong(),
          answer.body().get("id").asLong(),
          answer.replayed() ? " — déjà fait avec cette clé" : "");
      return Exit.OK;
    } catch (TillApi.Refused refusal) {
      out.printf("Remboursement refusé (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    } catch (TillApi.Unreachable offline) {
      out.printf(
          "API injoignable : rien n'est remboursé. Réessayez avec --idempotency-key %s%n", key);
      return Exit.UNREACHABLE;
    }
  }
}
