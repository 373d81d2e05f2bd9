package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the application maps (controllers and actuator alike, read from Spring's handler
 * mappings) × every role of the demo network, a member and a coordinator of another network, and an
 * anonymous caller: the status each gets. An endpoint without expected outcomes here fails the
 * test, so a new endpoint cannot ship without someone deciding who may call it. For endpoints that
 * take an id, the ids of other users and of another network answer 404, as if they did not exist.
 *
 * <p>Callers use personal access tokens with every scope their roles can use (scopes themselves are
 * tested in {@code TokenIT}).
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {
  static final String ANONYMOUS = "(anonymous)";

  /** Demo users, one per role (two members, two merchants), then the other network's. */
  static final List<String> DEMO =
      List.of(
          "bruno",
          "boulangerie",
          "librairie",
          "caisse",
          "comptoir",
          "asso",
          "mairie",
          "coord1",
          "admin",
          // last: her own token is revoked by one probe
          "alice");

  private final Callers callers;
  private final ApplicationContext context;
  private final Map<String, List<Probe>> probes = new LinkedHashMap<>();
  private String otherMember;
  private String otherCoordinator;
  private List<String> everyone;

  @Autowired
  AuthorizationMatrixIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
  }

  /** One request for one endpoint, and who gets which status. */
  record Probe(
      String description, Function<String, Api.Call> request, Map<String, Integer> expected) {}

  /** Expected statuses: by caller, else a default for authenticated callers; anonymous apart. */
  static final class Expect {
    private final Map<String, Integer> byCaller = new LinkedHashMap<>();
    private Integer otherwise;
    private Integer anonymous = 401;

    static Expect everyone(int status) {
      Expect e = new Expect();
      e.otherwise = status;
      e.anonymous = status;
      return e;
    }

    static Expect authenticated(int status) {
      Expect e = new Expect();
      e.otherwise = status;
      return e;
    }

    Expect only(int status, String... callers) {
      for (String caller : callers) {
        byCaller.put(caller, status);
      }
      return this;
    }

    Expect anonymous(int status) {
      anonymous = status;
      return this;
    }

    Expect otherwise(int status) {
      otherwise = status;
      return this;
    }

    Map<String, Integer> resolve(List<String> callers) {
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (String caller : callers) {
        expected.put(caller, byCaller.getOrDefault(caller, otherwise));
      }
      expected.put(ANONYMOUS, anonymous);
      return expected;
    }
  }

  @BeforeAll
  void probesForEveryEndpoint() {
    Network demo = callers.demo();
    Network other = callers.newNetwork("autre");
    otherMember = callers.newUser("zoe", Role.MEMBER, other, "50.00");
    otherCoordinator = callers.newUser("yann", Role.COORDINATOR, other, null);
    String otherShop = "autre-boutique";
    Account otherShopAccount = callers.openAccount(other, OwnerKind.MERCHANT, otherShop);
    everyone = new ArrayList<>(DEMO);
    everyone.add(0, otherMember);
    everyone.add(1, otherCoordinator);

    long alices =
        callers.account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION).id().value();
    long zoes =
        callers.account(other, OwnerKind.MEMBER, otherMember, StrandKind.COOPERATION).id().value();
    // the demo's first payment: alice paid the bakery
    long aliceToBakery =
        callers
            .ledger()
            .transfers()
            .history(
                demo.id(),
                callers.account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION).id(),
                coop.sol.ledger.transfer.HistoryQuery.latest(500))
            .stream()
            .filter(t -> t.code() == coop.sol.ledger.transfer.TransferCode.PAYMENT)
            .filter(t -> t.memo().equals("Pain et croissants"))
            .findFirst()
            .orElseThrow()
            .id()
            .value();
    long zoesFunding =
        callers
            .ledger()
            .transfers()
            .history(
                other.id(),
                callers.account(other, OwnerKind.MEMBER, otherMember, StrandKind.COOPERATION).id(),
                coop.sol.ledger.transfer.HistoryQuery.latest(1))
            .get(0)
            .id()
            .value();
    String alicesSpareToken = callers.createToken("alice", List.of("read"));
    long alicesSpareTokenId =
        callers
            .api()
            .as(alicesSpareToken)
            .get("/api/v1/me")
            .send()
            .json()
            .get("authentication")
            .get("tokenId")
            .asLong();
    long caisseGrant =
        callers.as("boulangerie").get("/api/v1/cashiers").send().json().get(0).get("id").asLong();

    // --- the API
    probe(
        "GET /api/v1/me", "own profile", c -> api(c).get("/api/v1/me"), Expect.authenticated(200));
    probe(
        "GET /api/v1/accounts/{id}",
        "alice's account",
        c -> api(c).get("/api/v1/accounts/" + alices),
        Expect.authenticated(404).only(200, "alice", "coord1"));
    probe(
        "GET /api/v1/accounts/{id}",
        "an account of another network",
        c -> api(c).get("/api/v1/accounts/" + zoes),
        Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    probe(
        "GET /api/v1/accounts/{id}",
        "an id that exists nowhere",
        c -> api(c).get("/api/v1/accounts/987654321"),
        Expect.authenticated(404));
    probe(
        "GET /api/v1/accounts/{id}/transfers",
        "alice's history",
        c -> api(c).get("/api/v1/accounts/" + alices + "/transfers"),
        Expect.authenticated(404).only(200, "alice", "coord1"));
    probe(
        "GET /api/v1/accounts/{id}/transfers",
        "history in another network",
        c -> api(c).get("/api/v1/accounts/" + zoes + "/transfers"),
        Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    probe(
        "GET /api/v1/transfers/{id}",
        "alice's payment to the bakery",
        c -> api(c).get("/api/v1/transfers/" + aliceToBakery),
        Expect.authenticated(404).only(200, "alice", "boulangerie", "coord1"));
    // a receipt is its two sides' only, the payee's cashier acting for it; coordinators too get 404
    probe(
        "GET /api/v1/transfers/{id}/receipt.pdf",
        "alice's payment to the bakery",
        c -> api(c).get("/api/v1/transfers/" + aliceToBakery + "/receipt.pdf"),
        Expect.authenticated(404).only(200, "alice", "boulangerie", "caisse"));
    probe(
        "GET /api/v1/transfers/{id}",
        "a transfer of another network",
        c -> api(c).get("/api/v1/transfers/" + zoesFunding),
        Expect.authenticated(404).only(200, otherMember, otherCoordinator));
    probe(
        "POST /api/v1/transfers",
        "pay from one's own account",
        c -> payFromOwnAccount(c, demo, other, otherShopAccount),
        // the exchange office may pay from its SOL account, which holds nothing in the demo (SOL
        // are issued to their buyers, not sold from a float)
        Expect.authenticated(201)
            .only(403, "caisse", "coord1", "admin", otherCoordinator)
            .only(422, "comptoir"));
    probe(
        "POST /api/v1/transfers",
        "pay from alice's account",
        c ->
            api(c)
                .post("/api/v1/transfers", payment(alices, bakery(demo, StrandKind.COOPERATION)))
                .header("Idempotency-Key", "matrix-steal-" + c),
        // staff roles are stopped by the rule; holders cannot see her account, so for them it is
        // an account that does not exist (422), alice herself pays (201)
        Expect.authenticated(422)
            .only(201, "alice")
            .only(403, "caisse", "coord1", "admin", otherCoordinator));
    probe(
        "GET /api/v1/auth/tokens",
        "own tokens",
        c -> api(c).get("/api/v1/auth/tokens"),
        Expect.authenticated(200));
    probe(
        "DELETE /api/v1/auth/tokens/{id}",
        "one of alice's tokens",
        c -> api(c).delete("/api/v1/auth/tokens/" + alicesSpareTokenId),
        Expect.authenticated(404).only(204, "alice"));
    probe(
        "POST /api/v1/auth/tokens",
        "a token for alice, with her password",
        c ->
            api(c)
                .post(
                    "/api/v1/auth/tokens",
                    Api.json(
                        "username",
                        "alice",
                        "password",
                        callers.password("alice"),
                        "name",
                        "matrix",
                        "scopes",
                        List.of("read"))),
        Expect.everyone(201));
    probe(
        "GET /api/v1/audit",
        "the audit log",
        c -> api(c).get("/api/v1/audit"),
        Expect.authenticated(403).only(200, "coord1", "admin", otherCoordinator));
    probe(
        "GET /api/v1/cashiers",
        "own cashiers",
        c -> api(c).get("/api/v1/cashiers"),
        Expect.authenticated(403).only(200, "boulangerie", "librairie"));
    probe(
        "PUT /api/v1/cashiers/{id}/refund-limits/{strand}",
        "the bakery's cashier",
        c ->
            api(c)
                .put(
                    "/api/v1/cashiers/" + caisseGrant + "/refund-limits/COOPERATION",
                    Api.json("amount", "20.00")),
        Expect.authenticated(403).only(200, "boulangerie").only(404, "librairie"));

    // --- payments with QR codes
    long demoId = demo.id().value();
    long bakeryCoop = bakery(demo, StrandKind.COOPERATION);
    // the cashier may refund up to 20.00 (the probe of PUT .../refund-limits sets it too)
    callers
        .as("boulangerie")
        .put(
            "/api/v1/cashiers/" + caisseGrant + "/refund-limits/COOPERATION",
            Api.json("amount", "20.00"))
        .send();
    String openRequest = paymentRequest("boulangerie", bakeryCoop);
    String cancelledRequest = paymentRequest("boulangerie", bakeryCoop);
    callers.as("boulangerie").post(requests() + "/" + cancelledRequest + "/cancel", null).send();
    String alicesToken = payToken("alice", alices).get("id").asString();
    probe(
        "GET /api/v1/networks/{networkId}/keys",
        "the demo network's public keys",
        c -> api(c).get("/api/v1/networks/" + demoId + "/keys"),
        Expect.everyone(200));
    probe(
        "GET /api/v1/networks/{networkId}/keys",
        "a network that does not exist",
        c -> api(c).get("/api/v1/networks/987654321/keys"),
        Expect.everyone(404));
    probe(
        "POST /api/v1/networks/{networkId}/keys",
        "rotate the demo network's key",
        c -> api(c).post("/api/v1/networks/" + demoId + "/keys", null),
        Expect.authenticated(403).only(201, "coord1", "admin").only(404, otherCoordinator));
    probe(
        "POST /api/v1/payment-requests",
        "a request for the bakery",
        c -> api(c).post(requests(), Api.json("merchantAccountId", bakeryCoop, "amount", "0.01")),
        // the bookshop is a merchant, but not the bakery's: its till does not exist for them
        Expect.authenticated(403).only(201, "boulangerie", "caisse").only(422, "librairie"));
    // a request's id is its code's random nonce: anyone of its network who holds the code reads it
    Expect readRequest =
        Expect.authenticated(200).only(404, "admin", otherMember, otherCoordinator);
    probe(
        "GET /api/v1/payment-requests/{id}",
        "the bakery's open request",
        c -> api(c).get(requests() + "/" + openRequest),
        readRequest);
    probe(
        "GET /api/v1/payment-requests/{id}",
        "an id that exists nowhere",
        c -> api(c).get(requests() + "/0123456789abcdef01234567"),
        Expect.authenticated(404));
    probe(
        "GET /api/v1/payment-requests/{id}/events",
        "the live status of a cancelled request (one event, then the end)",
        c -> api(c).get(requests() + "/" + cancelledRequest + "/events"),
        readRequest);
    probe(
        "GET /api/v1/payment-requests/{id}/qr.png",
        "the bakery's request as a PNG",
        c -> api(c).get(requests() + "/" + openRequest + "/qr.png"),
        readRequest);
    probe(
        "GET /api/v1/payment-requests/{id}/qr.svg",
        "the bakery's request as an SVG",
        c -> api(c).get(requests() + "/" + openRequest + "/qr.svg"),
        readRequest);
    probe(
        "POST /api/v1/payment-requests/{id}/pay",
        "pay a fresh request from one's own account",
        c -> payRequestFromOwnAccount(c, demo, other),
        Expect.authenticated(201)
            .only(403, "caisse", "coord1", "admin", otherCoordinator)
            .only(404, otherMember)
            .only(422, "comptoir"));
    probe(
        "POST /api/v1/payment-requests/{id}/cancel",
        "cancel a fresh request of the bakery",
        c ->
            api(c)
                .post(
                    requests() + "/" + paymentRequest("boulangerie", bakeryCoop) + "/cancel", null),
        // the bookshop sees the request (its network) but does not work the bakery's till
        Expect.authenticated(403).only(200, "boulangerie", "caisse"));
    Expect bakeryTill =
        Expect.authenticated(403).only(200, "boulangerie", "caisse").only(404, "librairie");
    probe(
        "GET /api/v1/merchants/{accountId}/static-code",
        "the bakery's counter code",
        c -> api(c).get("/api/v1/merchants/" + bakeryCoop + "/static-code"),
        bakeryTill);
    probe(
        "GET /api/v1/merchants/{accountId}/static-code/qr.png",
        "the bakery's counter code as a PNG",
        c -> api(c).get("/api/v1/merchants/" + bakeryCoop + "/static-code/qr.png"),
        bakeryTill);
    probe(
        "GET /api/v1/merchants/{accountId}/static-code/qr.svg",
        "the bakery's counter code as an SVG",
        c -> api(c).get("/api/v1/merchants/" + bakeryCoop + "/static-code/qr.svg"),
        bakeryTill);
    probe(
        "POST /api/v1/pay-tokens",
        "a token on one's own account",
        c -> payTokenOnOwnAccount(c, demo, other),
        Expect.authenticated(201).only(403, "caisse", "coord1", "admin", otherCoordinator));
    probe(
        "POST /api/v1/pay-tokens",
        "a token on alice's account",
        c -> api(c).post("/api/v1/pay-tokens", Api.json("memberAccountId", alices, "cap", "1.00")),
        Expect.authenticated(422)
            .only(201, "alice")
            .only(403, "caisse", "coord1", "admin", otherCoordinator));
    Expect alicesOnly = Expect.authenticated(404).only(200, "alice", "coord1");
    probe(
        "GET /api/v1/pay-tokens/{id}",
        "alice's token",
        c -> api(c).get("/api/v1/pay-tokens/" + alicesToken),
        alicesOnly);
    probe(
        "GET /api/v1/pay-tokens/{id}/qr.png",
        "alice's token as a PNG",
        c -> api(c).get("/api/v1/pay-tokens/" + alicesToken + "/qr.png"),
        alicesOnly);
    probe(
        "GET /api/v1/pay-tokens/{id}/qr.svg",
        "alice's token as an SVG",
        c -> api(c).get("/api/v1/pay-tokens/" + alicesToken + "/qr.svg"),
        alicesOnly);
    probe(
        "POST /api/v1/pay-tokens/redeem",
        "charge a fresh token of alice's at the bakery",
        c ->
            api(c)
                .post(
                    "/api/v1/pay-tokens/redeem",
                    Api.json(
                        "code",
                        payToken("alice", alices).get("code").asString(),
                        "merchantAccountId",
                        bakeryCoop,
                        "amount",
                        "0.01"))
                .header("Idempotency-Key", "matrix-redeem-" + c),
        Expect.authenticated(403).only(201, "boulangerie", "caisse").only(422, "librairie"));
    probe(
        "POST /api/v1/transfers/{id}/refunds",
        "refund a fresh payment alice made to the bakery",
        c ->
            api(c)
                .post(
                    "/api/v1/transfers/" + alicePaysBakery(alices, bakeryCoop) + "/refunds",
                    Api.json("amount", "0.01"))
                .header("Idempotency-Key", "matrix-refund-" + c),
        // a payment to another shop is not the bookshop's to refund: it does not exist for them
        Expect.authenticated(403).only(201, "boulangerie", "caisse").only(404, "librairie"));
    // --- the SOL operations: their probes are in OperationProbes
    new OperationProbes(callers, context, this::api, demo, other, otherMember, otherCoordinator)
        .addTo(this::probe);
    // --- life cycle and personal data: their probes are in LifecycleProbes
    new LifecycleProbes(callers, this::api, demo, otherCoordinator).addTo(this::probe);
    // --- member cards: their probes are in CardProbes
    new CardProbes(callers, this::api, otherCoordinator, alices, bakeryCoop).addTo(this::probe);
    // --- member cards' PIN resets, caps and pages: their probes are in CardPagesProbes
    new CardPagesProbes(callers, this::api, demo, otherCoordinator, alices).addTo(this::probe);
    // --- the reports: their probes are in ReportProbes
    new ReportProbes(this::api, demo, otherCoordinator, otherMember, aliceToBakery)
        .addTo(this::probe);
    // --- the directory of merchants: its probes are in DirectoryProbes
    new DirectoryProbes(this::api, callers, demo, otherCoordinator, otherMember).addTo(this::probe);
    // --- the till's refunds and closing of the day: their probes are in TillProbes
    new TillProbes(this::api).addTo(this::probe);
    // --- members paying members (setting and pages): their probes are in MemberPayProbes
    new MemberPayProbes(this::api, demo, other, otherMember, otherCoordinator).addTo(this::probe);
    // --- the network's settings from the page, the funders' lots: their probes are in
    // SettingsProbes
    new SettingsProbes(this::api).addTo(this::probe);

    // --- what members see (statements): their probes are in MemberProbes
    new MemberProbes(this::api, alices, zoes, otherMember, otherCoordinator).addTo(this::probe);

    // --- networks and people: their probes are in PeopleProbes
    new PeopleProbes(callers, context, this::api, demo, otherCoordinator).addTo(this::probe);
    // --- imports of people: their probes are in PeopleImportProbes
    new PeopleImportProbes(this::api, demo, otherCoordinator).addTo(this::probe);

    // --- the installation's health page (the read replica): its probes are in InstallationProbes
    new InstallationProbes(this::api).addTo(this::probe);

    // --- administration: the installation's backups (admin creates one, of this test database)
    probe(
        "GET /api/v1/admin/backups",
        "the list of backups",
        c -> api(c).get("/api/v1/admin/backups"),
        Expect.authenticated(403).only(200, "admin"));
    probe(
        "POST /api/v1/admin/backups",
        "a backup now",
        c -> api(c).post("/api/v1/admin/backups", ""),
        Expect.authenticated(403).only(201, "admin"));

    // --- actuator
    probe(
        "GET /actuator/health",
        "health",
        c -> api(c).get("/actuator/health"),
        Expect.everyone(200));
    probe(
        "GET /actuator/health/**",
        "a health group",
        c -> api(c).get("/actuator/health/db"),
        // components are shown to administrators only
        Expect.everyone(404).only(200, "admin"));
    probe(
        "GET /actuator/prometheus",
        "metrics",
        c -> api(c).get("/actuator/prometheus"),
        Expect.authenticated(403).only(200, "admin"));
    probe(
        "GET /actuator", "actuator links", c -> api(c).get("/actuator"), Expect.authenticated(403));

    // --- web pages (coop.sol.web.page): for a browser's session, never a token (403); without
    // a session, a GET is 401 (a browser asking for HTML is sent to the login form instead), an
    // unsafe request lacks its CSRF token (403).
    // PageAccessIT checks each page for each role with sessions.
    for (String page :
        List.of(
            "GET /",
            "GET /member",
            "GET /member/history",
            "GET /member/pay",
            "POST /member/pay",
            "GET /p/{payload}",
            "POST /p/{payload}",
            "GET /member/paid/{transferId}",
            "GET /member/pay-token",
            "POST /member/pay-token",
            "GET /member/pay-token/{id}",
            "POST /qr/decode",
            "GET /till",
            "POST /till/requests",
            "GET /till/requests/{id}",
            "POST /till/requests/{id}/cancel",
            "GET /till/charge",
            "POST /till/charge",
            "GET /till/card",
            "POST /till/card",
            "POST /till/card/pay",
            "GET /till/charged/{transferId}",
            "GET /till/history",
            "POST /till/refunds",
            "GET /till/counter-code",
            "GET /till/cashiers",
            "POST /till/cashiers/limits",
            "GET /till/reconversion",
            "POST /till/reconversion",
            "GET /account/profile",
            "POST /account/profile",
            "GET /account/notices",
            "POST /account/notices/read",
            "GET /till/profile",
            "POST /till/profile",
            "GET /receipts/{id}",
            "GET /account/tokens",
            "POST /account/tokens",
            "POST /account/tokens/{id}/revoke",
            "GET /account/security",
            "POST /account/security/totp/start",
            "GET /account/security/totp/qr.svg",
            "POST /account/security/totp/confirm",
            "POST /account/security/totp/disable",
            "GET /account/password",
            "POST /account/password",
            "POST /till/cashiers/new",
            "POST /till/cashiers/{id}/letter",
            "GET /coordinator/people",
            "POST /coordinator/people",
            "GET /coordinator/people/import",
            "POST /coordinator/people/import",
            "POST /coordinator/people/import/confirm",
            "POST /coordinator/people/{id}/reset",
            "POST /coordinator/people/{id}/letter",
            "POST /coordinator/people/appointments/{id}/approve",
            "POST /coordinator/people/appointments/{id}/decline",
            "GET /admin/networks",
            "POST /admin/networks",
            "GET /admin/networks/{code}",
            "POST /admin/networks/{code}",
            "POST /admin/networks/{code}/coordinators",
            "POST /admin/networks/{code}/people/{id}/letter",
            // exchange offices, associations, funders, coordinators (StaffPagesIT)
            "GET /office",
            "POST /office/sales",
            "GET /association",
            "POST /association/certifications",
            "GET /funder",
            "POST /funder/vouchers",
            "GET /funder/vouchers/{id}",
            "GET /funder/vouchers/{id}/qr.png",
            "GET /coordinator",
            "GET /coordinator/accounts",
            "POST /coordinator/accounts/{id}/status",
            "GET /coordinator/fonte",
            "POST /coordinator/fonte/runs",
            "GET /coordinator/corrections",
            "POST /coordinator/corrections",
            "POST /coordinator/corrections/{id}/approve",
            "POST /coordinator/corrections/{id}/decline",
            "GET /coordinator/audit",
            "GET /coordinator/directory",
            "POST /coordinator/directory/publication",
            "GET /coordinator/directory/{accountId}",
            "POST /coordinator/directory/{accountId}")) {
      String path = page.substring(page.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      boolean get = page.startsWith("GET ");
      probe(
          page,
          "a web page",
          c -> get ? api(c).get(path) : api(c).post(path, ""),
          Expect.authenticated(403).anonymous(get ? 401 : 403));
    }

    // --- pages and documentation: public
    probe("GET /login", "login page", c -> api(c).get("/login"), Expect.everyone(200));
    // choosing one's password with an activation code: no login (the code is the credential);
    // a form posted without a session has no CSRF token
    for (String activation : new String[] {"/activate", "/activer"}) {
      probe(
          "GET " + activation,
          "the activation page",
          c -> api(c).get(activation),
          Expect.everyone(200));
      probe(
          "POST " + activation,
          "an empty form",
          c -> api(c).post(activation, ""),
          Expect.authenticated(200).anonymous(403));
    }
    probe(
        "GET /forgot-password",
        "forgot password page",
        c -> api(c).get("/forgot-password"),
        Expect.everyone(200));
    // public, like the login form: without a session the form needs its CSRF token (403); a
    // token carries no ambient credential, so it is exempt and gets the page, which says the same
    // to anyone
    probe(
        "POST /forgot-password",
        "forgot password form",
        c -> api(c).post("/forgot-password", ""),
        Expect.authenticated(200).anonymous(403));
    probe(
        "GET /error",
        "error page requested directly",
        c -> api(c).get("/error"),
        Expect.everyone(404));
    probe("GET /v3/api-docs", "OpenAPI", c -> api(c).get("/v3/api-docs"), Expect.everyone(200));
    probe(
        "GET /v3/api-docs.yaml",
        "OpenAPI in YAML",
        c -> api(c).get("/v3/api-docs.yaml"),
        Expect.everyone(200));
    probe(
        "GET /v3/api-docs/swagger-config",
        "Swagger UI configuration",
        c -> api(c).get("/v3/api-docs/swagger-config"),
        Expect.everyone(200));
    probe(
        "GET /swagger-ui.html",
        "Swagger UI",
        c -> api(c).get("/swagger-ui.html"),
        Expect.everyone(302));
  }

  private Api api(String caller) {
    return caller.equals(ANONYMOUS) ? callers.api().anonymous() : callers.as(caller);
  }

  private void probe(
      String endpoint, String description, Function<String, Api.Call> request, Expect expect) {
    probes
        .computeIfAbsent(endpoint, e -> new ArrayList<>())
        .add(new Probe(description, request, expect.resolve(everyone)));
  }

  private long bakery(Network demo, StrandKind strand) {
    return callers.account(demo, OwnerKind.MERCHANT, "boulangerie", strand).id().value();
  }

  private static String payment(long debit, long credit) {
    return Api.json("debitAccountId", debit, "creditAccountId", credit, "amount", "0.01");
  }

  /** A payment of 0.01 from the caller's first account to a merchant of the same strand. */
  private Api.Call payFromOwnAccount(
      String caller, Network demo, Network other, Account otherShop) {
    Api api = api(caller);
    String key = "matrix-own-" + caller;
    if (caller.equals(otherMember)) {
      long zoes =
          callers.account(other, OwnerKind.MEMBER, caller, StrandKind.COOPERATION).id().value();
      return api.post("/api/v1/transfers", payment(zoes, otherShop.id().value()))
          .header("Idempotency-Key", key);
    }
    List<Account> own =
        caller.equals(ANONYMOUS)
            ? List.of()
            : callers.ledger().accounts().list(demo.id()).stream()
                .filter(a -> a.ownerRef().equals(caller) && a.ownerKind() != OwnerKind.SYSTEM)
                .toList();
    if (own.isEmpty()) {
      // staff hold no account: any account will do, the rule refuses them first
      long alices =
          callers.account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION).id().value();
      return api.post("/api/v1/transfers", payment(alices, bakery(demo, StrandKind.COOPERATION)))
          .header("Idempotency-Key", key);
    }
    Account from = own.get(0);
    String payee = caller.equals("boulangerie") ? "librairie" : "boulangerie";
    long to = callers.account(demo, OwnerKind.MERCHANT, payee, from.strand()).id().value();
    return api.post("/api/v1/transfers", payment(from.id().value(), to))
        .header("Idempotency-Key", key);
  }

  private static String requests() {
    return "/api/v1/payment-requests";
  }

  /** A new payment request of 0.01 for {@code account}, made at its merchant's till; its id. */
  private String paymentRequest(String merchant, long account) {
    Api.Response created =
        callers
            .as(merchant)
            .post(requests(), Api.json("merchantAccountId", account, "amount", "0.01"))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private tools.jackson.databind.JsonNode payToken(String member, long account) {
    Api.Response created =
        callers
            .as(member)
            .post("/api/v1/pay-tokens", Api.json("memberAccountId", account, "cap", "0.01"))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  private long alicePaysBakery(long alices, long bakery) {
    Api.Response paid =
        callers
            .as("alice")
            .post("/api/v1/transfers", payment(alices, bakery))
            .header("Idempotency-Key", "matrix-refundable-" + System.nanoTime())
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    return paid.json().get("id").asLong();
  }

  /** The caller's first account in the demo network (zoe's in hers), or null for staff. */
  private Account ownAccount(String caller, Network demo, Network other) {
    if (caller.equals(otherMember)) {
      return callers.account(other, OwnerKind.MEMBER, caller, StrandKind.COOPERATION);
    }
    if (caller.equals(ANONYMOUS)) {
      return null;
    }
    return callers.ledger().accounts().list(demo.id()).stream()
        .filter(a -> a.ownerRef().equals(caller) && a.ownerKind() != OwnerKind.SYSTEM)
        .findFirst()
        .orElse(null);
  }

  /**
   * Pays a new request of a demo shop (the bookshop for the bakery, the bakery for anyone else) in
   * the strand of the caller's first account, from that account.
   */
  private Api.Call payRequestFromOwnAccount(String caller, Network demo, Network other) {
    Account own = ownAccount(caller, demo, other);
    StrandKind strand = own == null ? StrandKind.COOPERATION : own.strand();
    String shop = "boulangerie".equals(caller) ? "librairie" : "boulangerie";
    long shopAccount = callers.account(demo, OwnerKind.MERCHANT, shop, strand).id().value();
    String request = paymentRequest(shop, shopAccount);
    long from =
        own != null
            ? own.id().value()
            : callers.account(demo, OwnerKind.MEMBER, "alice", strand).id().value();
    return api(caller)
        .post(requests() + "/" + request + "/pay", Api.json("debitAccountId", from))
        .header("Idempotency-Key", "matrix-pay-request-" + caller);
  }

  private Api.Call payTokenOnOwnAccount(String caller, Network demo, Network other) {
    Account own = ownAccount(caller, demo, other);
    long account =
        own != null
            ? own.id().value()
            : callers.account(demo, OwnerKind.MEMBER, "alice", StrandKind.COOPERATION).id().value();
    return api(caller)
        .post("/api/v1/pay-tokens", Api.json("memberAccountId", account, "cap", "1.00"));
  }

  @Test
  void every_mapped_endpoint_has_expected_outcomes_and_gets_them() {
    Set<String> mapped = mappedEndpoints();
    assertThat(probes.keySet())
        .as("endpoints with no authorization expectations: add probes for them")
        .containsAll(mapped);
    assertThat(mapped).as("probes for endpoints that no longer exist").containsAll(probes.keySet());

    List<String> callersInOrder = new ArrayList<>(everyone);
    callersInOrder.add(0, ANONYMOUS);
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (var entry : probes.entrySet()) {
      for (Probe probe : entry.getValue()) {
        for (String caller : callersInOrder) {
          Api.Response response = probe.request().apply(caller).send();
          int expected = probe.expected().get(caller);
          checked++;
          if (response.status() != expected) {
            mismatches.add(
                entry.getKey()
                    + " ["
                    + probe.description()
                    + "] as "
                    + caller
                    + ": expected "
                    + expected
                    + ", got "
                    + response);
          } else if (expected >= 400
              && (entry.getKey().contains(" /api/") || expected == 401 || expected == 403)
              && response.code() == null) {
            // every refusal of the API, and every 401 and 403, is a problem with a stable code
            mismatches.add(
                entry.getKey() + " as " + caller + ": refusal without a problem code: " + response);
          }
        }
      }
    }
    assertThat(mismatches).as("%d requests checked", checked).isEmpty();
  }

  /** "METHOD /pattern" for every handler method of every request-mapping handler mapping. */
  private Set<String> mappedEndpoints() {
    Set<String> endpoints = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern :
            info.getDirectPaths().isEmpty() ? info.getPatternValues() : info.getDirectPaths()) {
          if (methods.isEmpty()) {
            endpoints.add("GET " + pattern);
          } else {
            methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
          }
        }
      }
    }
    return endpoints;
  }
}
