package coop.sol.web.security;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import java.util.List;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;

/**
 * The authorization matrix's probes for networks and people (coop.sol.web.network,
 * coop.sol.web.people), kept apart from {@link AuthorizationMatrixIT} like {@link OperationProbes}.
 * Requests that create use a name per caller, so each allowed caller creates once; people whose
 * access is reset are made for the purpose, never a caller of the matrix.
 */
final class PeopleProbes {
  private final Callers callers;
  private final ApplicationContext context;
  private final Function<String, Api> api;
  private final Network demo;
  private final String otherCoordinator;

  PeopleProbes(
      Callers callers,
      ApplicationContext context,
      Function<String, Api> api,
      Network demo,
      String otherCoordinator) {
    this.callers = callers;
    this.context = context;
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
  }

  private static String slug(String caller) {
    return caller.replaceAll("[^a-z0-9]", "");
  }

  void addTo(OperationProbes.Registry r) {
    Users users = context.getBean(Users.class);
    String editable = callers.newNetwork("editable").code();
    long caisse = users.find("caisse").orElseThrow().id();
    String target = callers.newUser("cible", Role.MEMBER, demo, null);
    long targetId = users.find(target).orElseThrow().id();
    String demoPeople = "/api/v1/people/";

    // --- networks: the installation's administrators; coordinators read their own network's
    r.probe(
        "POST /api/v1/networks",
        "a new network",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/networks",
                    Api.json(
                        "code",
                        "matrice-" + slug(c),
                        "name",
                        "Matrice",
                        "euroRate",
                        "1",
                        "purchaseBonus",
                        "5")),
        Expect.authenticated(403).only(201, "admin"));
    r.probe(
        "GET /api/v1/networks",
        "every network",
        c -> api.apply(c).get("/api/v1/networks"),
        Expect.authenticated(403).only(200, "admin"));
    r.probe(
        "GET /api/v1/networks/{code}",
        "the demo network",
        c -> api.apply(c).get("/api/v1/networks/" + demo.code()),
        Expect.authenticated(403).only(200, "admin", "coord1").only(404, otherCoordinator));
    r.probe(
        "PUT /api/v1/networks/{code}",
        "a network of the installation",
        c ->
            api.apply(c)
                .put(
                    "/api/v1/networks/" + editable,
                    Api.json("name", "Modifiable", "euroRate", "1.00", "purchaseBonus", "2")),
        Expect.authenticated(403).only(200, "admin"));
    r.probe(
        "POST /api/v1/networks/{code}/coordinators",
        "a first coordinator",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/networks/" + editable + "/coordinators",
                    Api.json("username", "premier-" + slug(c), "displayName", "Premier")),
        Expect.authenticated(403).only(201, "admin"));

    // --- people
    r.probe(
        "POST /api/v1/people",
        "a member of the demo network",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/people",
                    Api.json(
                        "network",
                        demo.code(),
                        "username",
                        "inscrit-" + slug(c),
                        "displayName",
                        "Inscrit",
                        "roles",
                        List.of("MEMBER"))),
        // merchants enrol their cashiers only; the administrator, coordinators only
        Expect.authenticated(403).only(201, "coord1").only(404, otherCoordinator));
    r.probe(
        "GET /api/v1/people",
        "the demo network's people",
        c -> api.apply(c).get("/api/v1/people?network=" + demo.code()),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    r.probe(
        "GET /api/v1/people/{id}",
        "the bakery's cashier",
        c -> api.apply(c).get(demoPeople + caisse),
        Expect.authenticated(403)
            .only(200, "coord1", "boulangerie")
            .only(404, "librairie", "admin", otherCoordinator));
    r.probe(
        "PUT /api/v1/people/{id}/roles",
        "a member of the demo network",
        c ->
            api.apply(c)
                .put(
                    demoPeople + targetId + "/roles",
                    Api.json("network", demo.code(), "roles", List.of("MEMBER"))),
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator));
    r.probe(
        "POST /api/v1/people/{id}/activation",
        "a member of the demo network",
        c -> api.apply(c).post(demoPeople + targetId + "/activation", ""),
        Expect.authenticated(403)
            .only(201, "coord1")
            .only(404, "boulangerie", "librairie", "admin", otherCoordinator));
    r.probe(
        "POST /api/v1/people/{id}/activation-letter.pdf",
        "a member of the demo network, with a code that is not theirs",
        c ->
            api.apply(c)
                .post(
                    demoPeople + targetId + "/activation-letter.pdf",
                    Api.json("code", "AAAA-BBBB-CCCC-DDDD")),
        Expect.authenticated(403)
            .only(400, "coord1")
            .only(404, "boulangerie", "librairie", "admin", otherCoordinator));
    r.probe(
        "GET /api/v1/coordinator-appointments",
        "the caller's network's",
        c -> api.apply(c).get("/api/v1/coordinator-appointments"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
    for (String decision : new String[] {"approve", "decline"}) {
      r.probe(
          "POST /api/v1/coordinator-appointments/{id}/" + decision,
          "an appointment that does not exist",
          c -> api.apply(c).post("/api/v1/coordinator-appointments/987654/" + decision, ""),
          Expect.authenticated(403).only(404, "coord1", otherCoordinator));
    }

    // --- one's own access: the code is the credential; a password change needs the current one
    r.probe(
        "POST /api/v1/auth/activate",
        "a malformed code",
        c -> api.apply(c).post("/api/v1/auth/activate", Api.json("code", "x", "password", "y")),
        Expect.everyone(400));
    r.probe(
        "POST /api/v1/auth/password",
        "a wrong current password",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/auth/password",
                    Api.json(
                        "currentPassword", "pas le bon", "newPassword", "une nouvelle phrase")),
        Expect.authenticated(400));
  }
}
