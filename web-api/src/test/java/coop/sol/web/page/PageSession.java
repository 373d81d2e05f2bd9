package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session without a browser, for tests of the pages over HTTP: cookies kept, redirects
 * not followed, HTML asked for, forms sent with the CSRF field of the page they come from.
 */
public final class PageSession {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final int port;
  private final Callers callers;
  private final HttpClient client =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  /** The browser's Accept-Language; none when null. */
  private String acceptLanguage;

  /** From now on, asks for pages in {@code languages} (an Accept-Language header). */
  PageSession speaking(String languages) {
    this.acceptLanguage = languages;
    return this;
  }

  PageSession(int port, Callers callers) {
    this.port = port;
    this.callers = callers;
  }

  /** A session logged in as {@code username} through the login form (TOTP when needed). */
  public static PageSession logIn(int port, Callers callers, String username, boolean totp) {
    PageSession session = new PageSession(port, callers);
    String form =
        "username="
            + encode(username)
            + "&password="
            + encode(callers.password(username))
            + (totp ? "&totp=" + callers.nextTotp(username) : "")
            + "&_csrf="
            + encode(csrf(session.get("/login").body()));
    HttpResponse<String> login = session.post("/login", form);
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  /** An image or a download: anything accepted. */
  HttpResponse<byte[]> getBytes(String path) {
    try {
      // as an img tag or a download link asks
      return client.send(
          request(path).setHeader("Accept", "*/*").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a form (url-encoded), as the page's form would. */
  HttpResponse<String> post(String path, String form) {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Sends a form from {@code page} (whose CSRF field it takes) with these fields. */
  HttpResponse<String> submit(String page, String path, String... namesAndValues) {
    StringBuilder form = new StringBuilder("_csrf=").append(encode(csrf(get(page).body())));
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.append('&')
          .append(encode(namesAndValues[i]))
          .append('=')
          .append(encode(namesAndValues[i + 1]));
    }
    return post(path, form.toString());
  }

  static String csrf(String html) {
    Matcher field = CSRF_FIELD.matcher(html);
    assertThat(field.find()).as("a CSRF field in %s", html).isTrue();
    return field.group(1);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html,application/xhtml+xml");
    return acceptLanguage == null ? request : request.header("Accept-Language", acceptLanguage);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
