package coop.sol.web.security;

import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.List;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the till's refunds and closing of the day (TillPages,
 * TillDayPages), kept apart from {@link AuthorizationMatrixIT} like {@link DirectoryProbes}. Pages
 * are for a browser's session: a token gets 403; without a session a GET is 401, a POST lacks its
 * CSRF token (403). PageAccessIT and TillBrowserIT check them with sessions.
 */
final class TillProbes {
  static final List<String> PAGES =
      List.of(
          "GET /till/refunds/{transferId}",
          "GET /till/day",
          "GET /till/day/closing.csv",
          "GET /till/day/closing.pdf",
          "GET /coordinator/settings",
          "GET /coordinator/transfers",
          "GET /coordinator/accounts/{id}",
          "POST /coordinator/settings/exchange");

  private final Function<String, Api> api;

  TillProbes(Function<String, Api> api) {
    this.api = api;
  }

  void addTo(OperationProbes.Registry r) {
    for (String page : PAGES) {
      String path = page.substring(page.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      boolean get = page.startsWith("GET ");
      r.probe(
          page,
          "a till page",
          c -> get ? api.apply(c).get(path) : api.apply(c).post(path, ""),
          Expect.authenticated(403).anonymous(get ? 401 : 403));
    }
  }
}
