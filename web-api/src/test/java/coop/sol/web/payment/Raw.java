package coop.sol.web.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/** What {@code Api} does not do: binary bodies (QR images) and streams (server-sent events). */
final class Raw {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Raw() {}

  static HttpResponse<byte[]> bytes(int port, String token, String path) {
    return send(request(port, token, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The response's lines as they arrive; close the stream to hang up. */
  static HttpResponse<Stream<String>> lines(int port, String token, String path) {
    return send(
        request(port, token, path).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  private static HttpRequest.Builder request(int port, String token, String path) {
    var builder =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return CLIENT.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
