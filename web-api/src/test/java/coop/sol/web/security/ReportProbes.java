package coop.sol.web.security;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the reports' endpoints (coop.sol.web.report), kept apart
 * from {@link AuthorizationMatrixIT} like {@link OperationProbes}.
 */
final class ReportProbes {
  private final Function<String, Api> api;
  private final Network demo;
  private final String otherCoordinator;

  ReportProbes(Function<String, Api> api, Network demo, String otherCoordinator) {
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(OperationProbes.Registry r) {
    String demoCode = "network=" + demo.code();
    // coordinators read their own network's reports; an administrator names the network
    r.probe(
        "GET /api/v1/reports/circulation",
        "the caller's network",
        c -> api.apply(c).get("/api/v1/reports/circulation"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator).only(400, "admin"));
    r.probe(
        "GET /api/v1/reports/circulation",
        "the demo network by its code",
        c -> api.apply(c).get("/api/v1/reports/circulation?" + demoCode),
        Expect.authenticated(403).only(200, "coord1", "admin").only(404, otherCoordinator));
    r.probe(
        "GET /api/v1/reports/charts/{chart}.png",
        "the demo's flows chart",
        c -> api.apply(c).get("/api/v1/reports/charts/flows.png?" + demoCode),
        Expect.authenticated(403).only(200, "coord1", "admin").only(404, otherCoordinator));
  }
}
