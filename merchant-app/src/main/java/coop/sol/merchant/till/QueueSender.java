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
                api.post("/api/v1/pay-tokens/redeem", body(charge), charge.idempotencyKey());
            charged[0]++;
            out.printf(
                "File : jeton %s encaissé, %s SOL (virement %d)%s%n",
                charge.tokenId(),
                answer.body().get("amount").asString(),
                answer.body().get("id").asLong(),
                answer.replayed() ? ", déjà reçu" : "");
            return OfflineQueue.Outcome.DONE;
          } catch (TillApi.Unreachable offline) {
            return OfflineQueue.Outcome.STOP;
          } catch (TillApi.Refused refusal) {
            if (refusal.status() >= 500 || refusal.status() == 401) {
              // the server or the token is the trouble, not the charge: try again later
              out.printf("File : envoi remis à plus tard (%s)%n", refusal.code());
              return OfflineQueue.Outcome.STOP;
            }
            refused[0]++;
            out.printf(
                "File : jeton %s REFUSÉ (%s) : %s%n",
                charge.tokenId(), refusal.code(), refusal.detail());
            return OfflineQueue.Outcome.DONE;
          }
        });
    int waiting = queue.all().size();
    if (waiting > 0 && !beforeAnotherCommand) {
      out.printf("File : %d encaissement(s) toujours en attente (API injoignable)%n", waiting);
    }
    return new Report(charged[0], refused[0], waiting);
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
