package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.util.function.Function;

/**
 * The authorization matrix's probes for member cards (coop.sol.web.card), kept apart from {@link
 * AuthorizationMatrixIT} like {@link OperationProbes}. Alice's cards are issued by coord1; a probe
 * that changes a card takes a fresh one.
 */
final class CardProbes {
  static final String PIN = "4821";

  private final Callers callers;
  private final Function<String, Api> api;
  private final String otherCoordinator;
  private final long alices;
  private final long bakeryCoop;

  CardProbes(
      Callers callers,
      Function<String, Api> api,
      String otherCoordinator,
      long alices,
      long bakeryCoop) {
    this.callers = callers;
    this.api = api;
    this.otherCoordinator = otherCoordinator;
    this.alices = alices;
    this.bakeryCoop = bakeryCoop;
  }

  /** A new card for alice's SOL Coopération account, with the PIN she typed; its id. */
  private long freshCard() {
    Api.Response issued =
        callers
            .as("coord1")
            .post(
                "/api/v1/cards",
                Api.json("holderAccountId", alices, "holderName", "Alice Martin", "pin", PIN))
            .send();
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.json().get("id").asLong();
  }

  private String codeOf(long card) {
    return callers.as("coord1").get("/api/v1/cards/" + card).send().json().get("code").asString();
  }

  void addTo(OperationProbes.Registry r) {
    long card = freshCard();
    r.probe(
        "GET /api/v1/cards",
        "one's own cards",
        c -> api.apply(c).get("/api/v1/cards"),
        Expect.authenticated(200));
    r.probe(
        "POST /api/v1/cards",
        "a card for alice, her PIN typed by her",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/cards",
                    Api.json("holderAccountId", alices, "holderName", "Alice", "pin", PIN)),
        // the other network's coordinator does not see alice's account
        Expect.authenticated(403).only(201, "coord1", "comptoir").only(422, otherCoordinator));
    Expect holderAndStaff = Expect.authenticated(404).only(200, "alice", "coord1", "comptoir");
    r.probe(
        "GET /api/v1/cards/{id}",
        "alice's card",
        c -> api.apply(c).get("/api/v1/cards/" + card),
        holderAndStaff);
    r.probe(
        "GET /api/v1/cards/{id}/card.pdf",
        "alice's card to print",
        c -> api.apply(c).get("/api/v1/cards/" + card + "/card.pdf?largePrint=true"),
        holderAndStaff);
    r.probe(
        "GET /api/v1/cards/{id}/payments",
        "the payments made with alice's card",
        c -> api.apply(c).get("/api/v1/cards/" + card + "/payments"),
        holderAndStaff);
    r.probe(
        "POST /api/v1/cards/{id}/block",
        "block a fresh card of alice's",
        c -> api.apply(c).post("/api/v1/cards/" + freshCard() + "/block", null),
        holderAndStaff);
    r.probe(
        "POST /api/v1/cards/{id}/unblock",
        "unblock a blocked card of alice's",
        c -> {
          long blocked = freshCard();
          callers.as("coord1").post("/api/v1/cards/" + blocked + "/block", null).send();
          return api.apply(c).post("/api/v1/cards/" + blocked + "/unblock", null);
        },
        // an exchange office blocks but never unblocks: the holder or a coordinator does
        Expect.authenticated(404).only(200, "alice", "coord1").only(403, "comptoir"));
    r.probe(
        "POST /api/v1/cards/{id}/replace",
        "replace a fresh card of alice's",
        c -> api.apply(c).post("/api/v1/cards/" + freshCard() + "/replace", null),
        Expect.authenticated(403).only(201, "coord1", "comptoir").only(404, otherCoordinator));
    // the holder only; coordinators' and administrators' tokens never carry pay
    Expect holderOnly =
        Expect.authenticated(404).only(200, "alice").only(403, "coord1", otherCoordinator, "admin");
    r.probe(
        "PUT /api/v1/cards/{id}/pin",
        "change the PIN of a fresh card of alice's",
        c ->
            api.apply(c)
                .put(
                    "/api/v1/cards/" + freshCard() + "/pin",
                    Api.json("oldPin", PIN, "newPin", "902716")),
        holderOnly);
    r.probe(
        "PUT /api/v1/cards/{id}/daily-cap",
        "alice's own daily cap",
        c ->
            api.apply(c).put("/api/v1/cards/" + card + "/daily-cap", Api.json("dailyCap", "30.00")),
        holderOnly);
    Expect bakeryTill =
        Expect.authenticated(403).only(200, "boulangerie", "caisse").only(422, "librairie");
    String code = codeOf(card);
    r.probe(
        "POST /api/v1/cards/read",
        "alice's card at the bakery",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/cards/read", Api.json("merchantAccountId", bakeryCoop, "card", code)),
        bakeryTill);
    r.probe(
        "GET /api/v1/cards/revocations",
        "the bakery's revocation list",
        c -> api.apply(c).get("/api/v1/cards/revocations?merchantAccountId=" + bakeryCoop),
        bakeryTill);
    r.probe(
        "POST /api/v1/cards/charge",
        "charge alice's card at the bakery",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/cards/charge",
                    Api.json(
                        "merchantAccountId",
                        bakeryCoop,
                        "card",
                        code,
                        "amount",
                        "0.01",
                        "pin",
                        PIN))
                .header("Idempotency-Key", "matrix-card-" + c),
        Expect.authenticated(403).only(201, "boulangerie", "caisse").only(422, "librairie"));
    r.probe(
        "GET /api/v1/reports/cards",
        "cards issued, blocked, replaced this year",
        c -> api.apply(c).get("/api/v1/reports/cards?from=2020-01-01&to=2099-12-31"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
  }
}
