package coop.sol.merchant.till;

import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.QrScanner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code scan photo.png --amount 12.50}: reads a member's pay token from a photo, checks it with
 * the network's keys (offline if need be: signature, network, expiry, cap), then charges it. When
 * the API cannot be reached the charge is queued, to be sent by {@code sync} or the next command;
 * the ledger then decides whether the token is still unused and the funds there.
 */
@Command(
    name = "scan",
    description = "Lire le jeton de paiement d'un client sur une photo et l'encaisser.")
final class ScanCommand implements Callable<Integer> {
  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Photo ou capture du QR code (PNG, JPEG...)")
  Path photo;

  @Option(
      names = "--amount",
      required = true,
      description = "Montant à encaisser, par exemple 12.50")
  String amount;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TillApi api = till.api(spec);
    long account = till.account(spec);
    Optional<Long> minorUnits = Codes.minorUnits(amount);
    if (minorUnits.isEmpty()) {
      out.println("Montant invalide : " + amount + " (par exemple 12.50).");
      return Exit.USAGE;
    }
    BufferedImage image;
    try {
      image = ImageIO.read(photo.toFile());
    } catch (IOException e) {
      image = null;
    }
    if (image == null) {
      out.println("Image illisible : " + photo);
      return Exit.USAGE;
    }
    till.sendQueued(spec);
    KeyCache.Network network;
    try {
      network = till.keys().forAccount(api, account);
    } catch (TillApi.Unreachable offline) {
      out.println(
          "API injoignable et aucune clé en cache pour le compte "
              + account
              + " : connectez la caisse une première fois.");
      return Exit.UNREACHABLE;
    } catch (TillApi.Refused refusal) {
      out.printf("Compte %d refusé (%s) : %s%n", account, refusal.code(), refusal.detail());
      return Exit.REFUSED;
    }
    Instant scannedAt = till.clock().instant();
    List<String> texts = QrScanner.scan(image);
    String text = null;
    Verification verification = new Verification.Rejected(RejectionReason.NOT_A_QR_CODE);
    for (String candidate : texts) {
      Verification checked =
          PaymentCodes.verify(candidate, network.keys(), network.networkId(), scannedAt);
      if (checked instanceof Verification.Verified) {
        text = candidate;
        verification = checked;
        break;
      }
      // the first refusal of a code that looked like ours says most (the shop's Wi-Fi code does
      // not)
      boolean better =
          verification instanceof Verification.Rejected previous
              && (previous.reason() == RejectionReason.NOT_A_QR_CODE
                  || previous.reason() == RejectionReason.NOT_OURS);
      if (better) {
        verification = checked;
      }
    }
    if (verification instanceof Verification.Rejected rejected) {
      out.println("Code refusé : " + Codes.reason(rejected.reason()) + ".");
      return Exit.REFUSED;
    }
    var verified = (Verification.Verified) verification;
    if (!(verified.code() instanceof PayTokenCode token)) {
      out.println("Ce n'est pas un jeton de paiement : " + Codes.describe(verified.code()) + ".");
      return Exit.REFUSED;
    }
    out.println(
        "Jeton vérifié"
            + (network.fresh() ? "" : " (hors ligne, clés en cache)")
            + " : "
            + Codes.describe(token)
            + ".");
    if (minorUnits.get() > token.cap()) {
      out.printf(
          "Montant refusé : %s dépasse le plafond du jeton (%s).%n",
          AmountFormat.SOL.format(minorUnits.get()), AmountFormat.SOL.format(token.cap()));
      return Exit.REFUSED;
    }
    OfflineQueue.Charge charge =
        new OfflineQueue.Charge(
            text,
            account,
            amount.strip(),
            "till-pt-" + token.nonce(),
            scannedAt,
            token.nonce().toString());
    try {
      TillApi.Answer answer =
          api.post(
              "/api/v1/pay-tokens/redeem",
              TillApi.JSON
                  .createObjectNode()
                  .put("code", charge.code())
                  .put("merchantAccountId", account)
                  .put("amount", charge.amount()),
              charge.idempotencyKey());
      out.printf(
          "ENCAISSÉ : %s SOL (virement %d)%s%n",
          answer.body().get("amount").asString(),
          answer.body().get("id").asLong(),
          answer.replayed() ? " — déjà encaissé par cette caisse" : "");
      return Exit.OK;
    } catch (TillApi.Refused refusal) {
      out.printf("Encaissement refusé (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    } catch (TillApi.Unreachable offline) {
      till.queue().add(charge);
      out.println(
          "HORS LIGNE : jeton vérifié (signature, réseau, expiration, plafond) ; encaissement mis en"
              + " file, envoyé par « sync » ou la prochaine commande. Le réseau décidera (usage"
              + " unique, solde).");
      return Exit.QUEUED;
    }
  }
}
