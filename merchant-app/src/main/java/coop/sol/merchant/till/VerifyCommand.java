package coop.sol.merchant.till;

import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code verify <payload|link>}: says whether a code is genuine, of the till's network and
 * unexpired, and what it asks; offline with the cached keys when the API cannot be reached. It
 * cannot say whether a single-use code was already used: only the ledger knows.
 */
@Command(
    name = "verify",
    description = "Vérifier un code de paiement (lien ou code), même hors ligne.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Le lien https://…/p/… ou le code seul")
  String text;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TillApi api = till.api(spec);
    long account = till.account(spec);
    till.sendQueued(spec);
    KeyCache.Network network;
    try {
      network = till.keys().forAccount(api, account);
    } catch (TillApi.Unreachable offline) {
      out.println(
          "API injoignable et aucune clé en cache : connectez la caisse une première fois.");
      return Exit.UNREACHABLE;
    } catch (TillApi.Refused refusal) {
      out.printf("Compte %d refusé (%s) : %s%n", account, refusal.code(), refusal.detail());
      return Exit.REFUSED;
    }
    Verification verification =
        PaymentCodes.verify(text, network.keys(), network.networkId(), till.clock().instant());
    if (verification instanceof Verification.Verified verified) {
      out.println(
          "AUTHENTIQUE"
              + (network.fresh() ? "" : " (clés en cache)")
              + " : "
              + Codes.describe(verified.code())
              + ", signé par la clé "
              + verified.keyId()
              + ".");
      return Exit.OK;
    }
    out.println("REFUSÉ : " + Codes.reason(((Verification.Rejected) verification).reason()) + ".");
    return Exit.REFUSED;
  }
}
