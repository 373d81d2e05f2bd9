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

/** Plain HTTP calls to an application a test started, as an outside client makes them. */
public final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;

  public TestHttp(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** A GET that accepts only {@code accept}, as a browser asks for a page with "text/html". */
  public HttpResponse<String> get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET().build());
  }

  /** A GET with HTTP Basic credentials. */
  public HttpResponse<String> get(String path, String username, String password) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(request(path).header("Authorization", "Basic " + credentials).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
