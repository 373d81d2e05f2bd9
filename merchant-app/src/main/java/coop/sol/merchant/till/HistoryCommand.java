package coop.sol.merchant.till;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code history [--limit N]}: the merchant account's latest transfers, newest first. The account's
 * history is the merchant's: a cashier's token does not see it.
 */
@Command(name = "history", description = "Les derniers mouvements du compte commerçant.")
final class HistoryCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Combien (1 à 200, défaut : ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TillApi api = till.api(spec);
    long account = till.account(spec);
    till.sendQueued(spec);
    JsonNode page;
    try {
      page = api.get("/api/v1/accounts/" + account + "/transfers?limit=" + limit);
    } catch (TillApi.Unreachable offline) {
      out.println("API injoignable : " + api.base());
      return Exit.UNREACHABLE;
    } catch (TillApi.Refused refusal) {
      if (refusal.status() == 404) {
        out.println(
            "Historique du compte "
                + account
                + " introuvable pour ce jeton (un caissier ne voit pas l'historique du commerçant).");
      } else {
        out.printf("Refusé (%s) : %s%n", refusal.code(), refusal.detail());
      }
      return Exit.REFUSED;
    }
    if (page.get("items").isEmpty()) {
      out.println("Aucun mouvement.");
    }
    for (JsonNode item : page.get("items")) {
      JsonNode transfer = item.get("transfer");
      boolean credit = "CREDIT".equals(item.get("direction").asString());
      String text = transfer.get("reference").asString();
      if (text.isEmpty()) {
        text = transfer.get("memo").asString();
      }
      out.printf(
          "%s  %9d  %-8s %s%10s  compte %-8d %s%n",
          TIME.format(java.time.Instant.parse(transfer.get("createdAt").asString())),
          transfer.get("id").asLong(),
          transfer.get("code").asString(),
          credit ? "+" : "-",
          transfer.get("amount").asString(),
          item.get("counterpartyAccountId").asLong(),
          text);
    }
    return Exit.OK;
  }
}
