package coop.sol.web.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as audit entries and login throttling see it: the connection's remote
 * address. Behind a reverse proxy, set {@code server.forward-headers-strategy=native} so that the
 * servlet container takes it from the proxy's {@code X-Forwarded-For} (and only then: a header a
 * client sets itself must never be believed).
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    String address = request.getRemoteAddr();
    return address == null || address.isEmpty() ? "unknown" : address;
  }
}
