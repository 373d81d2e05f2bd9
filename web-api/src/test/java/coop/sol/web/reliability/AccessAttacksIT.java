package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.HistoryQuery;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Attacks on the ways in, through the API as an attacker would make them, at more than a handful of
 * requests: password guessing (one account from many addresses, many accounts from one address,
 * concurrently), session fixation, cross-site request forgery, reaching into another network by id,
 * and a revoked token used while requests are in flight. Client addresses are given as a reverse
 * proxy gives them ({@code X-Forwarded-For}), which this application is configured to believe.
 */
@ReliabilityApplicationTest
class AccessAttacksIT {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private final int port;
  private final Callers callers;
  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired
  AccessAttacksIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  /** A documentation address (RFC 5737) of its own for each use. */
  private static String newAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198.51.100." + n;
  }

  private HttpResponse<String> createToken(String username, String password, String from) {
    String body =
        Api.json(
            "username",
            username,
            "password",
            password,
            "name",
            "attaque",
            "scopes",
            List.of("read"));
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/tokens"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", from)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void guessing_one_password_concurrently_is_locked_after_a_handful_of_tries() throws Exception {
    Network network = callers.newNetwork("force");
    String victim = callers.newUser("cible", Role.MEMBER, network, null);
    String attacker = newAddress();
    int threads = 8;
    int perThread = 25;
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  int status =
                      createToken(victim, "guess-" + thread + "-" + i, attacker).statusCode();
                  statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
              }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    int checked = statuses.getOrDefault(401, new AtomicInteger()).get();
    int locked = statuses.getOrDefault(429, new AtomicInteger()).get();
    int shed = statuses.getOrDefault(503, new AtomicInteger()).get();
    assertThat(checked + locked + shed).as("%s", statuses).isEqualTo(threads * perThread);
    // an attempt is counted before its password is checked: exactly five are ever checked
    assertThat(checked).as("%s", statuses).isEqualTo(5);
    assertThat(locked).as("%s", statuses).isEqualTo(threads * perThread - 5 - shed);

    // the right password is refused too, from anywhere, by token or by Basic
    HttpResponse<String> right = createToken(victim, callers.password(victim), newAddress());
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(right.body()).contains("LOGIN_THROTTLED");
    assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 15 * 60L);
    assertThat(
            callers.api().basic(victim, callers.password(victim)).get("/api/v1/me").send().status())
        .isEqualTo(429);
  }

  @Test
  void spraying_usernames_from_one_address_locks_that_address_only() {
    String sprayer = newAddress();
    int refused = 0;
    for (int i = 0; i < 60; i++) {
      int status = createToken("inconnu-" + i, "motdepasse", sprayer).statusCode();
      assertThat(status).isIn(401, 429);
      refused += status == 429 ? 1 : 0;
    }
    assertThat(refused).as("attempts after the 50th failure").isEqualTo(10);
    String member = callers.newUser("passant", Role.MEMBER, callers.newNetwork("spray"), null);
    assertThat(createToken(member, callers.password(member), sprayer).statusCode()).isEqualTo(429);
    assertThat(createToken(member, callers.password(member), newAddress()).statusCode())
        .isEqualTo(201);
  }

  @Test
  void forty_concurrent_guesses_from_forty_addresses_get_exactly_five_password_checks()
      throws Exception {
    String victim = callers.newUser("quarante", Role.MEMBER, callers.newNetwork("meute"), null);
    int guesses = 40;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < guesses; i++) {
      String address = newAddress();
      String guess = "devine-" + i;
      statuses.add(
          pool.submit(
              () -> {
                start.await();
                // as a client does, a guess shed by the password checks' own limit (503) is sent
                // again: every guess ends checked (401) or locked out (429)
                int status;
                do {
                  status = createToken(victim, guess, address).statusCode();
                } while (status == 503);
                return status;
              }));
    }
    start.countDown();
    Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (Future<Integer> status : statuses) {
      counts.merge(status.get(120, TimeUnit.SECONDS), 1, Integer::sum);
    }
    pool.shutdown();
    assertThat(counts).isEqualTo(Map.of(401, 5, 429, guesses - 5));
    assertThat(createToken(victim, callers.password(victim), newAddress()).statusCode())
        .isEqualTo(429);
  }

  @Test
  void one_username_guessed_from_many_addresses_is_still_locked() {
    String member = callers.newUser("dispersee", Role.MEMBER, callers.newNetwork("botnet"), null);
    for (int i = 0; i < 5; i++) {
      assertThat(createToken(member, "devine-" + i, newAddress()).statusCode()).isEqualTo(401);
    }
    assertThat(createToken(member, callers.password(member), newAddress()).statusCode())
        .isEqualTo(429);
  }

  /** A browser: cookies kept, redirects not followed. */
  private final class Browser {
    final CookieManager cookies = new CookieManager();
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }

    void setCookie(String name, String value) {
      var cookie = new HttpCookie(name, value);
      cookie.setPath("/");
      cookie.setVersion(0);
      cookies.getCookieStore().add(URI.create("http://localhost:" + port + "/"), cookie);
    }

    HttpResponse<String> logIn(String username, String password) {
      HttpResponse<String> page = send(request("/login").header("Accept", "text/html").GET());
      Matcher field = CSRF_FIELD.matcher(page.body());
      assertThat(field.find()).as(page.body()).isTrue();
      String form =
          "username="
              + URLEncoder.encode(username, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8)
              + "&_csrf="
              + URLEncoder.encode(field.group(1), StandardCharsets.UTF_8);
      return send(
          request("/login")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
  }

  @Test
  void a_session_id_known_before_login_is_worthless_after_it() {
    String member = callers.newUser("fixee", Role.MEMBER, callers.newNetwork("fixation"), "5.00");
    Browser victim = new Browser();
    // a page asked for before logging in opens a session (to return to the page afterwards)
    HttpResponse<String> page = victim.send(victim.request("/app").header("Accept", "text/html"));
    assertThat(page.statusCode()).isEqualTo(302);
    String before = victim.cookie("SESSION");
    assertThat(before).as("a session before login").isNotNull();

    assertThat(victim.logIn(member, callers.password(member)).statusCode()).isEqualTo(302);
    String after = victim.cookie("SESSION");
    assertThat(after).isNotNull().isNotEqualTo(before);
    assertThat(victim.send(victim.request("/api/v1/me")).statusCode()).isEqualTo(200);

    // the attacker who planted or read the first id holds nothing
    Browser attacker = new Browser();
    attacker.setCookie("SESSION", before);
    assertThat(attacker.send(attacker.request("/api/v1/me")).statusCode()).isEqualTo(401);

    // an id the attacker makes up and plants in the victim's browser is not adopted either
    String madeUp = "0123456789ABCDEF0123456789ABCDEF";
    Browser planted = new Browser();
    planted.setCookie("SESSION", madeUp);
    assertThat(planted.logIn(member, callers.password(member)).statusCode()).isEqualTo(302);
    Browser planter = new Browser();
    planter.setCookie("SESSION", madeUp);
    assertThat(planter.send(planter.request("/api/v1/me")).statusCode()).isEqualTo(401);
  }

  @Test
  void forged_requests_riding_a_session_are_refused_and_pay_nothing() {
    Network network = callers.newNetwork("forgery");
    String member = callers.newUser("naive", Role.MEMBER, network, "10.00");
    String shop = callers.newUser("piege", Role.MERCHANT, network, null);
    Browser victim = new Browser();
    assertThat(victim.logIn(member, callers.password(member)).statusCode()).isEqualTo(302);
    Browser other = new Browser();
    assertThat(other.logIn(shop, callers.password(shop)).statusCode()).isEqualTo(302);
    String payment =
        Api.json(
            "debitAccountId",
            account(network, OwnerKind.MEMBER, member).id().value(),
            "creditAccountId",
            account(network, OwnerKind.MERCHANT, shop).id().value(),
            "amount",
            "5.00");

    Map<String, HttpRequest.Builder> forgeries = new java.util.LinkedHashMap<>();
    forgeries.put("no token", victim.request("/api/v1/transfers"));
    forgeries.put(
        "a made-up token",
        victim.request("/api/v1/transfers").header("X-XSRF-TOKEN", "forged-token"));
    forgeries.put(
        "another session's token",
        victim.request("/api/v1/transfers").header("X-XSRF-TOKEN", other.cookie("XSRF-TOKEN")));
    int n = 0;
    for (var forgery : forgeries.entrySet()) {
      HttpResponse<String> response =
          victim.send(
              forgery
                  .getValue()
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "forged-" + n++)
                  .POST(HttpRequest.BodyPublishers.ofString(payment)));
      assertThat(response.statusCode()).as(forgery.getKey()).isEqualTo(403);
      assertThat(response.body()).as(forgery.getKey()).contains("CSRF_REJECTED");
    }
    // a cross-site HTML form can only send form or text bodies: refused before anything else
    HttpResponse<String> formPost =
        victim.send(
            victim
                .request("/api/v1/transfers")
                .header("Content-Type", "text/plain")
                .header("Idempotency-Key", "forged-form")
                .POST(HttpRequest.BodyPublishers.ofString(payment)));
    assertThat(formPost.statusCode()).isEqualTo(403);
    assertThat(formPost.body()).contains("CSRF_REJECTED");
    // logging the victim out is a state change too
    assertThat(
            victim
                .send(victim.request("/logout").POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(403);
    assertThat(account(network, OwnerKind.MEMBER, member).balance().posted()).isEqualTo(1_000);

    HttpResponse<String> genuine =
        victim.send(
            victim
                .request("/api/v1/transfers")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "genuine")
                .header("X-XSRF-TOKEN", victim.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(payment)));
    assertThat(genuine.statusCode()).isEqualTo(201);
  }

  @Test
  void every_id_of_another_network_is_out_of_reach() {
    Network mine = callers.newNetwork("ici");
    Network theirs = callers.newNetwork("ailleurs");
    String member = callers.newUser("curieux", Role.MEMBER, mine, "20.00");
    String shop = callers.newUser("boutique", Role.MERCHANT, mine, null);
    String stranger = callers.newUser("etranger", Role.MEMBER, theirs, "30.00");
    String strangerShop = callers.newUser("comptoir-loin", Role.MERCHANT, theirs, null);
    callers
        .as(stranger)
        .post(
            "/api/v1/transfers",
            Api.json(
                "debitAccountId",
                account(theirs, OwnerKind.MEMBER, stranger).id().value(),
                "creditAccountId",
                account(theirs, OwnerKind.MERCHANT, strangerShop).id().value(),
                "amount",
                "1.00"))
        .header("Idempotency-Key", "loin-1")
        .send();
    var theirJournal = callers.ledger().verifier().verify(theirs.id()).rows();
    Api api = callers.as(member);
    long own = account(mine, OwnerKind.MEMBER, member).id().value();
    long ownShop = account(mine, OwnerKind.MERCHANT, shop).id().value();

    // every account of the installation: the member sees their own, nothing else exists for them
    long maxAccount =
        callers.ledger().networks().list().stream()
            .flatMap(n -> callers.ledger().accounts().list(n.id()).stream())
            .mapToLong(a -> a.id().value())
            .max()
            .orElseThrow();
    List<Long> visible = new ArrayList<>();
    for (long id = 1; id <= maxAccount + 5; id++) {
      int status = api.get("/api/v1/accounts/" + id).send().status();
      assertThat(status).as("account %d", id).isIn(200, 404);
      if (status == 200) {
        visible.add(id);
      }
    }
    assertThat(visible).containsExactly(own);

    for (Account theirAccount : callers.ledger().accounts().list(theirs.id())) {
      long id = theirAccount.id().value();
      assertThat(api.get("/api/v1/accounts/" + id + "/transfers").send().status()).isEqualTo(404);
      Api.Response debit =
          api.post("/api/v1/transfers", payment(id, ownShop))
              .header("Idempotency-Key", "vol-" + id)
              .send();
      assertThat(debit.code()).as("%s", debit).isEqualTo("DEBIT_ACCOUNT_NOT_FOUND");
      Api.Response credit =
          api.post("/api/v1/transfers", payment(own, id))
              .header("Idempotency-Key", "fuite-" + id)
              .send();
      assertThat(credit.code()).as("%s", credit).isEqualTo("CREDIT_ACCOUNT_NOT_FOUND");
      for (Transfer t :
          callers
              .ledger()
              .transfers()
              .history(theirs.id(), theirAccount.id(), HistoryQuery.latest(50))) {
        assertThat(api.get("/api/v1/transfers/" + t.id().value()).send().status()).isEqualTo(404);
      }
    }
    assertThat(callers.ledger().verifier().verify(theirs.id()).rows()).isEqualTo(theirJournal);
    assertThat(account(mine, OwnerKind.MEMBER, member).balance().posted()).isEqualTo(2_000);
  }

  @Test
  void a_revoked_token_is_refused_from_the_next_request_even_under_concurrent_use()
      throws Exception {
    String member = callers.newUser("revoque", Role.MEMBER, callers.newNetwork("revoke"), null);
    String token = callers.createToken(member, List.of("read"));
    long tokenId =
        callers
            .api()
            .as(token)
            .get("/api/v1/me")
            .send()
            .json()
            .get("authentication")
            .get("tokenId")
            .asLong();
    var revokedAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    var stop = new AtomicBoolean();
    List<String> lateSuccesses = new CopyOnWriteArrayList<>();
    AtomicInteger after = new AtomicInteger();
    AtomicInteger before = new AtomicInteger();
    ExecutorService users = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      users.submit(
          () -> {
            while (!stop.get()) {
              long sent = System.nanoTime();
              Api.Response response = callers.api().as(token).get("/api/v1/me").send();
              if (sent > revokedAt.get()) {
                after.incrementAndGet();
                if (response.status() != 401) {
                  lateSuccesses.add(response.toString());
                }
              } else {
                before.incrementAndGet();
              }
            }
          });
    }
    // the token is in use (and remembered by the cache) when it is revoked
    await().atMost(Duration.ofSeconds(10)).until(() -> before.get() >= 20);
    Api.Response revoked = callers.api().as(token).delete("/api/v1/auth/tokens/" + tokenId).send();
    assertThat(revoked.status()).isEqualTo(204);
    revokedAt.set(System.nanoTime());
    await().atMost(Duration.ofSeconds(10)).until(() -> after.get() >= 40);
    stop.set(true);
    users.shutdown();
    assertThat(users.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(after.get()).isGreaterThanOrEqualTo(40);
    assertThat(lateSuccesses).isEmpty();
    assertThat(callers.api().as(token).get("/api/v1/me").send().code()).isEqualTo("INVALID_TOKEN");
  }

  private Account account(Network network, OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION);
  }

  private static String payment(long debit, long credit) {
    return Api.json("debitAccountId", debit, "creditAccountId", credit, "amount", "0.50");
  }
}
