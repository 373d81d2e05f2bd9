package coop.sol.merchant.till;

import java.io.IOException;
import java.io.PrintWriter;

/** Sends the offline queue's charges, in order, and says what became of each. */
final class QueueSender {
  private final TillApi api;
  private final OfflineQueue queue;
  private final PrintWriter out;

  QueueSender(TillApi api, OfflineQueue queue, PrintWriter out) {
    this.api = api;
    this.queue = queue;
    this.out = out;
  }

  /** What a sync did. */
  record Report(int charged, int refused, int waiting) {}

  /**
   * @param beforeAnotherCommand say little: the command that follows is what the user asked for
   */
  Report send(boolean beforeAnotherCommand) throws IOException {
    int[] charged = {0};
    int[] refused = {0};
    queue.drain(
        charge -> {
          try {
            TillApi.Answer answer =
                charge.isCard()
                    ? api.post("/api/v1/cards/charge", cardBody(charge), charge.idempotencyKey())
                    : api.post("/api/v1/pay-tokens/redeem", body(charge), charge.idempotencyKey());
            charged[0]++;
            out.printf(
                "File : %s encaissé, %s SOL (virement %d)%s%n",
                label(charge),
                answer.body().get("amount").asString(),
                answer.body().get("id").asLong(),
                answer.replayed() ? ", déjà reçu" : "");
            return OfflineQueue.Outcome.DONE;
          } catch (TillApi.Unreachable offline) {
            return OfflineQueue.Outcome.STOP;
          } catch (TillApi.Refused refusal) {
            if (refusal.status() >= 500
                || refusal.status() == 401
                || "CARD_BUSY".equals(refusal.code())) {
              // the server or the token is the trouble, not the charge (or other tills' PINs for
              // the card are being checked): try again later
              out.printf("File : envoi remis à plus tard (%s)%n", refusal.code());
              return OfflineQueue.Outcome.STOP;
            }
            refused[0]++;
            out.printf(
                "File : %s REFUSÉ (%s) : %s%n", label(charge), refusal.code(), refusal.detail());
            return OfflineQueue.Outcome.DONE;
          }
        });
    int waiting = queue.all().size();
    if (waiting > 0 && !beforeAnotherCommand) {
      out.printf("File : %d encaissement(s) toujours en attente (API injoignable)%n", waiting);
    }
    return new Report(charged[0], refused[0], waiting);
  }

  private static String label(OfflineQueue.Charge charge) {
    return charge.isCard() ? charge.tokenId() : "jeton " + charge.tokenId();
  }

  /**
   * A card charge the till accepted offline: the PIN as it was sealed then, {@code offlineAt} the
   * time it was accepted; the server checks the PIN, the caps and the funds now.
   */
  private static Object cardBody(OfflineQueue.Charge charge) {
    return TillApi.JSON
        .createObjectNode()
        .put("merchantAccountId", charge.merchantAccountId())
        .put("card", charge.code())
        .put("amount", charge.amount())
        .put("sealedPin", charge.sealedPin())
        .put("offlineAt", charge.scannedAt().toString());
  }

  private static Object body(OfflineQueue.Charge charge) {
    return TillApi.JSON
        .createObjectNode()
        .put("code", charge.code())
        .put("merchantAccountId", charge.merchantAccountId())
        .put("amount", charge.amount())
        .put("scannedAt", charge.scannedAt().toString());
  }
}
