package coop.sol.web.token;

import static coop.sol.ledger.jooq.Tables.API_TOKEN;
import static coop.sol.ledger.jooq.Tables.APP_USER;
import static coop.sol.ledger.jooq.Tables.USER_ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import tools.jackson.databind.JsonNode;

/**
 * Personal access tokens (create, use, list, revoke), scopes, TOTP for coordinators, login
 * throttling and lockout, and the audit entries they leave, on users of networks of their own.
 */
@SolApplicationTest
class TokenIT {
  private final Callers callers;
  private final DSLContext sql;
  private final int port;
  private final PersonalAccessTokens tokens;
  private final Users users;
  private final ApplicationContext context;

  @Autowired
  TokenIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.sql = DSL.using(context.getBean(DataSource.class), SQLDialect.POSTGRES);
    this.port = port;
    this.tokens = context.getBean(PersonalAccessTokens.class);
    this.users = context.getBean(Users.class);
    this.context = context;
  }

  @Test
  void a_call_with_a_token_gets_no_csrf_cookie_it_has_no_use_for() {
    Network network = callers.newNetwork("jetons-csrf");
    String member = callers.newUser("sanscookie", Role.MEMBER, network, "10.00");
    String token =
        createToken(member, callers.password(member), null, List.of("read"))
            .json()
            .get("token")
            .asString();

    Api.Response me = callers.api().as(token).get("/api/v1/me").send();

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.header("Set-Cookie")).as("Set-Cookie").isNull();
  }

  @Test
  void a_call_with_a_token_runs_a_chain_without_sessions_csrf_or_password_logins() {
    var withToken = new MockHttpServletRequest("GET", "/api/v1/me");
    withToken.addHeader("Authorization", "Bearer any");
    var withBasic = new MockHttpServletRequest("GET", "/api/v1/me");
    withBasic.addHeader("Authorization", "Basic YTpi");
    var pageWithToken = new MockHttpServletRequest("GET", "/");
    pageWithToken.addHeader("Authorization", "Bearer any");

    List<String> tokenChain = filtersFor(withToken);

    assertThat(tokenChain)
        .contains(
            "BearerTokenFilter",
            "HeaderWriterFilter",
            "ExceptionTranslationFilter",
            "AuthorizationFilter")
        .doesNotContain(
            "SessionCredentialsFilter",
            "CsrfFilter",
            "LogoutFilter",
            "UsernamePasswordAuthenticationFilter",
            "BasicAuthenticationFilter",
            "RequestCacheAwareFilter",
            "AnonymousAuthenticationFilter");
    assertThat(filtersFor(withBasic)).contains("BasicAuthenticationFilter", "CsrfFilter");
    assertThat(filtersFor(pageWithToken)).contains("SessionCredentialsFilter", "CsrfFilter");
  }

  private List<String> filtersFor(HttpServletRequest request) {
    return context.getBean(FilterChainProxy.class).getFilterChains().stream()
        .filter(chain -> chain.matches(request))
        .findFirst()
        .orElseThrow()
        .getFilters()
        .stream()
        .map(filter -> filter.getClass().getSimpleName())
        .toList();
  }

  @Test
  void a_token_stands_for_its_user_with_every_role_in_every_network() {
    Network first = callers.newNetwork("jetons-a");
    Network second = callers.newNetwork("jetons-b");
    String member = callers.newUser("deuxroles", Role.MEMBER, first, "10.00");
    long userId =
        sql.select(APP_USER.USER_ID)
            .from(APP_USER)
            .where(APP_USER.USERNAME.eq(member))
            .fetchOne()
            .value1();
    sql.insertInto(USER_ROLE, USER_ROLE.USER_ID, USER_ROLE.NETWORK_ID, USER_ROLE.ROLE)
        .values(userId, second.id().value(), Role.MERCHANT.name())
        .execute();
    String token =
        createToken(member, callers.password(member), null, List.of("read"))
            .json()
            .get("token")
            .asString();

    var principal = tokens.authenticate(token).orElseThrow().getPrincipal();

    assertThat(principal.userId()).isEqualTo(userId);
    assertThat(principal.getUsername()).isEqualTo(member);
    assertThat(principal.grants()).hasSize(2).isEqualTo(users.find(userId).orElseThrow().roles());
    assertThat(tokens.authenticate(token + "x")).isEmpty();
  }

  @Test
  void a_users_changed_roles_and_status_apply_at_once_to_their_token_once_forgotten() {
    Network first = callers.newNetwork("jetons-cache-a");
    Network second = callers.newNetwork("jetons-cache-b");
    String member = callers.newUser("cache", Role.MEMBER, first, "10.00");
    long userId = users.find(member).orElseThrow().id();
    String token =
        createToken(member, callers.password(member), null, List.of("read"))
            .json()
            .get("token")
            .asString();
    assertThat(tokens.authenticate(token).orElseThrow().getPrincipal().grants()).hasSize(1);

    sql.insertInto(USER_ROLE, USER_ROLE.USER_ID, USER_ROLE.NETWORK_ID, USER_ROLE.ROLE)
        .values(userId, second.id().value(), Role.MERCHANT.name())
        .execute();
    tokens.forgetUser(userId);

    assertThat(tokens.authenticate(token).orElseThrow().getPrincipal().grants())
        .hasSize(2)
        .isEqualTo(users.find(userId).orElseThrow().roles());

    sql.update(APP_USER).set(APP_USER.ENABLED, false).where(APP_USER.USER_ID.eq(userId)).execute();
    tokens.forgetUser(userId);

    assertThat(tokens.authenticate(token)).isEmpty();
    assertThat(callers.api().as(token).get("/api/v1/me").send().status()).isEqualTo(401);
  }

  private Api.Response createToken(
      String username, String password, String totp, List<String> scopes) {
    return callers
        .api()
        .anonymous()
        .post(
            "/api/v1/auth/tokens",
            Api.json(
                "username", username,
                "password", password,
                "totp", totp,
                "name", "caisse 1",
                "scopes", scopes))
        .send();
  }

  @Test
  void a_token_is_shown_once_stored_hashed_used_as_bearer_and_refused_at_once_when_revoked() {
    Network network = callers.newNetwork("jetons");
    String member = callers.newUser("porteur", Role.MEMBER, network, "10.00");

    Api.Response created =
        createToken(member, callers.password(member), null, List.of("read", "pay"));

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String token = created.json().get("token").asString();
    long id = created.json().get("id").asLong();
    assertThat(token).startsWith("sol_pat_").hasSizeGreaterThan(40);
    assertThat(created.header("Cache-Control")).contains("no-store");
    byte[] storedHash =
        sql.select(API_TOKEN.TOKEN_HASH)
            .from(API_TOKEN)
            .where(API_TOKEN.TOKEN_ID.eq(id))
            .fetchOne()
            .value1();
    assertThat(HexFormat.of().formatHex(storedHash))
        .isEqualTo(HexFormat.of().formatHex(PersonalAccessTokens.sha256(token)));
    assertThat(sql.fetch("select * from api_token where token_id = " + id).formatCSV())
        .doesNotContain(token);

    Api asToken = callers.api().as(token);
    JsonNode me = asToken.get("/api/v1/me").send().json();
    assertThat(me.get("username").asString()).isEqualTo(member);
    assertThat(me.get("authentication").get("method").asString()).isEqualTo("TOKEN");
    assertThat(me.get("authentication").get("scopes").toString()).isEqualTo("[\"read\",\"pay\"]");
    JsonNode listed = asToken.get("/api/v1/auth/tokens").send().json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("prefix").asString()).isEqualTo(token.substring(0, 12));
    assertThat(listed.toString()).doesNotContain(token);

    assertThat(asToken.delete("/api/v1/auth/tokens/" + id).send().status()).isEqualTo(204);

    Api.Response refused = asToken.get("/api/v1/me").send();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo("INVALID_TOKEN");
    assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(
            callers
                .api()
                .basic(member, callers.password(member))
                .get("/api/v1/auth/tokens")
                .send()
                .json())
        .isEmpty();
  }

  @Test
  void unknown_tokens_are_refused_and_never_fall_back_to_anonymous() {
    for (String token : List.of("sol_pat_nothing", "garbage", "sol_pat_" + "A".repeat(43))) {
      Api.Response response = callers.api().as(token).get("/api/v1/me").send();
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.code()).isEqualTo("INVALID_TOKEN");
    }
    // even on a public endpoint: a client that sent a token meant to be someone
    assertThat(callers.api().as("garbage").get("/actuator/health").send().status()).isEqualTo(401);
  }

  @Test
  void a_token_can_do_only_what_its_scopes_allow() {
    Network network = callers.newNetwork("portees");
    String member = callers.newUser("lecteur", Role.MEMBER, network, "10.00");
    String shop = callers.newUser("etal", Role.MERCHANT, network, null);
    String readOnly =
        createToken(member, callers.password(member), null, List.of("read"))
            .json()
            .get("token")
            .asString();
    String payOnly =
        createToken(member, callers.password(member), null, List.of("pay"))
            .json()
            .get("token")
            .asString();
    String payment =
        Api.json(
            "debitAccountId",
                callers
                    .account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION)
                    .id()
                    .value(),
            "creditAccountId",
                callers
                    .account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION)
                    .id()
                    .value(),
            "amount", "1.00");

    Api.Response cannotPay =
        callers
            .api()
            .as(readOnly)
            .post("/api/v1/transfers", payment)
            .header("Idempotency-Key", "s1")
            .send();
    Api.Response cannotRead = callers.api().as(payOnly).get("/api/v1/me").send();
    Api.Response canPay =
        callers
            .api()
            .as(payOnly)
            .post("/api/v1/transfers", payment)
            .header("Idempotency-Key", "s1")
            .send();

    assertThat(cannotPay.status()).isEqualTo(403);
    assertThat(cannotPay.code()).isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(cannotRead.code()).isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(canPay.status()).isEqualTo(201);
  }

  @Test
  void a_token_gets_no_scope_its_user_cannot_use_nor_an_unknown_one() {
    Network network = callers.newNetwork("refus");
    String member = callers.newUser("modeste", Role.MEMBER, network, null);

    Api.Response admin =
        createToken(member, callers.password(member), null, List.of("read", "admin"));
    Api.Response unknown =
        createToken(member, callers.password(member), null, List.of("everything"));

    assertThat(admin.status()).isEqualTo(400);
    assertThat(admin.code()).isEqualTo("SCOPE_NOT_ALLOWED");
    assertThat(unknown.code()).isEqualTo("SCOPE_NOT_ALLOWED");
    assertThat(createToken(member, callers.password(member), null, List.of()).code())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void a_coordinator_needs_a_fresh_totp_code_for_a_token_and_cannot_use_basic() {
    Network network = callers.newNetwork("totp");
    String coordinator = callers.newUser("coordo", Role.COORDINATOR, network, null);
    String password = callers.password(coordinator);

    Api.Response noCode = createToken(coordinator, password, null, List.of("read"));
    Api.Response wrongCode = createToken(coordinator, password, "000000", List.of("read"));
    String code = callers.nextTotp(coordinator);
    Api.Response rightCode = createToken(coordinator, password, code, List.of("read", "admin"));
    Api.Response replayedCode = createToken(coordinator, password, code, List.of("read"));
    Api.Response basic = callers.api().basic(coordinator, password).get("/api/v1/me").send();

    assertThat(noCode.status()).isEqualTo(401);
    assertThat(noCode.code()).isEqualTo("SECOND_FACTOR_REQUIRED");
    assertThat(wrongCode.code()).isEqualTo("SECOND_FACTOR_INVALID");
    assertThat(rightCode.status()).isEqualTo(201);
    assertThat(replayedCode.code()).isEqualTo("SECOND_FACTOR_INVALID");
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.code()).isEqualTo("SECOND_FACTOR_REQUIRED");
    // a wrong password says nothing of the second factor
    assertThat(createToken(coordinator, "not it", null, List.of("read")).code())
        .isEqualTo("UNAUTHENTICATED");

    JsonNode audit =
        callers
            .api()
            .as(rightCode.json().get("token").asString())
            .get("/api/v1/audit")
            .send()
            .json();
    assertThat(audit.get("items").toString())
        .contains("AUTH_TOKEN_CREATED", "LOGIN_SUCCEEDED", coordinator);
  }

  @Test
  void repeated_failures_lock_the_username_for_a_while_and_the_coordinators_see_it() {
    Network network = callers.newNetwork("verrou");
    String member = callers.newUser("oublieux", Role.MEMBER, network, null);
    String coordinator = callers.newUser("vigie", Role.COORDINATOR, network, null);
    String outsider =
        callers.newUser("voisin", Role.COORDINATOR, callers.newNetwork("voisin"), null);

    for (int i = 1; i <= 5; i++) {
      Api.Response failure = createToken(member, "wrong " + i, null, List.of("read"));
      assertThat(failure.status()).as("failure %d", i).isEqualTo(401);
    }
    Api.Response rightPassword =
        createToken(member, callers.password(member), null, List.of("read"));
    Api.Response basic =
        callers.api().basic(member, callers.password(member)).get("/api/v1/me").send();

    assertThat(rightPassword.status()).isEqualTo(429);
    assertThat(rightPassword.code()).isEqualTo("LOGIN_THROTTLED");
    assertThat(Long.parseLong(rightPassword.header("Retry-After"))).isBetween(1L, 15 * 60L);
    assertThat(basic.status()).isEqualTo(429);
    // others are not affected
    assertThat(callers.as("alice").get("/api/v1/me").send().status()).isEqualTo(200);
    assertThat(
            callers
                .api()
                .basic("bruno", callers.password("bruno"))
                .get("/api/v1/me")
                .send()
                .status())
        .isEqualTo(200);

    JsonNode audit = callers.as(coordinator).get("/api/v1/audit").send().json().get("items");
    JsonNode lockout = null;
    for (JsonNode entry : audit) {
      if (entry.get("action").asString().equals("LOGIN_LOCKED_OUT")) {
        lockout = entry;
      }
    }
    assertThat(lockout).as("%s", audit).isNotNull();
    assertThat(lockout.get("actor").asString()).isEqualTo(member);
    assertThat(lockout.get("network").asString()).isEqualTo(network.code());
    assertThat(lockout.get("clientAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(callers.as(outsider).get("/api/v1/audit").send().body()).doesNotContain(member);
  }

  @Test
  void repeated_failures_from_one_address_lock_that_address_only() throws Exception {
    // another loopback address than the other tests use, so their logins are not locked
    InetAddress address = InetAddress.getByName("127.0.0.77");
    for (int i = 0; i < 50; i++) {
      assertThat(tokenRequestFrom(address, "inconnu-" + i, "wrong")).startsWith("HTTP/1.1 401");
    }
    String member = callers.newUser("distant", Role.MEMBER, callers.newNetwork("adresse"), null);

    assertThat(tokenRequestFrom(address, member, callers.password(member)))
        .startsWith("HTTP/1.1 429");
    assertThat(createToken(member, callers.password(member), null, List.of("read")).status())
        .isEqualTo(201);
  }

  /** A token request over a socket bound to {@code from}; returns the status line. */
  private String tokenRequestFrom(InetAddress from, String username, String password)
      throws Exception {
    String body =
        Api.json(
            "username", username, "password", password, "name", "x", "scopes", List.of("read"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/auth/tokens HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }
}
