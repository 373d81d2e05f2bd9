package coop.sol.merchant.till;

import coop.sol.merchant.qr.AmountFormat;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.merchant.qr.TerminalRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code charge 12.50 [--reference R]}: a single-use payment request, shown as a QR code in the
 * terminal and written as a PNG; then waits (live, server-sent events; polling if they fail) until
 * it is paid, expires or the wait ends, in which case it cancels the request so that nobody pays it
 * after the till gave up.
 */
@Command(
    name = "charge",
    description = "Demander un paiement par QR code et attendre qu'il soit payé.")
final class ChargeCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @ParentCommand SolTill till;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Montant, par exemple 12.50")
  String amount;

  @Option(
      names = "--reference",
      description = "Texte du commerçant (ticket, table), 40 octets au plus")
  String reference;

  @Option(
      names = "--expires",
      defaultValue = "300",
      description = "Validité de la demande en secondes (défaut : ${DEFAULT-VALUE})")
  int expiresInSeconds;

  @Option(
      names = "--wait",
      description = "Attente maximale du paiement en secondes (défaut : jusqu'à l'expiration)")
  Integer waitSeconds;

  @Option(names = "--png", description = "Où écrire le QR code en PNG (défaut : dans --home)")
  Path png;

  @Option(
      names = "--light-terminal",
      description = "Terminal à texte sombre sur fond clair (inverse le dessin du QR code)")
  boolean lightTerminal;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TillApi api = till.api(spec);
    long account = till.account(spec);
    till.sendQueued(spec);
    JsonNode request;
    try {
      var body =
          TillApi.JSON
              .createObjectNode()
              .put("merchantAccountId", account)
              .put("amount", amount)
              .put("reference", reference)
              .put("expiresInSeconds", expiresInSeconds);
      request = api.post("/api/v1/payment-requests", body, null).body();
    } catch (TillApi.Unreachable offline) {
      out.println("API injoignable (" + api.base() + ") : impossible de créer la demande.");
      out.println("Hors ligne, le client peut montrer un jeton de paiement : sol-till scan.");
      return Exit.UNREACHABLE;
    } catch (TillApi.Refused refusal) {
      out.printf("Demande refusée (%s) : %s%n", refusal.code(), refusal.detail());
      return Exit.REFUSED;
    }
    String id = request.get("id").asString();
    String link = request.get("link").asString();
    Instant expiresAt = Instant.parse(request.get("expiresAt").asString());
    show(out, request, link, expiresAt);

    Duration wait =
        waitSeconds != null
            ? Duration.ofSeconds(waitSeconds)
            : Duration.between(till.clock().instant(), expiresAt).plusSeconds(5);
    JsonNode last = waitForPayment(api, id, till.clock().instant().plus(wait), out);
    return report(api, id, last, out);
  }

  private void show(PrintWriter out, JsonNode request, String link, Instant expiresAt)
      throws IOException {
    String amountText = request.get("amount").asString() + " SOL";
    String merchant = request.get("merchantName").asString();
    QrSymbol symbol = QrSymbol.encode(link);
    out.printf("Demande %s : %s à %s%n", request.get("id").asString(), amountText, merchant);
    out.print(
        TerminalRenderer.render(
            symbol,
            lightTerminal
                ? TerminalRenderer.Colours.DARK_TEXT_ON_LIGHT
                : TerminalRenderer.Colours.LIGHT_TEXT_ON_DARK));
    out.println(link);
    Path file =
        png != null
            ? png
            : till.home().resolve("charges").resolve(request.get("id").asString() + ".png");
    if (file.getParent() != null) {
      TillFiles.createDirectory(file.getParent());
    }
    Files.write(
        file,
        PngRenderer.png(
            symbol,
            Caption.amount(
                amountMinorUnits(request.get("amount").asString()), AmountFormat.SOL, merchant),
            8));
    out.println("QR code : " + file.toAbsolutePath());
    out.println("Valable jusqu'à " + TIME.format(expiresAt) + ". En attente du paiement…");
    out.flush();
  }

  /**
   * The request's last known state once it is final or the deadline passes: the live stream first,
   * polling if the stream cannot be had or breaks.
   */
  private JsonNode waitForPayment(TillApi api, String id, Instant deadline, PrintWriter out)
      throws InterruptedException {
    BlockingQueue<JsonNode> states = new LinkedBlockingQueue<>();
    Stream<String> lines = null;
    try {
      lines = api.events("/api/v1/payment-requests/" + id + "/events");
    } catch (TillApi.Unreachable | TillApi.Refused noStream) {
      // polling below
    }
    JsonNode last = null;
    if (lines != null) {
      Stream<String> stream = lines;
      Thread reader =
          new Thread(
              () -> {
                try {
                  stream
                      .filter(line -> line.startsWith("data:"))
                      .forEach(line -> states.add(TillApi.JSON.readTree(line.substring(5))));
                } catch (RuntimeException broken) {
                  // the stream broke: poll
                }
                states.add(TillApi.JSON.nullNode());
              },
              "sol-till-events");
      reader.setDaemon(true);
      reader.start();
      try {
        while (till.clock().instant().isBefore(deadline)) {
          JsonNode state =
              states.poll(
                  Math.max(1, Duration.between(till.clock().instant(), deadline).toMillis()),
                  TimeUnit.MILLISECONDS);
          if (state == null || state.isNull()) {
            break;
          }
          last = state;
          announce(state, out);
          if (isFinal(state)) {
            return state;
          }
        }
      } finally {
        stream.close();
      }
    }
    while (till.clock().instant().isBefore(deadline)) {
      try {
        JsonNode state = api.get("/api/v1/payment-requests/" + id);
        if (last == null || !state.get("status").equals(last.get("status"))) {
          announce(state, out);
        }
        last = state;
        if (isFinal(state)) {
          return state;
        }
      } catch (TillApi.Unreachable | TillApi.Refused e) {
        // keep trying until the deadline
      }
      Thread.sleep(
          Math.min(
              1_000, Math.max(1, Duration.between(till.clock().instant(), deadline).toMillis())));
    }
    return last;
  }

  private static void announce(JsonNode state, PrintWriter out) {
    if (state.get("paymentInProgress").asBoolean(false)) {
      out.println("Paiement en cours…");
      out.flush();
    }
  }

  private static boolean isFinal(JsonNode state) {
    return state != null && !"OPEN".equals(state.get("status").asString());
  }

  /** Prints the outcome; cancels a request still open when the till stops waiting. */
  private int report(TillApi api, String id, JsonNode last, PrintWriter out) {
    if (!isFinal(last)) {
      try {
        last = api.post("/api/v1/payment-requests/" + id + "/cancel", null, null).body();
        out.println("Délai dépassé : demande annulée, elle ne peut plus être payée.");
        return Exit.REFUSED;
      } catch (TillApi.Refused refusal) {
        try {
          last = api.get("/api/v1/payment-requests/" + id);
        } catch (TillApi.Unreachable | TillApi.Refused e) {
          out.printf(
              "Délai dépassé, état inconnu (%s) : vérifiez la demande %s.%n", refusal.code(), id);
          return Exit.REFUSED;
        }
      } catch (TillApi.Unreachable offline) {
        out.printf("Délai dépassé et API injoignable : vérifiez la demande %s plus tard.%n", id);
        return Exit.UNREACHABLE;
      }
    }
    String status = last.get("status").asString();
    switch (status) {
      case "PAID" -> {
        out.printf(
            "PAYÉ : %s SOL (virement %d)%n",
            last.get("amount").asString(), last.get("paidTransferId").asLong());
        return Exit.OK;
      }
      case "EXPIRED" -> out.println("EXPIRÉE : la demande n'a pas été payée à temps.");
      case "CANCELLED" -> out.println("ANNULÉE : la demande ne peut plus être payée.");
      default -> out.printf("Paiement en cours : vérifiez la demande %s.%n", id);
    }
    return Exit.REFUSED;
  }

  /** "12.50" as 1250: the caption's amount, from the API's decimal string at the SOL scale. */
  private static long amountMinorUnits(String decimal) {
    return new java.math.BigDecimal(decimal)
        .movePointRight(AmountFormat.SOL.scale())
        .longValueExact();
  }
}
