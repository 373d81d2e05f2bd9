package coop.sol.web.security;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.List;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the SOL operations' endpoints (coop.sol.web.operation),
 * kept apart from {@link AuthorizationMatrixIT} so the two grow without stepping on each other.
 * Each probe runs once per caller, in the matrix's order; requests that post use a key per caller,
 * so each allowed caller posts once.
 */
final class OperationProbes {
  /** How the matrix registers a probe. */
  interface Registry {
    void probe(
        String endpoint, String description, Function<String, Api.Call> request, Expect expect);
  }

  /** Demo callers with a role in the demo network (everyone but the administrator). */
  private static final String[] DEMO_NETWORK =
      AuthorizationMatrixIT.DEMO.stream().filter(c -> !c.equals("admin")).toArray(String[]::new);

  private final Callers callers;
  private final Function<String, Api> api;
  private final Network demo;
  private final Network other;
  private final String otherMember;
  private final String otherCoordinator;

  OperationProbes(
      Callers callers,
      Function<String, Api> api,
      Network demo,
      Network other,
      String otherMember,
      String otherCoordinator) {
    this.callers = callers;
    this.api = api;
    this.demo = demo;
    this.other = other;
    this.otherMember = otherMember;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(Registry registry) {
    settings(registry);
  }

  private void settings(Registry r) {
    String demoSettings = "/api/v1/networks/" + demo.id().value() + "/settings";
    r.probe(
        "GET /api/v1/networks/{id}/settings",
        "the demo network's settings",
        c -> api.apply(c).get(demoSettings),
        Expect.authenticated(404).only(200, DEMO_NETWORK));
    r.probe(
        "GET /api/v1/networks/{id}/settings",
        "another network's settings",
        c -> api.apply(c).get("/api/v1/networks/" + other.id().value() + "/settings"),
        Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    r.probe(
        "PUT /api/v1/networks/{id}/settings/rates",
        "the demo's rates, unchanged",
        c ->
            api.apply(c)
                .put(
                    demoSettings + "/rates",
                    Api.json(
                        "euroPerSol",
                        "1.00",
                        "purchaseBonusPercent",
                        "5",
                        "reconversionFeePercent",
                        "5")),
        coordinatorOnly());
    r.probe(
        "PUT /api/v1/networks/{id}/settings/categories/{code}",
        "the FOOD category, unchanged",
        c -> api.apply(c).put(demoSettings + "/categories/FOOD", Api.json("label", "Alimentation")),
        coordinatorOnly());
    r.probe(
        "PUT /api/v1/networks/{id}/settings/merchants/{merchant}/categories",
        "the bakery's categories, unchanged",
        c ->
            api.apply(c)
                .put(
                    demoSettings + "/merchants/boulangerie/categories",
                    Api.json("categories", List.of("FOOD"))),
        coordinatorOnly());
    r.probe(
        "PUT /api/v1/networks/{id}/settings/merchants/{merchant}/reward-rate",
        "the bakery's reward rate, unchanged",
        c ->
            api.apply(c)
                .put(demoSettings + "/merchants/boulangerie/reward-rate", Api.json("percent", "5")),
        coordinatorOnly());
    r.probe(
        "PUT /api/v1/networks/{id}/settings/associations/{association}/volunteer-rate",
        "the association's rate, unchanged",
        c ->
            api.apply(c)
                .put(
                    demoSettings + "/associations/asso/volunteer-rate",
                    Api.json("perHour", "60.00")),
        coordinatorOnly());
    r.probe(
        "PUT /api/v1/networks/{id}/settings/fonte-rules/{strand}",
        "a disabled fonte rule for SOL Engagement",
        c ->
            api.apply(c)
                .put(
                    demoSettings + "/fonte-rules/ENGAGEMENT",
                    Api.json(
                        "enabled",
                        false,
                        "ratePercent",
                        "2",
                        "idle",
                        "P3M",
                        "firstPeriodStart",
                        "2026-01-01",
                        "minimum",
                        "0.01")),
        coordinatorOnly());
  }

  /** A coordinator's action in the demo network: coord1 only; another network's coordinator 404. */
  private Expect coordinatorOnly() {
    return Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator);
  }

  Callers callers() {
    return callers;
  }
}
