package coop.sol.web.page;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a member's "receive" QR code holds: the link to the pay-a-member form, prefilled, {@code
 * <base URL>/member/pay-member?network=<network code>&to=<username>[&amount=12.50]}. A phone's
 * camera app opens it; the pages' scanner and photo reader recognise it and go to the same form.
 *
 * <p>Not signed, unlike payment codes: it moves no money by itself and asks for nothing but what
 * anyone could type (a username, an amount). The payer sees the payee's display name and confirms
 * before paying, and the ledger decides the payment as any other (docs/payment-codes.md).
 *
 * @param network the network's code
 * @param username the member to pay
 * @param amount the amount asked, as an API decimal ({@code 12.50}); null when the payer types it
 */
public record MemberPayLink(String network, String username, String amount) {
  /** The form's path, also what the link's path ends with. */
  public static final String PATH = "/member/pay-member";

  private static final String NETWORK = "[a-z0-9][a-z0-9-]{1,62}";
  private static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,62}";
  private static final String AMOUNT = "(?:0|[1-9][0-9]{0,11})(?:\\.[0-9]{1,6})?";
  private static final Pattern LINK =
      Pattern.compile(
          "(?i:https?)://[^/?#\\s]+(?:/[^?#\\s]*)?"
              + PATH
              + "\\?network=("
              + NETWORK
              + ")&to=("
              + USERNAME
              + ")(?:&amount=("
              + AMOUNT
              + "))?");

  /** Longest text considered at all, as for payment codes. */
  private static final int MAX_TEXT_LENGTH = 1024;

  public MemberPayLink {
    if (!network.matches(NETWORK)
        || !username.matches(USERNAME)
        || (amount != null && !amount.matches(AMOUNT))) {
      throw new IllegalArgumentException("not a member's link");
    }
  }

  /** The link itself, under the installation's public URL (no trailing slash needed). */
  public String link(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + pathAndQuery();
  }

  /** The form's address on this installation: where a scan of the code leads. */
  public String pathAndQuery() {
    return PATH
        + "?network="
        + network
        + "&to="
        + username
        + (amount == null ? "" : "&amount=" + amount);
  }

  /** The member's link a text holds (a scanned or pasted code), if it is one. */
  public static Optional<MemberPayLink> parse(String text) {
    if (text == null || text.length() > MAX_TEXT_LENGTH) {
      return Optional.empty();
    }
    Matcher link = LINK.matcher(text.strip());
    return link.matches()
        ? Optional.of(new MemberPayLink(link.group(1), link.group(2), link.group(3)))
        : Optional.empty();
  }
}
