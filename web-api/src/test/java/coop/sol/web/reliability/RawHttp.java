package coop.sol.web.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client would send (bytes anywhere,
 * headers of any shape, lengths that lie) and from any loopback address. One request per
 * connection; the whole answer must arrive within the timeout, else it counts as a hang.
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer: status 0 when the server closed the connection without one. */
  record Answer(int status, Map<String, String> headers, String body, boolean timedOut) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and
   * {@code body}, adding Host, Connection: close and, unless {@code head} has its own, a
   * Content-Length.
   */
  static Answer send(InetAddress from, int port, String head, byte[] body, int timeoutMillis)
      throws IOException {
    return send(from, port, head.getBytes(StandardCharsets.ISO_8859_1), body, timeoutMillis);
  }

  static Answer send(InetAddress from, int port, byte[] head, byte[] body, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(timeoutMillis);
      var request = new ByteArrayOutputStream();
      request.write(head);
      String lower = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      StringBuilder extra = new StringBuilder("\r\nHost: 127.0.0.1\r\nConnection: close");
      if (!lower.contains("\ncontent-length:") && !lower.contains("\ntransfer-encoding:")) {
        extra.append("\r\nContent-Length: ").append(body.length);
      }
      extra.append("\r\n\r\n");
      request.write(extra.toString().getBytes(StandardCharsets.ISO_8859_1));
      request.write(body);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.toByteArray());
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer (413, 400) and close before reading everything: read what it said
      }
      long deadline = System.currentTimeMillis() + timeoutMillis;
      var response = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) != -1) {
          response.write(buffer, 0, n);
          if (System.currentTimeMillis() > deadline) {
            return new Answer(0, Map.of(), response.toString(StandardCharsets.UTF_8), true);
          }
        }
      } catch (SocketTimeoutException e) {
        return new Answer(0, Map.of(), response.toString(StandardCharsets.UTF_8), true);
      } catch (IOException reset) {
        // a reset after the answer (the server closed with unread input): keep what arrived
      }
      return parse(response.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static Answer parse(String text) {
    if (!text.startsWith("HTTP/1.1 ")) {
      return new Answer(0, Map.of(), text, false);
    }
    int endOfHead = text.indexOf("\r\n\r\n");
    String head = endOfHead < 0 ? text : text.substring(0, endOfHead);
    String rawBody = endOfHead < 0 ? "" : text.substring(endOfHead + 4);
    List<String> lines = List.of(head.split("\r\n"));
    int status = Integer.parseInt(lines.get(0).substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rawBody = unchunked(rawBody);
    }
    String body = new String(rawBody.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return new Answer(status, headers, body, false);
  }

  /**
   * The chunks' data, joined; what follows a malformed or missing chunk size is kept as it came.
   */
  private static String unchunked(String chunked) {
    var data = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int endOfSize = chunked.indexOf("\r\n", at);
      if (endOfSize < 0) {
        break;
      }
      int size;
      try {
        size = Integer.parseInt(chunked.substring(at, endOfSize).split(";", 2)[0].trim(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) {
        return data.toString();
      }
      int start = endOfSize + 2;
      int end = Math.min(chunked.length(), start + size);
      data.append(chunked, start, end);
      at = end + 2;
    }
    return data.append(chunked.substring(Math.min(at, chunked.length()))).toString();
  }
}
