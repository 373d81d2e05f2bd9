package coop.sol.web.security;

import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.List;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the network's settings on the coordinators' page
 * (SettingsForms) and the funders' list of lots (FunderPages), kept apart from {@link
 * AuthorizationMatrixIT} like {@link TillProbes}. Pages are for a browser's session: a token gets
 * 403; without a session a GET is 401, a POST lacks its CSRF token (403). NetworkSettingsPagesIT
 * checks them with sessions: another network's coordinator and a member are refused there.
 */
final class SettingsProbes {
  static final List<String> PAGES =
      List.of(
          "POST /coordinator/settings/transparency",
          "POST /coordinator/settings/rates",
          "POST /coordinator/settings/categories",
          "POST /coordinator/settings/merchants",
          "POST /coordinator/settings/associations",
          "GET /funder/lots");

  private final Function<String, Api> api;

  SettingsProbes(Function<String, Api> api) {
    this.api = api;
  }

  void addTo(OperationProbes.Registry r) {
    for (String page : PAGES) {
      String path = page.substring(page.indexOf(' ') + 1);
      boolean get = page.startsWith("GET ");
      r.probe(
          page,
          "a settings or funder page",
          c -> get ? api.apply(c).get(path) : api.apply(c).post(path, ""),
          Expect.authenticated(403).anonymous(get ? 401 : 403));
    }
  }
}
