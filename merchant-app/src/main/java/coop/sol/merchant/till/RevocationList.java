package coop.sol.merchant.till;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cards.json}: the member cards' revocation list of the till's network as the last {@code
 * sync} fetched it ({@code GET /api/v1/cards/revocations}), with the time of that sync, so that an
 * offline till refuses a replaced version or a blocked card. For one API URL, like {@link
 * KeyCache}.
 *
 * <pre>
 * {"url": "https://pay.example.org",
 *  "networks": {"7": {"syncedAt": "2026-03-01T12:00:00Z", "asOf": "2026-03-01T12:00:00Z",
 *                     "offlineCap": "10.00", "cards": {"12": {"version": 2, "state": "ACTIVE"}}}}}
 * </pre>
 */
final class RevocationList {
  static final String FILE_NAME = "cards.json";

  private final Path file;
  private final Clock clock;

  RevocationList(Path home, Clock clock) {
    this.file = home.resolve(FILE_NAME);
    this.clock = clock;
  }

  /** A card's current version and state, as the list knows it. */
  record Status(long version, String state) {}

  /**
   * The list of one network.
   *
   * @param syncedAt when the till fetched it (its own clock)
   * @param offlineCap the network's offline cap, a decimal string ("10.00")
   */
  record Snapshot(long networkId, Instant syncedAt, String offlineCap, Map<Long, Status> cards) {}

  /** Fetches the list of the account's network and keeps it. */
  Snapshot sync(TillApi api, long account) throws TillApi.Unreachable, TillApi.Refused {
    JsonNode list = api.get("/api/v1/cards/revocations?merchantAccountId=" + account);
    long networkId = list.get("networkId").asLong();
    ObjectNode root = read(api.base());
    ObjectNode network = root.withObjectProperty("networks").putObject(Long.toString(networkId));
    Instant now = clock.instant();
    network.put("syncedAt", now.toString());
    network.put("asOf", list.path("asOf").asString(""));
    network.put("offlineCap", list.get("offlineCap").asString());
    ObjectNode cards = network.putObject("cards");
    for (JsonNode card : list.get("cards")) {
      cards
          .putObject(Long.toString(card.get("cardId").asLong()))
          .put("version", card.get("version").asLong())
          .put("state", card.get("state").asString());
    }
    try {
      TillFiles.replace(file, TillApi.JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return snapshot(networkId, network);
  }

  /** The list last synced for the network, for this API URL. */
  Optional<Snapshot> last(String url, long networkId) {
    JsonNode network = read(url).path("networks").path(Long.toString(networkId));
    return network.isMissingNode() ? Optional.empty() : Optional.of(snapshot(networkId, network));
  }

  private static Snapshot snapshot(long networkId, JsonNode network) {
    Map<Long, Status> cards = new HashMap<>();
    for (var entry : network.get("cards").properties()) {
      cards.put(
          Long.parseLong(entry.getKey()),
          new Status(
              entry.getValue().get("version").asLong(), entry.getValue().get("state").asString()));
    }
    return new Snapshot(
        networkId,
        Instant.parse(network.get("syncedAt").asString()),
        network.get("offlineCap").asString(),
        Map.copyOf(cards));
  }

  private ObjectNode read(String url) {
    ObjectNode empty = TillApi.JSON.createObjectNode().put("url", url);
    if (!Files.exists(file)) {
      return empty;
    }
    try {
      JsonNode root = TillApi.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root instanceof ObjectNode object && url.equals(root.path("url").asString(null))) {
        return object;
      }
    } catch (IOException | JacksonException unreadable) {
      // start afresh: the next sync fetches it again
    }
    return empty;
  }
}
