package coop.sol.merchant.till;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code queue.jsonl}: the charges taken while the API could not be reached (members' pay tokens
 * and member cards), one JSON object a line, oldest first. Each carries the Idempotency-Key it is
 * sent with, so sending one twice (the answer was lost, or two syncs raced) charges it once. A
 * card's PIN is kept only sealed for the network's key (docs/member-card.md), never in clear.
 */
final class OfflineQueue {
  static final String FILE_NAME = "queue.jsonl";

  private final Path file;

  OfflineQueue(Path home) {
    this.file = home.resolve(FILE_NAME);
  }

  /**
   * A charge to send.
   *
   * @param code the scanned text (link or payload)
   * @param amount decimal string, as the cashier typed it
   * @param scannedAt when the till checked the code: the server accepts the token if it was valid
   *     then; for a card, when the till accepted it ({@code offlineAt})
   * @param tokenId what the till prints of it: the token's id, or "carte 12 v2"
   * @param sealedPin a member card's PIN sealed for the network's key; null for a pay token
   */
  record Charge(
      String code,
      long merchantAccountId,
      String amount,
      String idempotencyKey,
      Instant scannedAt,
      String tokenId,
      String sealedPin) {

    Charge(
        String code,
        long merchantAccountId,
        String amount,
        String idempotencyKey,
        Instant scannedAt,
        String tokenId) {
      this(code, merchantAccountId, amount, idempotencyKey, scannedAt, tokenId, null);
    }

    boolean isCard() {
      return sealedPin != null;
    }

    String toJson() {
      var node =
          TillApi.JSON
              .createObjectNode()
              .put("code", code)
              .put("merchantAccountId", merchantAccountId)
              .put("amount", amount)
              .put("idempotencyKey", idempotencyKey)
              .put("scannedAt", scannedAt.toString())
              .put("tokenId", tokenId);
      if (sealedPin != null) {
        node.put("sealedPin", sealedPin);
      }
      return node.toString();
    }

    static Charge fromJson(String line) {
      JsonNode node = TillApi.JSON.readTree(line);
      return new Charge(
          node.get("code").asString(),
          node.get("merchantAccountId").asLong(),
          node.get("amount").asString(),
          node.get("idempotencyKey").asString(),
          Instant.parse(node.get("scannedAt").asString()),
          node.get("tokenId").asString(),
          node.hasNonNull("sealedPin") ? node.get("sealedPin").asString() : null);
    }
  }

  /** What became of a charge handed to {@link #drain}. */
  enum Outcome {
    /** Answered (charged, or refused for good): off the queue. */
    DONE,
    /** Still cannot be sent: keep it and the ones after it, stop for now. */
    STOP
  }

  /** Something that sends a queued charge. */
  interface Sender {
    Outcome send(Charge charge);
  }

  /** Appends a charge. */
  synchronized void add(Charge charge) throws IOException {
    locked(
        () -> {
          boolean created = !Files.exists(file);
          Files.writeString(
              file,
              charge.toJson() + "\n",
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
          if (created) {
            TillFiles.ownerOnly(file);
          }
          return null;
        });
  }

  /**
   * Whether anything may be waiting, without taking the lock (a cheap check before each command).
   */
  boolean mayHoldCharges() throws IOException {
    return Files.exists(file) && Files.size(file) > 0;
  }

  synchronized List<Charge> all() throws IOException {
    return locked(this::read);
  }

  /**
   * Sends the queued charges in order, until one must wait; keeps those not answered. Holds the
   * queue's lock meanwhile, so that two tills on one directory never send a charge at once.
   *
   * @return how many were answered
   */
  synchronized int drain(Sender sender) throws IOException {
    return locked(
        () -> {
          List<Charge> charges = read();
          int answered = 0;
          while (answered < charges.size() && sender.send(charges.get(answered)) == Outcome.DONE) {
            answered++;
          }
          List<Charge> remaining = charges.subList(answered, charges.size());
          if (remaining.isEmpty()) {
            Files.deleteIfExists(file);
          } else if (answered > 0) {
            StringBuilder content = new StringBuilder();
            remaining.forEach(charge -> content.append(charge.toJson()).append('\n'));
            TillFiles.replace(file, content.toString());
          }
          return answered;
        });
  }

  private List<Charge> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Charge> charges = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        charges.add(Charge.fromJson(line));
      }
    }
    return charges;
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding {@code queue.lock}, which other processes of the till respect. */
  private <T> T locked(Work<T> work) throws IOException {
    TillFiles.createDirectory(file.getParent());
    try (FileChannel channel =
            FileChannel.open(
                file.resolveSibling(FILE_NAME + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return work.run();
    }
  }
}
