package coop.sol.web.security;

import coop.sol.web.Api;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for what members see (issue 17): an account's monthly
 * statement, PDF and CSV, readable by whoever may read the account's history and nobody else.
 */
final class MemberProbes {
  /** A month before the tests' clock: a statement of it exists (possibly empty). */
  private static final String MONTH = "2026-01";

  private final Function<String, Api> api;
  private final long alices;
  private final String otherMember;
  private final String otherCoordinator;
  private final long zoes;

  MemberProbes(
      Function<String, Api> api,
      long alices,
      long zoes,
      String otherMember,
      String otherCoordinator) {
    this.api = api;
    this.alices = alices;
    this.zoes = zoes;
    this.otherMember = otherMember;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(OperationProbes.Registry registry) {
    for (String form : new String[] {"pdf", "csv"}) {
      String endpoint = "GET /api/v1/accounts/{id}/statement." + form;
      registry.probe(
          endpoint,
          "alice's statement",
          c ->
              api.apply(c)
                  .get("/api/v1/accounts/" + alices + "/statement." + form + "?month=" + MONTH),
          Expect.authenticated(404).only(200, "alice", "coord1"));
      registry.probe(
          endpoint,
          "a statement in another network",
          c ->
              api.apply(c)
                  .get("/api/v1/accounts/" + zoes + "/statement." + form + "?month=" + MONTH),
          Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    }
  }
}
