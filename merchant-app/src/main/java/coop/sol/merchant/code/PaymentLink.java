package coop.sol.merchant.code;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a QR code holds: {@code <base URL>/p/<payload>}, so that a phone's camera app opens the
 * network's payment page, while a till reads the payload from the same text. A bare payload is
 * accepted as well (typed in, or pasted from an API).
 *
 * <p>The host of a scanned link is not checked: anyone can print a link to any host, and what the
 * till trusts is the signature of the payload, not where the link points.
 */
public final class PaymentLink {

  /** Longest text considered at all, so a hostile QR code cannot make the verifier do much work. */
  static final int MAX_TEXT_LENGTH = 1024;

  private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern LINK =
      Pattern.compile("(?i:https?)://[^/?#\\s]+(?:/[^?#\\s]*)?/p/([A-Za-z0-9_-]+)");

  private PaymentLink() {}

  /**
   * The link for a payload.
   *
   * @param baseUrl an http(s) URL with a host and no query or fragment, such as {@code
   *     https://pay.example.org}; a trailing slash is ignored
   */
  public static String format(String baseUrl, String payload) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    checkBaseUrl(base);
    if (!PAYLOAD.matcher(payload).matches()) {
      throw new IllegalArgumentException("payload is not unpadded base64url");
    }
    return base + "/p/" + payload;
  }

  /** The payload of a link or a bare payload; empty if the text is neither. */
  public static Optional<String> payloadOf(String text) {
    if (text == null || text.length() > MAX_TEXT_LENGTH) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (PAYLOAD.matcher(trimmed).matches()) {
      return Optional.of(trimmed);
    }
    Matcher link = LINK.matcher(trimmed);
    return link.matches() ? Optional.of(link.group(1)) : Optional.empty();
  }

  private static void checkBaseUrl(String base) {
    URI uri;
    try {
      uri = new URI(base);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("base URL is not a URL: " + base, e);
    }
    boolean web =
        "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
    if (!web
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "base URL must be http(s) with a host and no user, query or fragment: " + base);
    }
  }
}
