package coop.sol.web.security;

import coop.sol.ledger.Operations;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.correction.CorrectionProposal;
import coop.sol.ledger.exchange.SolPurchase;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.security.AuthorizationMatrixIT.Expect;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;

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
  private final Operations operations;
  private final Function<String, Api> api;
  private final Network demo;
  private final Network other;
  private final String otherMember;
  private final String otherCoordinator;

  OperationProbes(
      Callers callers,
      ApplicationContext context,
      Function<String, Api> api,
      Network demo,
      Network other,
      String otherMember,
      String otherCoordinator) {
    this.callers = callers;
    this.operations = context.getBean(Operations.class);
    this.api = api;
    this.demo = demo;
    this.other = other;
    this.otherMember = otherMember;
    this.otherCoordinator = otherCoordinator;
  }

  void addTo(Registry registry) {
    // the other network is set up for the operations too (system accounts), so that its
    // coordinator is refused for scope, not for a network without accounts
    operations.settings().setUp(other.id());
    settings(registry);
    exchangeAndRewards(registry);
    volunteeringAndVouchers(registry);
    reconversionAndFonte(registry);
    corrections(registry);
  }

  private long account(Network network, OwnerKind kind, String owner, StrandKind strand) {
    return callers.account(network, kind, owner, strand).id().value();
  }

  private void exchangeAndRewards(Registry r) {
    long alices = account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION);
    long zoes = account(other, OwnerKind.MEMBER, otherMember, StrandKind.COOPERATION);
    // euros in the office's till, for the banking probe
    operations
        .exchange()
        .buy(
            new SolPurchase(
                demo.id(),
                new IdempotencyKey("matrix-till"),
                "comptoir",
                new AccountId(alices),
                Amount.of(1_000)))
        .orElseThrow();
    long till = account(demo, OwnerKind.EXCHANGE_OFFICE, "comptoir", StrandKind.EURO);

    r.probe(
        "POST /api/v1/exchange/purchases",
        "alice buys at the demo's office",
        c ->
            api.apply(c)
                .post("/api/v1/exchange/purchases", Api.json("accountId", alices, "euros", "1.00"))
                .header("Idempotency-Key", "matrix-purchase-" + c),
        Expect.authenticated(403).only(201, "comptoir"));
    r.probe(
        "POST /api/v1/exchange/purchases",
        "for an account of another network",
        c ->
            api.apply(c)
                .post("/api/v1/exchange/purchases", Api.json("accountId", zoes, "euros", "1.00"))
                .header("Idempotency-Key", "matrix-purchase-other-" + c),
        Expect.authenticated(403).only(422, "comptoir"));
    r.probe(
        "POST /api/v1/exchange/offices/{id}/bank",
        "the office's till",
        c ->
            api.apply(c)
                .post("/api/v1/exchange/offices/" + till + "/bank", Api.json("euros", "0.01"))
                .header("Idempotency-Key", "matrix-bank-" + c),
        Expect.authenticated(403).only(201, "comptoir"));
    r.probe(
        "POST /api/v1/exchange/offices/{id}/bank",
        "an account that is not the agent's till",
        c ->
            api.apply(c)
                .post("/api/v1/exchange/offices/" + alices + "/bank", Api.json("euros", "0.01"))
                .header("Idempotency-Key", "matrix-bank-alice-" + c),
        Expect.authenticated(403).only(404, "comptoir"));
    r.probe(
        "GET /api/v1/exchange/reserve",
        "the reserve statement",
        c -> api.apply(c).get("/api/v1/exchange/reserve"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
    r.probe(
        "POST /api/v1/rewards",
        "a reward to alice",
        c ->
            api.apply(c)
                .post("/api/v1/rewards", Api.json("memberAccountId", alices, "eurosPaid", "1.00"))
                .header("Idempotency-Key", "matrix-reward-" + c),
        Expect.authenticated(403).only(201, "boulangerie", "librairie", "caisse"));
    r.probe(
        "POST /api/v1/rewards",
        "a reward to a member of another network",
        c ->
            api.apply(c)
                .post("/api/v1/rewards", Api.json("memberAccountId", zoes, "eurosPaid", "1.00"))
                .header("Idempotency-Key", "matrix-reward-other-" + c),
        Expect.authenticated(403).only(422, "boulangerie", "librairie", "caisse"));
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

  private void volunteeringAndVouchers(Registry r) {
    long assos = account(demo, OwnerKind.ASSOCIATION, "asso", StrandKind.ENGAGEMENT);
    long alices = account(demo, OwnerKind.MEMBER, "alice", StrandKind.ENGAGEMENT);
    long zoes = account(other, OwnerKind.MEMBER, otherMember, StrandKind.COOPERATION);
    long bakery = account(demo, OwnerKind.MERCHANT, "boulangerie", StrandKind.AFFECTE);
    long bookshop = account(demo, OwnerKind.MERCHANT, "librairie", StrandKind.AFFECTE);

    r.probe(
        "POST /api/v1/volunteering/allowances",
        "an allowance for the demo's association",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/volunteering/allowances",
                    Api.json("associationAccountId", assos, "amount", "1.00"))
                .header("Idempotency-Key", "matrix-allowance-" + c),
        // another network's coordinator: an account that does not exist for them
        Expect.authenticated(403).only(201, "coord1").only(422, otherCoordinator));
    r.probe(
        "POST /api/v1/volunteering/certifications",
        "a minute of alice's volunteering",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/volunteering/certifications",
                    Api.json("memberAccountId", alices, "minutes", 1))
                .header("Idempotency-Key", "matrix-hours-" + c),
        Expect.authenticated(403).only(201, "asso"));
    r.probe(
        "POST /api/v1/volunteering/certifications",
        "for a member of another network",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/volunteering/certifications",
                    Api.json("memberAccountId", zoes, "minutes", 1))
                .header("Idempotency-Key", "matrix-hours-other-" + c),
        Expect.authenticated(403).only(422, "asso"));
    r.probe(
        "GET /api/v1/volunteering/allowance",
        "own allowance",
        c -> api.apply(c).get("/api/v1/volunteering/allowance"),
        Expect.authenticated(403).only(200, "asso"));
    r.probe(
        "POST /api/v1/vouchers/grants",
        "a lot for alice",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/vouchers/grants",
                    Api.json(
                        "beneficiary",
                        "alice",
                        "amount",
                        "1.00",
                        "expiresAt",
                        Instant.now().plus(30, ChronoUnit.DAYS).toString(),
                        "categories",
                        List.of("FOOD"),
                        "label",
                        "Matrice"))
                .header("Idempotency-Key", "matrix-grant-" + c),
        Expect.authenticated(403).only(201, "mairie"));
    r.probe(
        "POST /api/v1/vouchers/payments",
        "vouchers at the bakery (FOOD)",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/vouchers/payments",
                    Api.json("merchantAccountId", bakery, "amount", "0.01"))
                .header("Idempotency-Key", "matrix-voucher-" + c),
        // alice and bruno hold lots for FOOD; the other network's member cannot name the bakery
        Expect.authenticated(403).only(201, "alice", "bruno").only(422, otherMember));
    r.probe(
        "POST /api/v1/vouchers/payments",
        "vouchers at the bookshop (BOOKS)",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/vouchers/payments",
                    Api.json("merchantAccountId", bookshop, "amount", "0.01"))
                .header("Idempotency-Key", "matrix-voucher-books-" + c),
        Expect.authenticated(403).only(422, "alice", "bruno", otherMember));
    r.probe(
        "GET /api/v1/vouchers/holdings",
        "own lots",
        c -> api.apply(c).get("/api/v1/vouchers/holdings"),
        Expect.authenticated(403).only(200, "alice", "bruno", otherMember));
  }

  private void reconversionAndFonte(Registry r) {
    // the other network's fonte has a period that ended yesterday (nobody to charge in it); the
    // demo's first period has not ended yet
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
    operations
        .settings()
        .changeFonteRule(
            other.id(),
            StrandKind.COOPERATION,
            new FonteRule(
                true,
                BasisPoints.of(200),
                Period.ofDays(1),
                today.minusDays(3),
                ZoneId.of("Europe/Paris"),
                1,
                operations.settings().setUp(other.id()).fund(StrandKind.COOPERATION)),
            Actor.of("matrix"))
        .orElseThrow();

    r.probe(
        "GET /api/v1/reconversions/quote",
        "a quote for 10.00",
        c -> api.apply(c).get("/api/v1/reconversions/quote?amount=10.00"),
        Expect.authenticated(403).only(200, "boulangerie", "librairie"));
    r.probe(
        "POST /api/v1/reconversions",
        "0.10 of one's own SOL",
        c ->
            api.apply(c)
                .post("/api/v1/reconversions", Api.json("amount", "0.10"))
                .header("Idempotency-Key", "matrix-reconversion-" + c),
        // members and cashiers never reconvert
        Expect.authenticated(403).only(201, "boulangerie", "librairie"));
    r.probe(
        "GET /api/v1/fonte/preview",
        "the latest period that ended",
        c -> api.apply(c).get("/api/v1/fonte/preview?strand=COOPERATION"),
        Expect.authenticated(403).only(422, "coord1").only(200, otherCoordinator));
    r.probe(
        "POST /api/v1/fonte/runs",
        "a run of the latest period that ended",
        c -> api.apply(c).post("/api/v1/fonte/runs", Api.json("strand", "COOPERATION")),
        Expect.authenticated(403).only(422, "coord1").only(200, otherCoordinator));
    r.probe(
        "GET /api/v1/fonte/runs",
        "the runs",
        c -> api.apply(c).get("/api/v1/fonte/runs"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
  }

  private void corrections(Registry r) {
    AccountId bakery =
        new AccountId(account(demo, OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION));
    AccountId alices =
        new AccountId(account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION));
    // proposals of the demo's second coordinator, for coord1 to read, approve and decline
    long[] byCoord2 = new long[3];
    for (int i = 0; i < byCoord2.length; i++) {
      byCoord2[i] =
          operations
              .corrections()
              .propose(
                  demo.id(),
                  CorrectionProposal.transfer(
                      StrandKind.COOPERATION, bakery, alices, Amount.of(1), "Matrice " + i),
                  Actor.of("coord2"))
              .orElseThrow()
              .id();
    }

    r.probe(
        "POST /api/v1/corrections",
        "a correction between two accounts of the demo",
        c ->
            api.apply(c)
                .post(
                    "/api/v1/corrections",
                    Api.json(
                        "strand",
                        "COOPERATION",
                        "debitAccountId",
                        bakery.value(),
                        "creditAccountId",
                        alices.value(),
                        "amount",
                        "0.01",
                        "reason",
                        "Matrice")),
        Expect.authenticated(403).only(201, "coord1").only(422, otherCoordinator));
    r.probe(
        "GET /api/v1/corrections",
        "the corrections awaiting approval",
        c -> api.apply(c).get("/api/v1/corrections"),
        Expect.authenticated(403).only(200, "coord1", otherCoordinator));
    r.probe(
        "GET /api/v1/corrections/{id}",
        "coord2's proposal",
        c -> api.apply(c).get("/api/v1/corrections/" + byCoord2[0]),
        coordinatorOnly());
    r.probe(
        "POST /api/v1/corrections/{id}/approve",
        "coord2's proposal",
        c -> api.apply(c).post("/api/v1/corrections/" + byCoord2[1] + "/approve", null),
        coordinatorOnly());
    r.probe(
        "POST /api/v1/corrections/{id}/decline",
        "coord2's proposal",
        c -> api.apply(c).post("/api/v1/corrections/" + byCoord2[2] + "/decline", null),
        coordinatorOnly());
  }

  /** A coordinator's action in the demo network: coord1 only; another network's coordinator 404. */
  private Expect coordinatorOnly() {
    return Expect.authenticated(403).only(200, "coord1").only(404, otherCoordinator);
  }
}
