package coop.sol.web.reliability.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API client of the harnesses: logs demo users in (personal access tokens from {@code
 * demo-credentials.json}), finds their accounts, pays. Every call has a timeout: a harness never
 * waits forever on the server it tests.
 */
final class HarnessClient {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  HarnessClient(String baseUrl, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
  }

  /** A response, or the failure that stood for one (timeout, refused connection). */
  record Answer(int status, String body, Map<String, List<String>> headers, Exception failure) {
    boolean ok() {
      return failure == null && status / 100 == 2;
    }

    JsonNode json() {
      return JSON.readTree(body);
    }

    /** The problem's code, or null. */
    String code() {
      String type = header("Content-Type");
      if (failure != null || type == null || !type.startsWith("application/problem+json")) {
        return null;
      }
      try {
        JsonNode code = json().get("code");
        return code == null ? null : code.asString();
      } catch (RuntimeException notJson) {
        return null;
      }
    }

    String header(String name) {
      for (var entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return failure != null ? failure.toString() : status + " " + body;
    }
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers().map(), null);
    } catch (IOException e) {
      return new Answer(0, null, Map.of(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, Map.of(), e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path));
  }

  /**
   * A token for a demo user without a second factor (members, merchants), created once, with the
   * read and pay scopes.
   */
  String token(Path dataDirectory, String username) {
    return tokens.computeIfAbsent(
        username,
        u -> {
          JsonNode credentials = JSON.readTree(dataDirectory.resolve("demo-credentials.json"));
          String password = null;
          for (JsonNode user : credentials.get("users")) {
            if (user.get("username").asString().equals(u)) {
              password = user.get("password").asString();
            }
          }
          if (password == null) {
            throw new IllegalStateException("no demo user " + u);
          }
          String body =
              JSON.writeValueAsString(
                  Map.of(
                      "username",
                      u,
                      "password",
                      password,
                      "name",
                      "harness",
                      "scopes",
                      List.of("read", "pay")));
          Answer answer =
              send(
                  request("/api/v1/auth/tokens")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body)));
          if (answer.status() != 201) {
            throw new IllegalStateException("token for " + u + ": " + answer);
          }
          return answer.json().get("token").asString();
        });
  }

  /** The id of the user's account of {@code strand}. */
  long account(String token, String strand) {
    Answer me = send(request("/api/v1/me").header("Authorization", "Bearer " + token).GET());
    if (me.status() != 200) {
      throw new IllegalStateException("GET /api/v1/me: " + me);
    }
    for (JsonNode account : me.json().get("accounts")) {
      if (account.get("strand").asString().equals(strand)) {
        return account.get("id").asLong();
      }
    }
    throw new IllegalStateException("no " + strand + " account in " + me.body());
  }

  /** POST /api/v1/transfers. */
  Answer pay(String token, String key, long debit, long credit, String amount, String memo) {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "debitAccountId",
                debit,
                "creditAccountId",
                credit,
                "amount",
                amount,
                "memo",
                memo));
    return send(
        request("/api/v1/transfers")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer get(String token, String path) {
    return send(request(path).header("Authorization", "Bearer " + token).GET());
  }
}
