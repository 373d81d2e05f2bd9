package coop.sol.web.security;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for imports of people (coop.sol.web.people.PeopleImports), kept
 * apart from {@link AuthorizationMatrixIT} like {@link PeopleProbes}. A dry run changes nothing, so
 * every caller may be let through it: only the demo network's coordinators get its report.
 */
final class PeopleImportProbes {
  private final Function<String, Api> api;
  private final Network demo;
  private final String otherCoordinator;

  PeopleImportProbes(Function<String, Api> api, Network demo, String otherCoordinator) {
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(OperationProbes.Registry r) {
    r.probe(
        "POST /api/v1/people/imports",
        "a dry run of a file of one member",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/people/imports?dryRun=true&network=" + demo.code(),
                    "username;display_name;roles\nessai-matrice;Essai;MEMBER\n")
                .header("Content-Type", "text/csv"),
        // the network's coordinators only; a coordinator of another network: 404
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
  }
}
