package coop.sol.web.payment;

import coop.sol.merchant.code.PaymentLink;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base of the links QR codes hold ({@code <base>/p/<payload>}): {@code sol.public-url} ({@code
 * SOL_PUBLIC_URL}), the address members' phones reach the installation at, such as {@code
 * https://pay.sol-network.org}. Unset, it is {@code http://localhost:<port>}, which only suits a
 * demo on one's own machine. Never taken from the request's Host header, which the client chooses.
 */
@Component
public class PublicUrl {
  private final Environment environment;
  private final String configured;

  PublicUrl(Environment environment) {
    this.environment = environment;
    String value = environment.getProperty("sol.public-url", "").strip();
    if (!value.isEmpty()) {
      // fail at start on a URL no link could be made of
      PaymentLink.format(value, "AA");
    }
    this.configured = value;
  }

  public String base() {
    if (!configured.isEmpty()) {
      return configured;
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }

  String link(String payload) {
    return PaymentLink.format(base(), payload);
  }
}
