package coop.sol.web.security;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the directory of merchants (coop.sol.web.directory and its
 * pages), kept apart from {@link AuthorizationMatrixIT} like {@link ReportProbes}. The demo's
 * directory is not published: its users read it, nobody else.
 */
final class DirectoryProbes {
  private final Function<String, Api> api;
  private final Callers callers;
  private final Network demo;
  private final String otherCoordinator;
  private final String otherMember;

  DirectoryProbes(
      Function<String, Api> api,
      Callers callers,
      Network demo,
      String otherCoordinator,
      String otherMember) {
    this.api = api;
    this.callers = callers;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
    this.otherMember = otherMember;
  }

  void addTo(OperationProbes.Registry r) {
    String demoCode = "network=" + demo.code();
    // the demo's users, whatever their role; not the administrator, who holds none in it
    Expect demoUsers =
        Expect.authenticated(200).only(404, "admin", otherCoordinator, otherMember).anonymous(404);
    r.probe(
        "GET /api/v1/directory",
        "the demo's directory (not published)",
        c -> api.apply(c).get("/api/v1/directory?" + demoCode),
        demoUsers);
    r.probe(
        "GET /api/v1/directory/guide.pdf",
        "the demo's guide (not published)",
        c -> api.apply(c).get("/api/v1/directory/guide.pdf?" + demoCode),
        Expect.authenticated(200).only(404, "admin", otherCoordinator, otherMember).anonymous(404));
    r.probe(
        "GET /api/v1/directory/publication",
        "the demo's setting",
        c -> api.apply(c).get("/api/v1/directory/publication?" + demoCode),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    r.probe(
        "PUT /api/v1/directory/publication",
        "the demo's directory stays for members",
        c ->
            api.apply(c)
                .put(
                    "/api/v1/directory/publication",
                    Api.json("published", false, "network", demo.code())),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    long bakery =
        callers
            .account(demo, OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION)
            .id()
            .value();
    Expect bakeryAndCoordinators =
        Expect.authenticated(403)
            .only(200, "boulangerie", "coord1")
            .only(404, "librairie", otherCoordinator);
    r.probe(
        "GET /api/v1/merchants/{accountId}/profile",
        "the bakery's listing",
        c -> api.apply(c).get("/api/v1/merchants/" + bakery + "/profile"),
        bakeryAndCoordinators);
    r.probe(
        "PUT /api/v1/merchants/{accountId}/profile",
        "the bakery's listing, written again as it is",
        c ->
            api.apply(c)
                .put(
                    "/api/v1/merchants/" + bakery + "/profile",
                    Api.json(
                        "tradingName",
                        "Boulangerie du Port",
                        "town",
                        "Brest",
                        "strands",
                        java.util.List.of("COOPERATION"))),
        bakeryAndCoordinators);
    // the page: public when published; the demo's is not, so a visitor goes to the login form
    for (String page : new String[] {"/annuaire", "/directory"}) {
      r.probe(
          "GET " + page,
          "the demo's directory page (not published)",
          c -> api.apply(c).get(page + "?" + demoCode),
          Expect.authenticated(200)
              .only(404, "admin", otherCoordinator, otherMember)
              .anonymous(302));
    }
  }
}
