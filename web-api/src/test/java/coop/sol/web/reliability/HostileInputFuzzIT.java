package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.journal.VerificationReport;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Hostile input against every endpoint of the API, read from Spring's handler mappings (so an
 * endpoint added later is fuzzed too): property-based cases (QuickTheories, fixed seed) of mutated
 * and random JSON bodies built from each endpoint's request record, hostile path ids and query
 * parameters, random and malformed headers, unicode, very long strings, SQL and template injection,
 * raw bytes, sent over a plain socket as any client could, as each kind of caller. Properties: the
 * server never answers 5xx, never leaves a request unanswered (a 10 s client timeout), never shows
 * a stack trace, and writes nothing when it refuses (journal rows, balances, tokens, users, refund
 * limits unchanged after every 4xx). Runs for {@code sol.fuzz.seconds} (35) with seed {@code
 * sol.fuzz.seed}.
 */
@ReliabilityApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputFuzzIT {
  private static final long SECONDS = Long.getLong("sol.fuzz.seconds", 35);
  private static final long SEED = Long.getLong("sol.fuzz.seed", 0x50_4C_46_55_5AL);
  private static final int TIMEOUT_MILLIS = 10_000;

  /** Values that have broken parsers, queries and templates elsewhere. */
  private static final List<String> HOSTILE =
      List.of(
          "' OR '1'='1",
          "1; DROP TABLE transfer; --",
          "'); DELETE FROM account; --",
          "\" OR \"\"=\"",
          "${jndi:ldap://127.0.0.1/a}",
          "${7*7}",
          "{{7*7}}",
          "#{7*7}",
          "<%= 7*7 %>",
          "*{T(java.lang.Runtime).getRuntime()}",
          "<script>alert(1)</script>",
          "../../../../etc/passwd",
          "%00",
          "\u0000",
          "\uFEFF",
          "\u202E",
          "é",
          "１２",
          "١٢٣",
          "𝔖𝔒𝔏",
          "🥖",
          "\uD800",
          "%n%s%s%s",
          "NaN",
          "-0",
          "1e309",
          "0x7fffffffffffffff",
          "9223372036854775808",
          "-9223372036854775809",
          "0.000000001",
          "12.50",
          "0.01",
          "-1",
          "",
          " ",
          "null",
          "true",
          "COOPERATION",
          "cooperation");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=UTF-8",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=nope",
          "application/problem+json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "*/*",
          "application/",
          "json",
          "");

  private final int port;
  private final Callers callers;
  private final ApplicationContext context;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final List<Long> ids = new ArrayList<>();
  private final Set<Long> ownTokenIds = new TreeSet<>();
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perEndpoint = new ConcurrentHashMap<>();
  private final AtomicInteger cases = new AtomicInteger();
  private String snapshot;

  @Autowired
  HostileInputFuzzIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.context = context;
    this.callers = Callers.of(port, context);
  }

  /**
   * An endpoint.
   *
   * @param body the type of its JSON body, or null if it takes none
   */
  record Endpoint(String method, String pattern, Class<?> body) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /** One request, as bytes. */
  record Case(Endpoint endpoint, int source, String head, byte[] body, boolean refusedOnly) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return endpoint
          + " from 127.0.0."
          + source
          + "\n"
          + (head.length() > 2_000 ? head.substring(0, 2_000) + "…" : head)
          + "\n\n"
          + (text.length() > 2_000 ? text.substring(0, 2_000) + "…" : text);
    }
  }

  @BeforeAll
  void endpointsCallersAndIds() {
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
          mapping.getHandlerMethods().entrySet()) {
        Class<?> body = null;
        for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
          if (parameter.hasParameterAnnotation(RequestBody.class)) {
            body = parameter.getParameterType();
          }
        }
        for (String pattern : entry.getKey().getPatternValues()) {
          if (!pattern.startsWith("/api/")) {
            continue;
          }
          for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
            endpoints.add(new Endpoint(method.name(), pattern, body));
          }
        }
      }
    }
    endpoints.sort((a, b) -> a.toString().compareTo(b.toString()));
    assertThat(endpoints).anyMatch(e -> e.body() != null);

    // callers: a member, a merchant, a coordinator, the administrator, nobody, and impostors
    for (String user : List.of("alice", "boulangerie", "coord1", "admin")) {
      String token = callers.token(user);
      authorizations.add("Bearer " + token);
      ownTokenIds.add(
          callers
              .api()
              .as(token)
              .get("/api/v1/me")
              .send()
              .json()
              .get("authentication")
              .get("tokenId")
              .asLong());
    }
    authorizations.add(null);
    authorizations.add("Bearer sol_pat_" + "A".repeat(43));
    authorizations.add("Bearer ");
    authorizations.add("Basic " + java.util.Base64.getEncoder().encodeToString("zz:zz".getBytes()));
    authorizations.add("Basic ###");
    authorizations.add("Digest username=\"x\"");

    Network demo = callers.demo();
    for (var owner : List.of("alice", "bruno")) {
      ids.add(callers.account(demo, OwnerKind.MEMBER, owner, StrandKind.COOPERATION).id().value());
    }
    ids.add(
        callers
            .account(demo, OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION)
            .id()
            .value());
    Network other = callers.newNetwork("fuzz-ailleurs");
    String stranger = callers.newUser("fuzz-loin", coop.sol.web.user.Role.MEMBER, other, "5.00");
    ids.add(
        callers.account(other, OwnerKind.MEMBER, stranger, StrandKind.COOPERATION).id().value());
    ids.addAll(List.of(1L, 2L, 3L, 1_000L));
    snapshot = snapshot();
  }

  @Test
  void hostile_requests_never_get_a_5xx_a_hang_or_a_write() {
    qt().withFixedSeed(SEED)
        .withUnlimitedExamples()
        .withTestingTime(SECONDS, TimeUnit.SECONDS)
        .withShrinkCycles(200)
        .forAll(cases())
        .checkAssert(this::sendAndCheck);
  }

  @AfterAll
  void report() {
    for (Network network : callers.ledger().networks().list()) {
      VerificationReport report = callers.ledger().verifier().verify(network.id());
      assertThat(report.firstDiscrepancy()).as("journal of %s", network.code()).isEmpty();
    }
    System.out.printf(
        "Hostile input fuzzing: %d cases on %d endpoints in %d s (seed %d), answers %s, per"
            + " endpoint %s%n",
        cases.get(),
        endpoints.size(),
        SECONDS,
        SEED,
        new TreeMap<>(statuses),
        new TreeMap<>(perEndpoint));
  }

  private void sendAndCheck(Case c) {
    cases.incrementAndGet();
    perEndpoint
        .computeIfAbsent(c.endpoint().toString(), e -> new AtomicInteger())
        .incrementAndGet();
    RawHttp.Answer answer;
    try {
      answer =
          RawHttp.send(
              InetAddress.getByName("127.0.0." + c.source()),
              port,
              c.head(),
              c.body(),
              TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String kind =
        answer.timedOut()
            ? "no answer in 10 s"
            : answer.status() == 0 ? "closed" : "" + answer.status();
    statuses.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    assertThat(answer.timedOut()).as("hang").isFalse();
    assertThat(answer.status()).as("5xx: %s", answer.body()).isLessThan(500);
    assertThat(answer.body()).doesNotContain("\tat ", "at coop.sol.", "Exception:", "SQLState");
    if (answer.status() / 100 == 4) {
      // a refusal says why, in the one shape every refusal of the API has
      assertThat(answer.header("Content-Type"))
          .as("%d without a problem: %s", answer.status(), answer.body())
          .startsWith("application/problem+json");
      assertThat(Api.JSON.readTree(answer.body()).path("code").asString(""))
          .as("problem without a code: %s", answer.body())
          .matches("[A-Z_]+");
    }
    String now = snapshot();
    if (answer.status() / 100 == 2) {
      assertThat(c.refusedOnly()).as("an allowed request where only refusals were meant").isFalse();
      snapshot = now;
    } else {
      assertThat(now).as("state after a refused request (%d)", answer.status()).isEqualTo(snapshot);
    }
  }

  /** Journal rows, balances, tokens, users and refund limits, as one comparable text. */
  private String snapshot() {
    String query =
        "SELECT (SELECT count(*) FROM transfer)"
            + " || '/' || (SELECT md5(coalesce(string_agg(account_id || ':' || debits_posted || ':'"
            + " || credits_posted || ':' || debits_pending || ':' || credits_pending, ','"
            + " ORDER BY account_id), '')) FROM account)"
            + " || '/' || (SELECT count(*) FROM api_token)"
            + " || '/' || (SELECT count(*) FILTER (WHERE revoked_at IS NOT NULL) FROM api_token)"
            + " || '/' || (SELECT count(*) FROM app_user)"
            + " || '/' || (SELECT md5(coalesce(string_agg(user_role_id || strand_kind || refund_limit,"
            + " ',' ORDER BY user_role_id, strand_kind), '')) FROM cashier_refund_limit)";
    try (Connection c = context.getBean(DataSource.class).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- generation

  /** Choices drawn from QuickTheories' randomness, so that it can replay and shrink them. */
  private record Dice(RandomnessSource in) {
    int below(int n) {
      return (int) in.next(Constraint.between(0, n - 1));
    }

    boolean percent(int p) {
      return below(100) < p;
    }

    <T> T of(List<T> values) {
      return values.get(below(values.size()));
    }

    long anyLong() {
      return in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }

  private Gen<Case> cases() {
    return in -> aCase(new Dice(in));
  }

  private Case aCase(Dice dice) {
    Endpoint endpoint = dice.of(endpoints);
    int caller = dice.below(authorizations.size());
    boolean refusedOnly = false;
    // backups are real copies of the database: only callers who are refused ask for one here
    if (endpoint.method().equals("POST") && endpoint.pattern().equals("/api/v1/admin/backups")) {
      caller = 0; // alice, a member
      refusedOnly = true;
    }
    StringBuilder head = new StringBuilder();
    String method =
        dice.percent(3) ? dice.of(List.of("PATCH", "OPTIONS", "TRACE", "GET")) : endpoint.method();
    head.append(method).append(' ').append(path(dice, endpoint)).append(" HTTP/1.1");
    String authorization = authorizations.get(caller);
    if (authorization != null && !dice.percent(5)) {
      header(head, "Authorization", authorization);
    }
    byte[] body = new byte[0];
    if (endpoint.body() != null || dice.percent(5)) {
      body = body(dice, endpoint);
      if (!dice.percent(10)) {
        header(
            head, "Content-Type", dice.percent(70) ? "application/json" : dice.of(CONTENT_TYPES));
      }
    }
    if (endpoint.pattern().equals("/api/v1/transfers") || dice.percent(10)) {
      header(head, "Idempotency-Key", idempotencyKey(dice));
    }
    int extra = dice.below(4);
    for (int i = 0; i < extra; i++) {
      randomHeader(dice, head);
    }
    if (dice.percent(2)) {
      // a length that lies: the server must give up waiting for the rest, not hang
      header(head, "Content-Length", Integer.toString(body.length + 1 + dice.below(100)));
    }
    return new Case(endpoint, 2 + dice.below(240), head.toString(), body, refusedOnly);
  }

  private static void header(StringBuilder head, String name, String value) {
    head.append("\r\n").append(name).append(": ").append(value);
  }

  private String path(Dice dice, Endpoint endpoint) {
    Matcher variables = Pattern.compile("\\{([^}]+)}").matcher(endpoint.pattern());
    StringBuilder path = new StringBuilder();
    while (variables.find()) {
      variables.appendReplacement(path, Matcher.quoteReplacement(pathValue(dice, endpoint)));
    }
    variables.appendTail(path);
    if (dice.percent(30)) {
      path.append('?').append(query(dice));
    }
    if (dice.percent(3)) {
      path.append(dice.of(List.of("/", "//", "/..", "/%2e%2e/", ";jsessionid=x", "#frag")));
    }
    return path.toString();
  }

  private String pathValue(Dice dice, Endpoint endpoint) {
    long value =
        switch (dice.below(4)) {
          case 0 -> dice.of(ids);
          case 1 -> dice.anyLong();
          case 2 -> dice.below(5_000);
          default -> -1;
        };
    if (endpoint.method().equals("DELETE") && ownTokenIds.contains(value)) {
      value += 1_000_000; // the fuzzing callers' own tokens stay valid
    }
    return switch (dice.below(10)) {
      case 0, 1, 2, 3, 4 -> Long.toString(value);
      case 5 -> encode(dice.of(HOSTILE));
      case 6 ->
          dice.of(List.of("COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO", "X", "cooperation"));
      case 7 -> "9".repeat(1 + dice.below(300));
      case 8 -> dice.of(List.of("%", "%ZZ", "%C0%AE", "%2F", "%5C", "%00", "..", "."));
      default -> randomText(dice, 1 + dice.below(40), true);
    };
  }

  private String query(Dice dice) {
    List<String> names = List.of("before", "limit", "from", "to", "code", "x", "before[]", "");
    StringBuilder query = new StringBuilder();
    int n = 1 + dice.below(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        query.append('&');
      }
      query.append(dice.of(names)).append('=');
      query.append(
          switch (dice.below(5)) {
            case 0 -> Long.toString(dice.anyLong());
            case 1 -> dice.of(List.of("2026-01-01T00:00:00Z", "PAYMENT", "0", "200", "201", "-5"));
            case 2 -> encode(dice.of(HOSTILE));
            case 3 -> encode("9".repeat(dice.below(2_000)));
            default -> randomText(dice, dice.below(30), true);
          });
    }
    return query.toString();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private String idempotencyKey(Dice dice) {
    return switch (dice.below(6)) {
      case 0 -> "fuzz-" + dice.anyLong();
      case 1 -> "";
      case 2 -> "k".repeat(120 + dice.below(20));
      case 3 -> dice.of(HOSTILE).replace("\r", "").replace("\n", "");
      case 4 -> randomText(dice, dice.below(200), false);
      default ->
          new String(randomBytes(dice, dice.below(64)), StandardCharsets.ISO_8859_1)
              .replace("\r", "")
              .replace("\n", "");
    };
  }

  private void randomHeader(Dice dice, StringBuilder head) {
    switch (dice.below(9)) {
      case 0 -> header(head, "X-Forwarded-For", forwardedAddress(dice));
      case 1 ->
          header(
              head,
              "X-Forwarded-Proto",
              dice.of(List.of("https", "http", "gopher", "", "https, http")));
      case 2 ->
          header(
              head,
              "X-Forwarded-Host",
              dice.of(List.of("evil.example", "::::", "a:b:c", "", "é.example", "x".repeat(300))));
      case 3 -> header(head, "X-Forwarded-Port", dice.of(List.of("443", "-1", "99999", "abc", "")));
      case 4 ->
          header(head, "X-Forwarded-Prefix", dice.of(List.of("/x", "//evil", "../", "%2e%2e", "")));
      case 5 ->
          header(
              head,
              "Accept",
              dice.of(
                  List.of(
                      "application/json",
                      "application/xml",
                      "text/html",
                      "*/*",
                      "garbage",
                      "application/problem+json;q=0")));
      case 6 ->
          header(
              head,
              "Cookie",
              "JSESSIONID="
                  + randomText(dice, 32, true)
                  + "; XSRF-TOKEN="
                  + randomText(dice, 10, true));
      case 7 -> header(head, "X-Xsrf-Token", randomText(dice, dice.below(50), true));
      default ->
          header(
              head,
              "X-" + randomText(dice, 1 + dice.below(20), true).replace(":", ""),
              dice.percent(10) ? "v".repeat(9_000) : randomText(dice, dice.below(100), false));
    }
  }

  /** An address a reverse proxy could report; never loopback, which other tests log in from. */
  private String forwardedAddress(Dice dice) {
    return switch (dice.below(5)) {
      case 0 -> "203.0.113." + dice.below(256);
      case 1 -> "2001:db8::" + Integer.toHexString(dice.below(65_536));
      case 2 -> "203.0.113." + dice.below(256) + ", 10.0.0.1";
      case 3 -> dice.of(List.of("unknown", "", "999.999.999.999", "_hidden", "x".repeat(200)));
      default -> randomText(dice, dice.below(40), true);
    };
  }

  private byte[] body(Dice dice, Endpoint endpoint) {
    return switch (dice.below(20)) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> mutated(dice, template(endpoint.body(), dice));
      case 8, 9, 10, 11, 12 -> utf8(randomJson(dice, endpoint.body(), 0));
      case 13, 14 -> randomBytes(dice, dice.below(400));
      case 15 -> utf8(nested(dice.below(3_000)));
      case 16 -> utf8("{\"memo\":\"" + "m".repeat(40_000 + dice.below(30_000)) + "\"}");
      default -> utf8(dice.of(List.of("", " ", "null", "[]", "{}", "\"x\"", "0", "{\"a\":}", "{")));
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** A plausible body for {@code type}: the record's components with ordinary values. */
  private String template(Class<?> type, Dice dice) {
    if (type == null || !type.isRecord()) {
      return "{}";
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      fields.put(
          component.getName(), plausible(component.getName(), component.getGenericType(), dice));
    }
    return Api.JSON.writeValueAsString(fields);
  }

  private Object plausible(String name, Type type, Dice dice) {
    Class<?> raw =
        type instanceof ParameterizedType p
            ? (Class<?>) p.getRawType()
            : type instanceof Class<?> c ? c : Object.class;
    String lower = name.toLowerCase();
    if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
      return lower.contains("days") ? 30 : dice.of(ids);
    }
    if (raw == String.class) {
      if (lower.contains("amount") || lower.contains("cap")) {
        return dice.of(List.of("0.01", "1.00", "12.50"));
      }
      if (lower.equals("username")) {
        return "zz-fuzz"; // no such user: guesses must not lock the demo's logins
      }
      if (lower.contains("totp")) {
        return "123456";
      }
      return "fuzz";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return true;
    }
    if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
      return lower.contains("scope") ? List.of("read") : List.of("x");
    }
    if (raw.isEnum()) {
      return raw.getEnumConstants()[0].toString();
    }
    if (raw.isRecord()) {
      return Api.JSON.readValue(template(raw, dice), Map.class);
    }
    return null;
  }

  /** A few random edits of {@code json}: bytes flipped, hostile text spliced in, parts cut. */
  private byte[] mutated(Dice dice, String json) {
    byte[] bytes = utf8(json);
    int edits = 1 + dice.below(4);
    for (int i = 0; i < edits && bytes.length > 0; i++) {
      int at = dice.below(bytes.length);
      var out = new ByteArrayOutputStream();
      switch (dice.below(6)) {
        case 0 -> {
          bytes[at] = (byte) (bytes[at] ^ (1 << dice.below(8)));
          continue;
        }
        case 1 -> {
          out.write(bytes, 0, at);
          out.writeBytes(utf8(dice.of(HOSTILE)));
          out.write(bytes, at, bytes.length - at);
        }
        case 2 -> {
          int end = Math.min(bytes.length, at + 1 + dice.below(20));
          out.write(bytes, 0, at);
          out.write(bytes, end, bytes.length - end);
        }
        case 3 -> {
          out.write(bytes, 0, at);
          out.write(bytes, at, bytes.length - at);
          out.write(bytes, at, bytes.length - at);
        }
        case 4 -> {
          // a string value replaced by a hostile one, the JSON kept valid
          String text = new String(bytes, StandardCharsets.UTF_8);
          String replaced =
              text.replaceFirst(
                  "\"[^\"]*\"(?=[,}])",
                  Matcher.quoteReplacement(Api.JSON.writeValueAsString(dice.of(HOSTILE))));
          out.writeBytes(utf8(replaced));
        }
        default -> {
          // a number replaced by an extreme one
          String text = new String(bytes, StandardCharsets.UTF_8);
          out.writeBytes(
              utf8(
                  text.replaceFirst(
                      ":-?\\d+",
                      ":"
                          + dice.of(
                              List.of(
                                  "9223372036854775808",
                                  "-1",
                                  "0",
                                  "1e400",
                                  "1.5",
                                  "-0",
                                  "99999999999999999999999999999",
                                  "\"1\"",
                                  "null",
                                  "[]",
                                  "{}")))));
        }
      }
      bytes = out.toByteArray();
    }
    return bytes;
  }

  private String randomJson(Dice dice, Class<?> type, int depth) {
    List<String> names =
        new ArrayList<>(List.of("a", "", "__proto__", "constructor", "@type", "$ref"));
    if (type != null && type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        names.add(component.getName());
        names.add(component.getName());
      }
    }
    int fields = dice.below(7);
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(Api.JSON.writeValueAsString(dice.of(names)))
          .append(':')
          .append(randomValue(dice, depth));
    }
    return json.append('}').toString();
  }

  private String randomValue(Dice dice, int depth) {
    return switch (dice.below(depth > 3 ? 6 : 8)) {
      case 0 -> Api.JSON.writeValueAsString(dice.of(HOSTILE));
      case 1 -> Api.JSON.writeValueAsString(randomText(dice, dice.below(2_000), false));
      case 2 -> Long.toString(dice.anyLong());
      case 3 -> dice.of(List.of("1.5", "-0", "1e400", "0.1e-400", "99999999999999999999999999999"));
      case 4 -> dice.of(List.of("true", "false", "null"));
      case 5 -> "\"" + "\\u" + String.format("%04x", dice.below(65_536)) + "\"";
      case 6 -> "[" + randomValue(dice, depth + 1) + "," + randomValue(dice, depth + 1) + "]";
      default -> randomJson(dice, null, depth + 1);
    };
  }

  /** Text of any characters (or URL-safe ones), lone surrogates included. */
  private static String randomText(Dice dice, int length, boolean urlSafe) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (urlSafe) {
        text.append(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
                .charAt(dice.below(66)));
      } else {
        int kind = dice.below(4);
        text.append(
            (char)
                (kind == 0
                    ? 0x20 + dice.below(0x5f)
                    : kind == 1
                        ? dice.below(0x20)
                        : kind == 2 ? 0x80 + dice.below(0x780) : dice.below(0x10000)));
      }
    }
    String result = text.toString();
    return urlSafe ? result : result.replace("\r", " ").replace("\n", " ");
  }

  private static byte[] randomBytes(Dice dice, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) dice.below(256);
    }
    return bytes;
  }
}
