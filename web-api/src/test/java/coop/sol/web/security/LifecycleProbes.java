package coop.sol.web.security;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import coop.sol.web.user.Role;
import java.util.function.Function;

/**
 * The authorization matrix's probes for the life cycle of accounts and people and for personal data
 * (coop.sol.web.lifecycle), on demo users made for them, so that no other probe meets a frozen or
 * closed account.
 */
final class LifecycleProbes {
  private final Callers callers;
  private final Function<String, Api> api;
  private final Network demo;
  private final String otherCoordinator;

  LifecycleProbes(
      Callers callers, Function<String, Api> api, Network demo, String otherCoordinator) {
    this.callers = callers;
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(OperationProbes.Registry registry) {
    String frozen = callers.newUser("gel", Role.MEMBER, demo, "1.00");
    String closed = callers.newUser("clos", Role.MEMBER, demo, null);
    long frozenAccount = account(frozen);
    long closedAccount = account(closed);
    long demoId = demo.id().value();
    Expect coordinatorOnly =
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator);
    for (String action : new String[] {"freeze", "unfreeze"}) {
      registry.probe(
          "POST /api/v1/accounts/{id}/" + action,
          "a demo member's account",
          c -> api.apply(c).post("/api/v1/accounts/" + frozenAccount + "/" + action, reason()),
          coordinatorOnly);
      registry.probe(
          "POST /api/v1/networks/{networkId}/people/{username}/" + action,
          "a demo member",
          c ->
              api.apply(c)
                  .post(
                      "/api/v1/networks/" + demoId + "/people/" + frozen + "/" + action, reason()),
          coordinatorOnly);
    }
    registry.probe(
        "POST /api/v1/accounts/{id}/close",
        "a demo member's empty account (closed once, then as it is)",
        c -> api.apply(c).post("/api/v1/accounts/" + closedAccount + "/close", reason()),
        coordinatorOnly);
    String leaving = callers.newUser("depart", Role.MEMBER, demo, null);
    registry.probe(
        "POST /api/v1/networks/{networkId}/people/{username}/close",
        "a demo member with empty accounts (closed once, then as they are)",
        c ->
            api.apply(c)
                .post("/api/v1/networks/" + demoId + "/people/" + leaving + "/close", reason()),
        coordinatorOnly);
    registry.probe(
        "POST /api/v1/auth/forgot-password",
        "an address nobody has: the same answer for everyone",
        c ->
            api.apply(c)
                .post("/api/v1/auth/forgot-password", Api.json("email", "personne@example.org")),
        Expect.everyone(202));
    registry.probe(
        "GET /api/v1/me/data.json",
        "one's own data",
        c -> api.apply(c).get("/api/v1/me/data.json"),
        Expect.authenticated(200));
    registry.probe(
        "GET /api/v1/me/data.csv",
        "one's own data",
        c -> api.apply(c).get("/api/v1/me/data.csv"),
        Expect.authenticated(200));
    // credit limits: a raise proposed by coord1 on a member made for it; the approval needs a
    // second coordinator of the demo, which the matrix has none of (coord1: SELF_APPROVAL)
    String borrower = callers.newUser("credit", Role.MEMBER, demo, null);
    long borrowerAccount = account(borrower);
    registry.probe(
        "POST /api/v1/accounts/{id}/credit-limit",
        "raise a demo member's limit (proposed)",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/accounts/" + borrowerAccount + "/credit-limit",
                    Api.json("creditLimit", "5.00", "reason", "matrice")),
        Expect.authenticated(403).only(202, "coord1").only(404, otherCoordinator));
    registry.probe(
        "GET /api/v1/credit-limit-changes",
        "the raises awaiting approval",
        c -> api.apply(c).get("/api/v1/credit-limit-changes"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
    for (String decision : new String[] {"approve", "decline"}) {
      registry.probe(
          "POST /api/v1/credit-limit-changes/{id}/" + decision,
          "a raise coord1 proposed",
          c ->
              api.apply(c)
                  .post(
                      "/api/v1/credit-limit-changes/"
                          + proposedRaise(borrowerAccount)
                          + "/"
                          + decision,
                      null),
          Expect.authenticated(403).only(409, "coord1").only(404, otherCoordinator));
    }
    registry.probe(
        "GET /api/v1/accounts/{id}/status-changes",
        "a demo member's account",
        c -> api.apply(c).get("/api/v1/accounts/" + frozenAccount + "/status-changes"),
        coordinatorOnly);
  }

  /** A raise of the account's limit proposed by coord1, made for each probe that decides it. */
  private long proposedRaise(long account) {
    Api.Response proposed =
        callers
            .as("coord1")
            .post(
                "/api/v1/accounts/" + account + "/credit-limit",
                Api.json("creditLimit", "7.00", "reason", "matrice"))
            .send();
    if (proposed.status() != 202) {
      throw new IllegalStateException(proposed.toString());
    }
    return proposed.json().get("id").asLong();
  }

  private long account(String owner) {
    return callers.account(demo, OwnerKind.MEMBER, owner, StrandKind.COOPERATION).id().value();
  }

  private static String reason() {
    return Api.json("reason", "matrice");
  }
}
