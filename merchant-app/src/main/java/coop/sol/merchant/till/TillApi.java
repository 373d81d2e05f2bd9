package coop.sol.merchant.till;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as the till calls it, with its personal access token. Two kinds of failure: the API
 * could not be reached ({@link Unreachable}: the till may work offline), and the API answered with
 * a problem ({@link Refused}: its stable code says why).
 */
final class TillApi {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

  private final String base;
  private final String token;
  private final HttpClient http;

  TillApi(String url, String token) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  String base() {
    return base;
  }

  /** The API did not answer: not running, no network, or the connection broke. */
  static final class Unreachable extends Exception {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The API answered with an error: a problem with its stable code. */
  static final class Refused extends Exception {
    private final int status;
    private final String code;
    private final String detail;

    Refused(int status, String code, String detail) {
      super(status + " " + code + ": " + detail);
      this.status = status;
      this.code = code;
      this.detail = detail;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }

    String detail() {
      return detail;
    }
  }

  /** A success, and whether it replays an earlier request with the same Idempotency-Key. */
  record Answer(int status, JsonNode body, boolean replayed) {}

  JsonNode get(String path) throws Unreachable, Refused {
    return send(request(path).GET().build()).body();
  }

  Answer post(String path, Object body, String idempotencyKey) throws Unreachable, Refused {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body == null ? "{}" : JSON.writeValueAsString(body)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  /** A stream of server-sent events, line by line; close it to hang up. */
  Stream<String> events(String path) throws Unreachable, Refused {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            // only until the headers arrive; the stream itself lasts as long as the till waits
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new Unreachable(base + " : " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrompu", e);
    }
    if (response.statusCode() != 200) {
      String text;
      try (Stream<String> lines = response.body()) {
        text = String.join("\n", lines.toList());
      }
      throw refusal(response.statusCode(), text);
    }
    return response.body();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (token != null && !token.isBlank()) {
      builder.header("Authorization", "Bearer " + token.strip());
    }
    return builder;
  }

  private Answer send(HttpRequest request) throws Unreachable, Refused {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // sent or not, the answer is lost: a retry with the same Idempotency-Key is safe
      throw new Unreachable(base + " : " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrompu", e);
    }
    if (response.statusCode() >= 300) {
      throw refusal(response.statusCode(), response.body());
    }
    JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    boolean replayed =
        "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null));
    return new Answer(response.statusCode(), body, replayed);
  }

  private static Refused refusal(int status, String body) {
    String code = "HTTP_" + status;
    String detail = body;
    try {
      JsonNode problem = JSON.readTree(body);
      if (problem.hasNonNull("code")) {
        code = problem.get("code").asString();
      }
      if (problem.hasNonNull("detail")) {
        detail = problem.get("detail").asString();
      }
    } catch (JacksonException notJson) {
      // not a problem document: keep the status and the text
    }
    return new Refused(status, code, detail);
  }
}
