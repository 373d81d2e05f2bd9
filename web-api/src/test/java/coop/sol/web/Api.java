package coop.sol.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to the application a test started, as an outside client makes them: {@code
 * api.as(token).post("/api/v1/transfers", json).header("Idempotency-Key", "k1").send()}.
 */
public final class Api {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;
  private final String authorization;

  public Api(int port) {
    this(port, null);
  }

  private Api(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  public int port() {
    return port;
  }

  /** The same API, with a bearer token (null: anonymous). */
  public Api as(String token) {
    return new Api(port, token == null ? null : "Bearer " + token);
  }

  public Api basic(String username, String password) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Api(port, "Basic " + credentials);
  }

  public Api anonymous() {
    return new Api(port, null);
  }

  public Call get(String path) {
    return new Call(path, "GET", null);
  }

  public Call delete(String path) {
    return new Call(path, "DELETE", null);
  }

  public Call post(String path, String body) {
    return new Call(path, "POST", body).header("Content-Type", "application/json");
  }

  public Call put(String path, String body) {
    return new Call(path, "PUT", body).header("Content-Type", "application/json");
  }

  /** JSON text from alternating names and values ({@code json("a", 1, "b", "x")}). */
  public static String json(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return JSON.writeValueAsString(map);
  }

  /** One request, built up then sent. */
  public final class Call {
    private final String path;
    private final String method;
    private final String body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Call(String path, String method, String body) {
      this.path = path;
      this.method = method;
      this.body = body;
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Response send() {
      var request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      headers.forEach(request::header);
      try {
        return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A response, with its body as JSON when it is JSON. */
  public record Response(HttpResponse<String> http) {
    public int status() {
      return http.statusCode();
    }

    public String body() {
      return http.body();
    }

    public JsonNode json() {
      return JSON.readTree(http.body());
    }

    /** The problem's {@code code}, or null when the body is not a problem. */
    public String code() {
      String type = http.headers().firstValue("Content-Type").orElse("");
      if (!type.startsWith("application/problem+json")) {
        return null;
      }
      JsonNode code = json().get("code");
      return code == null ? null : code.asString();
    }

    public String header(String name) {
      return http.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return http.request().method() + " " + http.uri() + " -> " + status() + " " + body();
    }
  }
}
