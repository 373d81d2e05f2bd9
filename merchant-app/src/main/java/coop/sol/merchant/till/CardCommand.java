package coop.sol.merchant.till;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.SealedForNetwork;
import coop.sol.merchant.code.MemberCardCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.Verification;
import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.QrScanner;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code card photo.png --amount 8.00} (or the card's number typed): a member card at the till.
 * Online, the server names the holder (first name), the holder types their PIN (no echo), and the
 * charge goes through {@code POST /api/v1/cards/charge}. Offline, the till accepts the scanned card
 * only below the network's offline cap, after checking its signature with the cached keys and the
 * revocation list of the last {@code sync}; the PIN is sealed for the network's key and the charge
 * queued, the server checking the PIN when it is sent (docs/member-card.md).
 */
@Command(
    name = "card",
    description =
        "Encaisser avec une carte SOL : photo du QR code de la carte ou numéro imprimé, puis code"
            + " PIN tapé par le titulaire.")
final class CardCommand implements Callable<Integer> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      description = "Photo du QR code de la carte (PNG, JPEG...) ou numéro de la carte")
  String card;

  @Option(
      names = "--amount",
      required = true,
      description = "Montant à encaisser, par exemple 8.00")
  String amount;

  @Option(
      names = "--idempotency-key",
      description =
          "Clé d'un encaissement dont la réponse a été perdue, pour le relancer sans risque")
  String idempotencyKey;

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
    String typedAmount = amount.strip();
    String number = null;
    List<String> texts = List.of();
    Path photo = Path.of(card);
    if (Files.isRegularFile(photo)) {
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
      texts = QrScanner.scan(image);
    } else if (card.strip().matches("[0-9 ]{12,20}")) {
      number = card.strip();
    } else {
      out.println("Ni une image ni un numéro de carte : " + card);
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
    Instant readAt = till.clock().instant();
    String code = null;
    MemberCardCode memberCard = null;
    if (number == null) {
      Verification verification = new Verification.Rejected(RejectionReason.NOT_A_QR_CODE);
      for (String candidate : texts) {
        Verification checked =
            PaymentCodes.verify(candidate, network.keys(), network.networkId(), readAt);
        if (checked instanceof Verification.Verified verified
            && verified.code() instanceof MemberCardCode c) {
          code = candidate;
          memberCard = c;
          break;
        }
        if (verification instanceof Verification.Rejected previous
            && (previous.reason() == RejectionReason.NOT_A_QR_CODE
                || previous.reason() == RejectionReason.NOT_OURS)) {
          verification = checked;
        }
      }
      if (memberCard == null) {
        if (verification instanceof Verification.Rejected rejected) {
          out.println("Carte refusée : " + Codes.reason(rejected.reason()) + ".");
        } else {
          out.println(
              "Ce n'est pas une carte SOL : "
                  + Codes.describe(((Verification.Verified) verification).code())
                  + ".");
        }
        return Exit.REFUSED;
      }
    }
    String key = idempotencyKey != null ? idempotencyKey : "till-card-" + UUID.randomUUID();

    // online: the server reads the card (its state now) and names its holder
    ObjectNode read = TillApi.JSON.createObjectNode().put("merchantAccountId", account);
    if (code != null) {
      read.put("card", code);
    } else {
      read.put("cardNumber", number);
    }
    String firstName;
    try {
      var atTill = api.post("/api/v1/cards/read", read, null).body();
      String state = atTill.get("state").asString();
      if (!"ACTIVE".equals(state)) {
        out.printf(
            "Carte refusée : %s.%n",
            "REPLACED".equals(state) ? "remplacée par une plus récente" : "bloquée");
        return Exit.REFUSED;
      }
      firstName = atTill.get("holderFirstName").asString();
    } catch (TillApi.Refused refusal) {
      out.printf("Carte refusée (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    } catch (TillApi.Unreachable offline) {
      return offline(
          out, api.base(), network, memberCard, code, minorUnits.get(), typedAmount, key, readAt);
    }

    out.printf("Carte de %s : %s.%n", firstName, AmountFormat.SOL.format(minorUnits.get()));
    char[] pin = till.pinPad().read("Code PIN du titulaire : ", out);
    ObjectNode charge =
        TillApi.JSON
            .createObjectNode()
            .put("merchantAccountId", account)
            .put("amount", typedAmount)
            .put("pin", new String(pin));
    Arrays.fill(pin, '\0');
    if (code != null) {
      charge.put("card", code);
    } else {
      charge.put("cardNumber", number);
    }
    try {
      TillApi.Answer answer = api.post("/api/v1/cards/charge", charge, key);
      out.printf(
          "ENCAISSÉ : %s SOL (virement %d)%s%n",
          answer.body().get("amount").asString(),
          answer.body().get("id").asLong(),
          answer.replayed() ? " — déjà encaissé avec cette clé" : "");
      return Exit.OK;
    } catch (TillApi.Refused refusal) {
      out.printf("Encaissement refusé (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    } catch (TillApi.Unreachable lost) {
      out.println(
          "API injoignable pendant l'encaissement : résultat inconnu. Relancez avec"
              + " --idempotency-key "
              + key
              + " (jamais deux fois encaissé).");
      return Exit.UNREACHABLE;
    }
  }

  /**
   * The API cannot be reached: the scanned card is accepted below the offline cap if the last
   * synced revocation list allows it, its PIN sealed for the network's key, the charge queued.
   */
  private int offline(
      PrintWriter out,
      String url,
      KeyCache.Network network,
      MemberCardCode memberCard,
      String code,
      long minorUnits,
      String typedAmount,
      String key,
      Instant readAt)
      throws IOException {
    if (memberCard == null) {
      out.println(
          "HORS LIGNE : un numéro saisi ne peut pas être vérifié sans le réseau ; scannez le QR code"
              + " de la carte.");
      return Exit.UNREACHABLE;
    }
    Optional<RevocationList.Snapshot> list = till.revocations().last(url, network.networkId());
    if (list.isEmpty()) {
      out.println(
          "HORS LIGNE : pas de liste de révocation des cartes (lancez « sync » une fois en ligne) :"
              + " carte refusée.");
      return Exit.REFUSED;
    }
    RevocationList.Snapshot snapshot = list.get();
    long cap = Codes.minorUnits(snapshot.offlineCap()).orElse(0L);
    if (minorUnits > cap) {
      out.printf(
          "HORS LIGNE : %s dépasse le plafond hors ligne des cartes (%s) : carte refusée.%n",
          AmountFormat.SOL.format(minorUnits), AmountFormat.SOL.format(cap));
      return Exit.REFUSED;
    }
    RevocationList.Status known = snapshot.cards().get(memberCard.cardId());
    if (known != null && memberCard.version() < known.version()) {
      out.printf(
          "HORS LIGNE : carte remplacée (version %d, la liste du %s connaît la version %d) :"
              + " refusée.%n",
          memberCard.version(), snapshot.syncedAt(), known.version());
      return Exit.REFUSED;
    }
    if (known != null
        && memberCard.version() == known.version()
        && !"ACTIVE".equals(known.state())) {
      out.printf("HORS LIGNE : carte bloquée (liste du %s) : refusée.%n", snapshot.syncedAt());
      return Exit.REFUSED;
    }
    if (network.activeKey().isEmpty()) {
      out.println("HORS LIGNE : aucune clé active du réseau en cache : carte refusée.");
      return Exit.REFUSED;
    }
    out.printf(
        "HORS LIGNE : carte %d (version %d) vérifiée (signature, liste de révocation du %s) :"
            + " %s.%n",
        memberCard.cardId(),
        memberCard.version(),
        snapshot.syncedAt(),
        AmountFormat.SOL.format(minorUnits));
    char[] pin = till.pinPad().read("Code PIN du titulaire : ", out);
    byte[] digits = new String(pin).getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(pin, '\0');
    if (digits.length == 0) {
      out.println("Aucun code PIN tapé : carte refusée.");
      return Exit.REFUSED;
    }
    NetworkKey sealFor = network.activeKey().get();
    String sealed =
        SealedForNetwork.seal(
            sealFor,
            digits,
            MemberCardCode.pinSealContext(till.account(spec), key, typedAmount, code, null),
            RANDOM);
    Arrays.fill(digits, (byte) 0);
    till.queue()
        .add(
            new OfflineQueue.Charge(
                code,
                till.account(spec),
                typedAmount,
                key,
                readAt,
                "carte " + memberCard.cardId() + " v" + memberCard.version(),
                sealed));
    out.println(
        "HORS LIGNE : encaissement par carte mis en file, envoyé par « sync » ou la prochaine"
            + " commande. Le code PIN (scellé pour la clé du réseau) sera vérifié à l'envoi : un"
            + " code faux le fera refuser.");
    return Exit.QUEUED;
  }
}
