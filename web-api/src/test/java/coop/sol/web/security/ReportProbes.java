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
  private final String otherMember;
  private final long aliceToBakery;

  ReportProbes(
      Function<String, Api> api,
      Network demo,
      String otherCoordinator,
      String otherMember,
      long aliceToBakery) {
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
    this.otherMember = otherMember;
    this.aliceToBakery = aliceToBakery;
  }

  void addTo(OperationProbes.Registry r) {
    String demoCode = "network=" + demo.code();
    // coordinators read their own network's reports; administrators read no network's ledger data
    r.probe(
        "GET /api/v1/reports/circulation",
        "the caller's network",
        c -> api.apply(c).get("/api/v1/reports/circulation"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
    r.probe(
        "GET /api/v1/reports/circulation",
        "the demo network by its code",
        c -> api.apply(c).get("/api/v1/reports/circulation?" + demoCode),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    r.probe(
        "GET /api/v1/reports/charts/{chart}.png",
        "the demo's flows chart",
        c -> api.apply(c).get("/api/v1/reports/charts/flows.png?" + demoCode),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    for (String form : new String[] {"circulation.csv", "circulation.pdf", "circulation/signed"}) {
      r.probe(
          "GET /api/v1/reports/" + form,
          "the demo's report",
          c -> api.apply(c).get("/api/v1/reports/" + form + "?" + demoCode),
          Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    }
    r.probe(
        "GET /api/v1/reports/export.zip",
        "the demo's audit export",
        c -> api.apply(c).get("/api/v1/reports/export.zip?" + demoCode),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    // checkpoints: anyone with a role in the network
    r.probe(
        "GET /api/v1/reports/checkpoints",
        "the caller's network",
        c -> api.apply(c).get("/api/v1/reports/checkpoints"),
        Expect.authenticated(200).only(404, "admin"));
    r.probe(
        "GET /api/v1/reports/checkpoints",
        "the demo's",
        c -> api.apply(c).get("/api/v1/reports/checkpoints?" + demoCode),
        Expect.authenticated(200).only(404, "admin", otherCoordinator, otherMember));
    // taken first, so that the proof below has a checkpoint to lead to
    r.probe(
        "POST /api/v1/reports/checkpoints",
        "the demo's, now",
        c -> api.apply(c).post("/api/v1/reports/checkpoints?" + demoCode, ""),
        Expect.authenticated(403).only(201, "coord1").only(404, otherCoordinator));
    // a proof: for the holders of the transfer's accounts only (alice paid the bakery)
    r.probe(
        "GET /api/v1/transfers/{id}/inclusion-proof",
        "alice's payment to the bakery",
        c -> api.apply(c).get("/api/v1/transfers/" + aliceToBakery + "/inclusion-proof"),
        Expect.authenticated(404).only(200, "alice", "boulangerie"));
    r.probe(
        "GET /api/v1/reports/transparency",
        "the demo's setting",
        c -> api.apply(c).get("/api/v1/reports/transparency?" + demoCode),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    r.probe(
        "PUT /api/v1/reports/transparency",
        "the demo's page stays off",
        c ->
            api.apply(c)
                .put(
                    "/api/v1/reports/transparency",
                    Api.json("enabled", false, "network", demo.code())),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    // public, for a network that publishes them: the demo does not
    r.probe(
        "GET /api/v1/public/networks/{code}/transparency",
        "the demo's (not published)",
        c -> api.apply(c).get("/api/v1/public/networks/" + demo.code() + "/transparency"),
        Expect.everyone(404));
    r.probe(
        "GET /api/v1/public/networks/{code}/checkpoints",
        "the demo's (not published)",
        c -> api.apply(c).get("/api/v1/public/networks/" + demo.code() + "/checkpoints"),
        Expect.everyone(404));
    r.probe(
        "GET /transparence/{code}",
        "the demo's page (not published)",
        c -> api.apply(c).get("/transparence/" + demo.code()),
        Expect.everyone(404));
    r.probe(
        "GET /transparency/{code}",
        "the demo's page (not published)",
        c -> api.apply(c).get("/transparency/" + demo.code()),
        Expect.everyone(404));
  }
}
