package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.network.Network;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.List;
import java.util.function.Function;

/**
 * The authorization matrix's probes for member cards' PIN resets, the network's card caps and the
 * card pages (coop.sol.web.card.CardAdministrationController, coop.sol.web.page.card), kept apart
 * like {@link CardProbes}. Pages are for a browser's session: a token gets 403, nobody 401 (a GET)
 * or 403 (no CSRF token); {@code PageAccessIT} checks them for each role with sessions. The page
 * where a holder uses a PIN-reset code is public, like {@code /activate}.
 */
final class CardPagesProbes {
  private final Callers callers;
  private final Function<String, Api> api;
  private final Network demo;
  private final String otherCoordinator;
  private final long alices;

  CardPagesProbes(
      Callers callers,
      Function<String, Api> api,
      Network demo,
      String otherCoordinator,
      long alices) {
    this.callers = callers;
    this.api = api;
    this.demo = demo;
    this.otherCoordinator = otherCoordinator;
    this.alices = alices;
  }

  private long freshCard() {
    Api.Response issued =
        callers
            .as("coord1")
            .post(
                "/api/v1/cards",
                Api.json(
                    "holderAccountId", alices, "holderName", "Alice Martin", "pin", CardProbes.PIN))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json().get("id").asLong();
  }

  void addTo(OperationProbes.Registry r) {
    long card = freshCard();
    r.probe(
        "POST /api/v1/cards/{id}/pin-reset",
        "a PIN-reset activation for alice's card",
        c -> api.apply(c).post("/api/v1/cards/" + card + "/pin-reset", null),
        Expect.authenticated(403).only(200, "coord1", "comptoir").only(404, otherCoordinator));
    String caps = "/api/v1/networks/" + demo.id().value() + "/settings/card-caps";
    Expect demoCoordinator =
        Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator);
    r.probe(
        "GET /api/v1/networks/{id}/settings/card-caps",
        "the demo network's card caps",
        c -> api.apply(c).get(caps),
        demoCoordinator);
    r.probe(
        "PUT /api/v1/networks/{id}/settings/card-caps",
        "the demo network's card caps, set to the defaults again",
        c ->
            api.apply(c)
                .put(
                    caps,
                    Api.json("dailyCap", "100.00", "paymentCap", "50.00", "offlineCap", "10.00")),
        demoCoordinator);
    for (String page :
        List.of(
            "GET /cards/issue",
            "POST /cards/issue",
            "POST /cards/issue/pin",
            "GET /cards/{id}",
            "POST /cards/{id}/pin-reset",
            "GET /member/cards",
            "POST /member/cards/{id}/block",
            "POST /member/cards/{id}/unblock",
            "POST /member/cards/{id}/daily-cap",
            "POST /member/cards/{id}/pin",
            "GET /coordinator/cards",
            "POST /coordinator/cards/caps")) {
      String path = page.substring(page.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      boolean get = page.startsWith("GET ");
      r.probe(
          page,
          "a card page",
          c -> get ? api.apply(c).get(path) : api.apply(c).post(path, ""),
          Expect.authenticated(403).anonymous(get ? 401 : 403));
    }
    // a new PIN with a PIN-reset code: no login (the code is the credential); a form posted
    // without a session has no CSRF token
    for (String reset : new String[] {"/carte/pin", "/card-pin"}) {
      r.probe(
          "GET " + reset, "the new-PIN page", c -> api.apply(c).get(reset), Expect.everyone(200));
      r.probe(
          "POST " + reset,
          "an empty form",
          c -> api.apply(c).post(reset, ""),
          Expect.authenticated(200).anonymous(403));
    }
  }
}
