package coop.sol.web.security;

import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the administrator's installation health page ({@code
 * page.admin.InstallationPage}, the read replica's state), kept apart from {@link
 * AuthorizationMatrixIT} like {@link ReportProbes}. A page: callers with a token get 403, anonymous
 * callers 401 (the administrator's own session is tested by {@code ReplicaIT} and {@code
 * InstallationPageIT}).
 */
final class InstallationProbes {
  private final Function<String, Api> api;

  InstallationProbes(Function<String, Api> api) {
    this.api = api;
  }

  void addTo(OperationProbes.Registry r) {
    r.probe(
        "GET /admin/installation",
        "a web page",
        c -> api.apply(c).get("/admin/installation"),
        Expect.authenticated(403).anonymous(401));
  }
}
