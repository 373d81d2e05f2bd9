package coop.sol.merchant.till;

import coop.sol.keys.NetworkKey;
import coop.sol.keys.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keys.json}: what the till knows of its merchant account and network, fetched from the API
 * whenever it is reachable, so that codes can be checked when it is not. The file is for one API
 * URL: pointed at another installation, the till starts afresh.
 *
 * <pre>
 * {"url": "https://pay.example.org",
 *  "accounts": {"104729": {"networkId": 7, "merchantName": "La Mie Câline"}},
 *  "networks": {"7": {"fetchedAt": "2026-03-01T12:00:00Z",
 *                     "keys": [{"keyId": "21fe31df", "publicKey": "...", "status": "ACTIVE"}]}}}
 * </pre>
 */
final class KeyCache {
  static final String FILE_NAME = "keys.json";

  private final Path file;
  private final Clock clock;

  KeyCache(Path home, Clock clock) {
    this.file = home.resolve(FILE_NAME);
    this.clock = clock;
  }

  /**
   * What the till needs to check codes for its account.
   *
   * @param fetchedAt when the keys were fetched from the API
   * @param fresh fetched just now, rather than read from the cache
   * @param activeKey the key that signs the network's new codes: what a member card's PIN is sealed
   *     for offline; empty if the API named none
   */
  record Network(
      long networkId,
      String merchantName,
      TrustedKeys keys,
      Instant fetchedAt,
      boolean fresh,
      Optional<NetworkKey> activeKey) {}

  /**
   * The account's network and keys from the API, cached; from the cache if the API cannot be
   * reached.
   *
   * @throws TillApi.Unreachable if the API cannot be reached and nothing is cached for the account
   */
  Network forAccount(TillApi api, long account) throws TillApi.Unreachable, TillApi.Refused {
    try {
      return fetch(api, account);
    } catch (TillApi.Unreachable offline) {
      return cached(api.base(), account).orElseThrow(() -> offline);
    }
  }

  /** Fetches from the API and caches: the account's network (its static code says), its keys. */
  Network fetch(TillApi api, long account) throws TillApi.Unreachable, TillApi.Refused {
    JsonNode merchant = api.get("/api/v1/merchants/" + account + "/static-code");
    long networkId = merchant.get("networkId").asLong();
    JsonNode published = api.get("/api/v1/networks/" + networkId + "/keys");
    Instant now = clock.instant();
    ObjectNode root = read(api.base());
    ObjectNode accounts = root.withObjectProperty("accounts");
    accounts
        .putObject(Long.toString(account))
        .put("networkId", networkId)
        .put("merchantName", merchant.get("merchantName").asString());
    ObjectNode network = root.withObjectProperty("networks").putObject(Long.toString(networkId));
    network.put("fetchedAt", now.toString());
    ArrayNode keys = network.putArray("keys");
    for (JsonNode key : published.get("keys")) {
      keys.addObject()
          .put("keyId", key.get("keyId").asString())
          .put("publicKey", key.get("publicKey").asString())
          .put("status", key.get("status").asString());
    }
    try {
      TillFiles.replace(
          file, TillApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return new Network(
        networkId, merchant.get("merchantName").asString(), trusted(keys), now, true, active(keys));
  }

  /** The cached network of the account, for this API URL. */
  Optional<Network> cached(String url, long account) {
    ObjectNode root = read(url);
    JsonNode known = root.path("accounts").path(Long.toString(account));
    if (known.isMissingNode()) {
      return Optional.empty();
    }
    long networkId = known.get("networkId").asLong();
    JsonNode network = root.path("networks").path(Long.toString(networkId));
    if (network.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(
        new Network(
            networkId,
            known.path("merchantName").asString(""),
            trusted(network.get("keys")),
            Instant.parse(network.get("fetchedAt").asString()),
            false,
            active(network.get("keys"))));
  }

  /** The file's content for {@code url}; an empty one if it is missing, unreadable or another's. */
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
      // start afresh: the API is the source, this only a copy
    }
    return empty;
  }

  private static Optional<NetworkKey> active(JsonNode keys) {
    for (JsonNode key : keys) {
      if ("ACTIVE".equals(key.path("status").asString(""))) {
        return Optional.of(NetworkKey.fromBase64Url(key.get("publicKey").asString()));
      }
    }
    return Optional.empty();
  }

  private static TrustedKeys trusted(JsonNode keys) {
    List<NetworkKey> list = new ArrayList<>();
    for (JsonNode key : keys) {
      list.add(NetworkKey.fromBase64Url(key.get("publicKey").asString()));
    }
    return TrustedKeys.of(list);
  }
}
