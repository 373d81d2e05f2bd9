package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplication;
import coop.sol.web.TestClockConfiguration;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.user.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;
import tools.jackson.databind.JsonNode;

/**
 * Two application instances on one database, as behind a load balancer without stickiness: A runs
 * the embedded PostgreSQL, B uses it as its external database (same data directory, so the same
 * keys passphrase). Each serves what the other started: payments through both, a page session used
 * on both, a token revoked on one refused by the other, a logout on one a logout on the other, a
 * till waiting on A told of a payment made through B, the scheduled jobs run once per period, and a
 * member card's wrong PINs typed at tills on A and B counted together (three block it).
 *
 * <p>The settings make a shortcut impossible: tokens are remembered for an hour (only a notice from
 * the other instance can make one forget a revoked token), and the tills' fallback poll runs every
 * hour (only the notice can tell the till on A of B's payment in time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
  private static final List<String> SHARED_SETTINGS =
      List.of(
          "server.port=0",
          "sol.security.token-cache=1h",
          "sol.payment-requests.poll-interval=1h",
          // the jobs are scheduled, far apart; the test runs them itself
          "sol.jobs.enabled=true",
          "sol.jobs.pending-expiry-interval=1h",
          "sol.jobs.voucher-expiry-interval=1h",
          "sol.reports.catch-up-interval=1h",
          "sol.reports.checkpoint-interval=1h",
          "sol.fonte.cron=0 30 3 * * *");

  private ConfigurableApplicationContext a;
  private ConfigurableApplicationContext b;
  private Callers callers;
  private Api apiA;
  private Api apiB;
  private Network network;
  private String member;
  private String shop;
  private String cashier;
  private long memberAccount;
  private long shopAccount;

  @BeforeAll
  void twoInstances() {
    Path dataDirectory = TestDataDirectory.create();
    a = start(dataDirectory, "sol.demo=true");
    HikariDataSource database = a.getBean(HikariDataSource.class);
    b =
        start(
            dataDirectory,
            "sol.demo=false",
            "spring.datasource.url=" + database.getJdbcUrl(),
            "spring.datasource.username=" + database.getUsername(),
            "spring.datasource.password=" + database.getPassword());
    callers = Callers.of(port(a), a);
    apiA = new Api(port(a));
    apiB = new Api(port(b));
    network = callers.newNetwork("deux-instances");
    member = callers.newUser("membre", Role.MEMBER, network, "1000.00");
    shop = callers.newUser("boutique", Role.MERCHANT, network, null);
    cashier = callers.newCashier("caisse", network, shop);
    memberAccount = account(OwnerKind.MEMBER, member);
    shopAccount = account(OwnerKind.MERCHANT, shop);
  }

  private static ConfigurableApplicationContext start(Path dataDirectory, String... settings) {
    List<String> properties = new ArrayList<>(SHARED_SETTINGS);
    properties.add("sol.data-dir=" + dataDirectory);
    properties.addAll(List.of(settings));
    // as command-line arguments, which outrank the application's and the tests' configuration files
    return new SpringApplicationBuilder(SolApplication.class, TestClockConfiguration.class)
        .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  @AfterAll
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  @Order(1)
  void payments_through_both_instances_all_post_and_the_journal_verifies() {
    String token = callers.token(member);
    Session page = Session.logIn(port(a), member, callers.password(member));
    long paid = 0;
    for (int i = 0; i < 40; i++) {
      Api on = (i % 2 == 0 ? apiA : apiB).as(token);
      int port = i % 2 == 0 ? port(b) : port(a);
      String amount = "1." + String.format("%02d", i);
      String body =
          Api.json(
              "debitAccountId", memberAccount, "creditAccountId", shopAccount, "amount", amount);
      // a bearer token on one instance, the page session on the other
      Api.Response byToken =
          on.post("/api/v1/transfers", body).header("Idempotency-Key", "jeton-" + i).send();
      HttpResponse<String> bySession = page.postJson(port, "/api/v1/transfers", body, "page-" + i);
      assertThat(byToken.status()).as("payment %d by token: %s", i, byToken).isEqualTo(201);
      assertThat(bySession.statusCode())
          .as("payment %d by session: %s", i, bySession.body())
          .isEqualTo(201);
      paid += 2 * (100 + i);
    }
    // a retry through the other instance is the same payment
    Api.Response replay =
        apiB.as(token)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    memberAccount,
                    "creditAccountId",
                    shopAccount,
                    "amount",
                    "1.00"))
            .header("Idempotency-Key", "jeton-0")
            .send();
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

    Ledger ledger = a.getBean(Ledger.class);
    assertThat(balance(ledger, memberAccount)).isEqualTo(1000_00 - paid);
    assertThat(balance(ledger, shopAccount)).isEqualTo(paid);
    var report = ledger.verifier().verify(network.id());
    assertThat(report.firstDiscrepancy()).isEmpty();
    assertThat(b.getBean(Ledger.class).verifier().verify(network.id()).firstDiscrepancy())
        .isEmpty();
  }

  @Test
  @Order(2)
  void a_token_revoked_on_one_instance_is_refused_by_the_other() {
    Api.Response created =
        apiA.anonymous()
            .post(
                "/api/v1/auth/tokens",
                Api.json(
                    "username",
                    member,
                    "password",
                    callers.password(member),
                    "name",
                    "à révoquer",
                    "scopes",
                    List.of("read", "pay")))
            .send();
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asString();
    long id = created.json().get("id").asLong();
    // both instances now remember it (for an hour, as configured)
    assertThat(apiA.as(token).get("/api/v1/me").send().status()).isEqualTo(200);
    assertThat(apiB.as(token).get("/api/v1/me").send().status()).isEqualTo(200);

    assertThat(apiA.as(token).delete("/api/v1/auth/tokens/" + id).send().status()).isEqualTo(204);
    Instant revoked = Instant.now();

    assertThat(apiA.as(token).get("/api/v1/me").send().status()).isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(2))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> apiB.as(token).get("/api/v1/me").send().status() == 401);
    Duration took = Duration.between(revoked, Instant.now());
    System.out.println("Token revoked on A, refused by B after " + took.toMillis() + " ms");
    assertThat(apiB.as(token).get("/api/v1/me").send().code()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  @Order(3)
  void a_session_logged_out_on_one_instance_is_logged_out_on_the_other() {
    Session page = Session.logIn(port(a), member, callers.password(member));
    assertThat(page.get(port(a), "/api/v1/me").statusCode()).isEqualTo(200);
    assertThat(page.get(port(b), "/api/v1/me").statusCode())
        .as("the session made on A serves B")
        .isEqualTo(200);

    HttpResponse<String> logout = page.logOut(port(b));
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("/login?logout");

    assertThat(page.get(port(a), "/api/v1/me").statusCode())
        .as("logged out on B, so on A")
        .isEqualTo(401);
    assertThat(page.replay(port(a), "/api/v1/me").statusCode())
        .as("the old session cookie itself is dead")
        .isEqualTo(401);
  }

  @Test
  @Order(4)
  void a_till_waiting_on_one_instance_sees_a_payment_made_through_the_other() throws Exception {
    Api.Response request =
        apiA.as(callers.token(cashier))
            .post(
                "/api/v1/payment-requests",
                Api.json("merchantAccountId", shopAccount, "amount", "3.50"))
            .send();
    assertThat(request.status()).isEqualTo(201);
    String id = request.json().get("id").asString();

    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpResponse<Stream<String>> stream =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port(a)
                                + "/api/v1/payment-requests/"
                                + id
                                + "/events"))
                    .header("Authorization", "Bearer " + callers.token(cashier))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              try (Stream<String> lines = stream.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(events::add);
              }
              events.add("(end)");
            });
    assertThat(status(events.poll(10, TimeUnit.SECONDS))).isEqualTo("OPEN");

    Api.Response pay =
        apiB.as(callers.token(member))
            .post(
                "/api/v1/payment-requests/" + id + "/pay",
                Api.json("debitAccountId", memberAccount))
            .header("Idempotency-Key", "sur-b")
            .send();
    assertThat(pay.status()).as("%s", pay).isEqualTo(201);

    // the fallback poll runs every hour here: only B's notice can bring this in time
    String paid = events.poll(10, TimeUnit.SECONDS);
    while (paid != null && status(paid).equals("OPEN")) {
      paid = events.poll(10, TimeUnit.SECONDS);
    }
    assertThat(paid).as("the PAID event").isNotNull();
    assertThat(status(paid)).isEqualTo("PAID");
    assertThat(events.poll(10, TimeUnit.SECONDS)).as("the stream ends").isEqualTo("(end)");
    reader.get(5, TimeUnit.SECONDS);
  }

  @Test
  @Order(5)
  void each_scheduled_job_runs_once_per_period_whichever_instance_fires() throws Exception {
    Map<String, Runnable> jobsOfA = scheduledJobs(a);
    Map<String, Runnable> jobsOfB = scheduledJobs(b);
    // the notices' jobs (NoticeSchedule) keep their own claims (notice_job_claim, the outbox's
    // rows); the memory trim (memory.MemoryConfiguration) is each process's own, by design
    List<String> notShared = List.of("sendOutbox", "tellFonteComing", "trimWhenIdle");
    jobsOfA.keySet().removeAll(notShared);
    jobsOfB.keySet().removeAll(notShared);
    assertThat(jobsOfA.keySet())
        .containsExactlyInAnyOrder(
            "expirePendingTransfers",
            "expireVouchers",
            "runDueFonte",
            "catchUp",
            "checkpoints",
            "purge")
        .isEqualTo(jobsOfB.keySet());
    Map<String, String> names =
        Map.of(
            "expirePendingTransfers", "pending-expiry",
            "expireVouchers", "voucher-expiry",
            "runDueFonte", "fonte",
            "catchUp", "report-catch-up",
            "checkpoints", "checkpoints",
            "purge", "login-throttle-purge");
    MovableClock clockA = a.getBean(MovableClock.class);
    MovableClock clockB = b.getBean(MovableClock.class);
    try {
      for (int round = 0; round < 3; round++) {
        // a day later, just past the hour: a new period of every job, far from its end
        Instant now = clockA.instant();
        Instant target = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1).plusSeconds(61));
        Duration move = Duration.between(now, target);
        clockA.advance(move);
        clockB.advance(move);
        for (var job : jobsOfA.keySet()) {
          String name = names.get(job);
          double ranBefore = count(name, "ran");
          double skippedBefore = count(name, "skipped");
          // both instances fire at once
          CompletableFuture<Void> onA = CompletableFuture.runAsync(jobsOfA.get(job));
          CompletableFuture<Void> onB = CompletableFuture.runAsync(jobsOfB.get(job));
          CompletableFuture.allOf(onA, onB).get(60, TimeUnit.SECONDS);
          assertThat(count(name, "ran") - ranBefore)
              .as("%s ran once in round %d", name, round)
              .isEqualTo(1.0);
          assertThat(count(name, "skipped") - skippedBefore)
              .as("%s skipped by the other instance in round %d", name, round)
              .isEqualTo(1.0);
        }
      }
    } finally {
      clockA.reset();
      clockB.reset();
    }
  }

  @Test
  @Order(6)
  void three_wrong_pins_alternating_between_the_instances_block_a_member_card() {
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    Api.Response issued =
        apiA.as(callers.token(coordinator))
            .post(
                "/api/v1/cards",
                Api.json(
                    "holderAccountId", memberAccount, "holderName", "Jeanne Martin", "pin", "4821"))
            .send();
    assertThat(issued.status()).as("%s", issued).isEqualTo(201);
    String code = issued.json().get("code").asString();
    long card = issued.json().get("id").asLong();
    String till = callers.token(cashier);
    List<Api> instances = List.of(apiA, apiB, apiA, apiB);
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      // three wrong PINs, A, B, A; then the right one on B
      String pin = i < 3 ? "000" + i : "4821";
      Api.Response charge =
          instances
              .get(i)
              .as(till)
              .post(
                  "/api/v1/cards/charge",
                  Api.json(
                      "merchantAccountId", shopAccount, "card", code, "amount", "1.00", "pin", pin))
              .header("Idempotency-Key", "carte-" + i)
              .send();
      answers.add(charge.status() + " " + charge.code());
    }
    assertThat(answers)
        .containsExactly(
            "422 CARD_WRONG_PIN", "422 CARD_WRONG_PIN", "409 CARD_BLOCKED", "409 CARD_BLOCKED");
    for (Api instance : List.of(apiA, apiB)) {
      JsonNode seen = instance.as(callers.token(member)).get("/api/v1/cards/" + card).send().json();
      assertThat(seen.get("state").asString()).isEqualTo("BLOCKED");
      assertThat(seen.get("blockedReason").asString()).isEqualTo("WRONG_PINS");
    }
  }

  /** The context's scheduled jobs by method name, cancelled so that only the test runs them. */
  private static Map<String, Runnable> scheduledJobs(ConfigurableApplicationContext context) {
    Map<String, Runnable> jobs = new TreeMap<>();
    for (ScheduledTask task :
        context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks()) {
      task.cancel(false);
      // the runnable is wrapped (to track outcomes); its text is the scheduled method's name
      String method = task.getTask().getRunnable().toString();
      jobs.put(method.substring(method.lastIndexOf('.') + 1), task.getTask().getRunnable());
    }
    return jobs;
  }

  private double count(String job, String outcome) {
    double total = 0;
    for (var context : List.of(a, b)) {
      Counter counter =
          context
              .getBean(MeterRegistry.class)
              .find("sol.scheduled.runs")
              .tag("job", job)
              .tag("outcome", outcome)
              .counter();
      total += counter == null ? 0 : counter.count();
    }
    return total;
  }

  private long account(OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION).id().value();
  }

  private long balance(Ledger ledger, long account) {
    return ledger
        .accounts()
        .find(network.id(), new AccountId(account))
        .orElseThrow()
        .balance()
        .posted();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static String status(String dataLine) {
    JsonNode view = Api.JSON.readTree(dataLine.substring("data:".length()));
    return view.get("status").asString();
  }

  /**
   * A browser's page session without a browser: cookies kept (for {@code localhost}, whatever the
   * port: the session made on one instance is sent to the other), redirects not followed.
   */
  private static final class Session {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private String sessionCookie;

    static Session logIn(int port, String username, String password) {
      Session session = new Session();
      Matcher csrf = CSRF_FIELD.matcher(session.get(port, "/login").body());
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> login =
          session.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "username="
                              + encode(username)
                              + "&password="
                              + encode(password)
                              + "&_csrf="
                              + encode(csrf.group(1)))));
      assertThat(login.statusCode()).isEqualTo(302);
      assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
      session.sessionCookie = session.cookie("SESSION");
      assertThat(session.sessionCookie).as("Spring Session's cookie").isNotNull();
      return session;
    }

    HttpResponse<String> get(int port, String path) {
      return send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Accept", "application/json, text/html")
              .GET());
    }

    /** An unsafe API call of the session: its CSRF token sent back as the SPA setup wants. */
    HttpResponse<String> postJson(int port, String path, String json, String idempotencyKey) {
      return send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Content-Type", "application/json")
              .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
              .header("Idempotency-Key", idempotencyKey)
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> logOut(int port) {
      return send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/logout"))
              .header("Accept", "text/html")
              .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"))
              .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A request with the session cookie as it was at login, whatever the server said since. */
    HttpResponse<String> replay(int port, String path) {
      try {
        return HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "application/json")
                    .header("Cookie", "SESSION=" + sessionCookie)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return client.send(
            request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }
}
