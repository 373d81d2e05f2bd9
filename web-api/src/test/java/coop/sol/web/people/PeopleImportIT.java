package coop.sol.web.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/people/imports}: a dry run that lists every line's problems and changes
 * nothing; an import that creates the people, their listings and opening balances and answers their
 * letters; a second run (and a reordered one) that creates and posts nothing; two identical runs at
 * once that create and post once.
 */
@SolApplicationTest
class PeopleImportIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final Callers callers;
  private final Operations operations;
  private final JdbcTemplate sql;

  @Autowired
  PeopleImportIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.operations = context.getBean(Operations.class);
    this.sql = new JdbcTemplate(context.getBean(DataSource.class));
  }

  /** A network set up as an administrator's creation leaves it: system accounts, rates. */
  private Network network() {
    Network network = callers.newNetwork("import");
    var settings = operations.settings();
    settings.setUp(network.id());
    settings.changeRates(
        network.id(),
        new NetworkRates(EuroRate.of("1.00"), BasisPoints.of(500), BasisPoints.of(500)),
        Actor.of("test"));
    settings.defineCategory(network.id(), new MerchantCategory("FOOD", "Alimentation"));
    return network;
  }

  private Api.Response upload(String coordinator, Network network, String csv, boolean dryRun) {
    return upload(coordinator, network, csv.getBytes(StandardCharsets.UTF_8), dryRun, "fr");
  }

  private Api.Response upload(
      String coordinator, Network network, byte[] csv, boolean dryRun, String language) {
    // the bytes as they are (the test's Api sends text as UTF-8)
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/api/v1/people/imports?network="
                        + network.code()
                        + (dryRun ? "&dryRun=true" : "")))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + callers.token(coordinator))
            .header("Content-Type", "text/csv")
            .header("Accept-Language", language)
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv));
    try {
      return new Api.Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Rows that an import may write, in the network or anywhere. */
  private Map<String, Long> counts(Network network) {
    long id = network.id().value();
    return Map.of(
        "app_user", count("select count(*) from app_user"),
        "user_role", count("select count(*) from user_role where network_id = ?", id),
        "activation", count("select count(*) from activation"),
        "account", count("select count(*) from account where network_id = ?", id),
        "transfer", count("select count(*) from transfer where network_id = ?", id),
        "merchant_profile", count("select count(*) from merchant_profile where network_id = ?", id),
        // what an import records (a token's first use records its own entries)
        "audit_event",
            count(
                "select count(*) from audit_event"
                    + " where action in ('PEOPLE_IMPORTED', 'PERSON_CREATED')"));
  }

  private long count(String query, Object... args) {
    return sql.queryForObject(query, Long.class, args);
  }

  private static List<String> codes(JsonNode line) {
    List<String> codes = new ArrayList<>();
    line.get("problems").forEach(p -> codes.add(p.get("code").asString()));
    return codes;
  }

  private static JsonNode line(JsonNode report, int number) {
    for (JsonNode line : report.get("lines")) {
      if (line.get("line").asInt() == number) {
        return line;
      }
    }
    throw new AssertionError("no line " + number + " in " + report);
  }

  private static String file(String... usernames) {
    StringBuilder csv =
        new StringBuilder(
            "username;display_name;roles;trading_name;category;sol_cooperation;sol_engagement\n");
    for (String u : usernames) {
      csv.append(u).append(";Personne ").append(u).append(";MEMBER;;;12,50;3\n");
    }
    return csv.toString();
  }

  private static int pages(byte[] pdf) throws IOException {
    try (PdfReader reader = new PdfReader(pdf)) {
      return reader.getNumberOfPages();
    }
  }

  private static String text(byte[] pdf) throws IOException {
    try (PdfReader reader = new PdfReader(pdf)) {
      var extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    }
  }

  @Test
  void a_dry_run_lists_every_problem_of_every_line_and_changes_nothing() {
    Network network = network();
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String csv =
        ("username;display_name;roles;merchant;trading_name;category;sol_cooperation\n"
                + "marie{s};Marie;MEMBER;;;;20\n"
                + "epicerie{s};Épicerie;MERCHANT;;Épicerie du port;FOOD;\n"
                + "caisse{s};Caissier;CASHIER;epicerie{s};;;\n"
                + "montant{s};Montant;MEMBER;;;;1,5.0\n"
                + "roi{s};Roi;MEMBER|KING;;;;\n"
                + "marie{s};Marie encore;MEMBER;;;;\n"
                + "long{s};"
                + "x".repeat(201)
                + ";MEMBER;;;;\n"
                + "ctrl{s};A\u0007B;MEMBER;;;;\n"
                + "livres{s};Livres;MERCHANT;;Livres;BOOKS;\n"
                + "caisse2{s};Caissier;CASHIER;inconnu{s};;;\n")
            .replace("{s}", "-" + network.id().value());
    Map<String, Long> before = counts(network);
    var answer = upload(coordinator, network, csv, true);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.http().headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode report = answer.json();
    assertThat(report.get("dryRun").asBoolean()).isTrue();
    assertThat(report.get("wouldCreate").asLong()).isEqualTo(3);
    assertThat(report.get("skipped").asLong()).isEqualTo(7);
    assertThat(report.get("lettersPdf").isNull()).isTrue();
    assertThat(line(report, 2).get("status").asString()).isEqualTo("WOULD_CREATE");
    assertThat(line(report, 2).get("openingBalances").get("COOPERATION").asString())
        .isEqualTo("20.00");
    assertThat(line(report, 4).get("status").asString())
        .as("a cashier of a merchant on an earlier line")
        .isEqualTo("WOULD_CREATE");
    JsonNode amount = line(report, 5).get("problems").get(0);
    assertThat(amount.get("code").asString()).isEqualTo("INVALID_AMOUNT");
    assertThat(amount.get("column").asString()).isEqualTo("sol_cooperation");
    assertThat(amount.get("message").asString()).contains("1,5.0").contains("montant invalide");
    assertThat(codes(line(report, 6))).containsExactly("UNKNOWN_ROLE");
    assertThat(codes(line(report, 7))).containsExactly("DUPLICATE_USERNAME");
    assertThat(codes(line(report, 8))).containsExactly("TOO_LONG");
    assertThat(codes(line(report, 9))).containsExactly("CONTROL_CHARACTER");
    assertThat(codes(line(report, 10))).containsExactly("UNKNOWN_CATEGORY");
    assertThat(codes(line(report, 11))).containsExactly("UNKNOWN_MERCHANT");
    assertThat(counts(network)).as("a dry run writes nothing").isEqualTo(before);

    // in English when asked
    JsonNode english =
        upload(coordinator, network, csv.getBytes(StandardCharsets.UTF_8), true, "en").json();
    assertThat(line(english, 5).get("problems").get(0).get("message").asString())
        .contains("invalid amount");
  }

  @Test
  void a_file_that_cannot_be_read_is_a_problem_and_imports_nothing() {
    Network network = network();
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    byte[] latin1 =
        "username;display_name;roles\nzoe;Zoé;MEMBER\n".getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Long> before = counts(network);
    var answer = upload(coordinator, network, latin1, false, "fr");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("IMPORT_FILE_INVALID");
    JsonNode problem = answer.json().get("problems").get(0);
    assertThat(problem.get("code").asString()).isEqualTo("ENCODING");
    assertThat(problem.get("line").asInt()).isEqualTo(2);
    assertThat(counts(network)).isEqualTo(before);
  }

  @Test
  void an_import_creates_once_posts_once_and_answers_the_letters_of_those_it_created()
      throws IOException {
    Network network = network();
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String s = "-" + network.id().value();
    String anna = "anna" + s;
    String fournil = "fournil" + s;
    String mairie = "mairie" + s;
    String csv =
        ("username,display_name,email,language,roles,trading_name,category,town,"
                + "sol_cooperation,sol_engagement,sol_affecte\n"
                + "anna{s},Anna Martin,anna@example.org,fr,MEMBER,,,,\"12,50\",3,\n"
                + "fournil{s},Le Fournil,,en,MERCHANT,Le Fournil,FOOD,Brest,100,,5\n"
                + "mairie{s},Mairie,,,FUNDER,,,,,,1000\n"
                + "bad{s},Bad,,,MEMBER,,,,\"1,5.0\",,\n")
            .replace("{s}", s);
    var first = upload(coordinator, network, csv, false);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.http().headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode report = first.json();
    assertThat(report.get("created").asLong()).isEqualTo(3);
    assertThat(report.get("skipped").asLong()).as("a line with a problem is skipped").isEqualTo(1);
    assertThat(report.get("balancesPosted").asInt()).isEqualTo(5);
    byte[] letters = Base64.getDecoder().decode(report.get("lettersPdf").asString());
    assertThat(pages(letters)).as("one letter per person created").isEqualTo(3);
    assertThat(text(letters)).contains("Anna Martin").contains(fournil).contains(mairie);

    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, anna, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(1250);
    assertThat(
            callers
                .account(network, OwnerKind.MERCHANT, fournil, StrandKind.AFFECTE)
                .balance()
                .posted())
        .isEqualTo(500);
    assertThat(
            callers
                .account(network, OwnerKind.FUNDER, mairie, StrandKind.AFFECTE)
                .balance()
                .posted())
        .isEqualTo(100000);
    assertThat(operations.directory().entry(network.id(), fournil)).isPresent();
    assertThat(
            count(
                "select count(*) from audit_event where action = 'PEOPLE_IMPORTED' and network_id = ?",
                network.id().value()))
        .isEqualTo(1);

    // again, then reordered: nothing new, no balance twice
    Map<String, Long> before = counts(network);
    JsonNode again = upload(coordinator, network, csv, false).json();
    assertThat(again.get("created").asLong()).isZero();
    assertThat(again.get("alreadyCreated").asLong()).isEqualTo(3);
    assertThat(again.get("balancesPosted").asInt()).isZero();
    assertThat(again.get("lettersPdf").isNull()).isTrue();
    String[] lines = csv.split("\n");
    List<String> body = new ArrayList<>(List.of(lines).subList(1, lines.length));
    Collections.reverse(body);
    JsonNode reordered =
        upload(coordinator, network, lines[0] + "\n" + String.join("\n", body) + "\n", false)
            .json();
    assertThat(reordered.get("created").asLong()).isZero();
    assertThat(reordered.get("balancesPosted").asInt()).isZero();
    Map<String, Long> after = counts(network);
    assertThat(after.get("transfer")).isEqualTo(before.get("transfer"));
    assertThat(after.get("app_user")).isEqualTo(before.get("app_user"));
    assertThat(after.get("account")).isEqualTo(before.get("account"));
    assertThat(
            callers
                .account(network, OwnerKind.MEMBER, anna, StrandKind.COOPERATION)
                .balance()
                .posted())
        .isEqualTo(1250);

    // another amount for a balance already posted: refused, never a second balance
    JsonNode changed =
        upload(
                coordinator,
                network,
                "username;display_name;roles;sol_cooperation\n" + anna + ";Anna;MEMBER;99\n",
                true)
            .json();
    assertThat(codes(line(changed, 2))).containsExactly("OPENING_BALANCE_DIFFERS");
  }

  @Test
  void two_identical_imports_at_once_create_and_post_once() throws Exception {
    Network network = network();
    String coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    String s = "-" + network.id().value();
    List<String> people = List.of("p1" + s, "p2" + s, "p3" + s, "p4" + s, "p5" + s, "p6" + s);
    String csv = file(people.toArray(String[]::new));
    callers.token(coordinator); // made once, before the two threads use it
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<JsonNode> run =
        () -> {
          start.await(30, TimeUnit.SECONDS);
          var answer = upload(coordinator, network, csv, false);
          assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
          return answer.json();
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<JsonNode> a = pool.submit(run);
      Future<JsonNode> b = pool.submit(run);
      JsonNode ra = a.get(120, TimeUnit.SECONDS);
      JsonNode rb = b.get(120, TimeUnit.SECONDS);
      assertThat(ra.get("created").asLong() + rb.get("created").asLong()).isEqualTo(6);
      int letters = 0;
      for (JsonNode r : List.of(ra, rb)) {
        if (!r.get("lettersPdf").isNull()) {
          letters += pages(Base64.getDecoder().decode(r.get("lettersPdf").asString()));
        }
      }
      assertThat(letters).as("each person's letter once").isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
    // whatever each run reported, the journal holds each opening balance once
    assertThat(
            count(
                "select count(*) from transfer where network_id = ? and idempotency_key like 'opening:%/sol'",
                network.id().value()))
        .isEqualTo(12);
    // a run after both completes what a losing run may have left (accounts opened late)
    upload(coordinator, network, csv, false);
    for (String p : people) {
      assertThat(
              callers
                  .account(network, OwnerKind.MEMBER, p, StrandKind.COOPERATION)
                  .balance()
                  .posted())
          .isEqualTo(1250);
      assertThat(
              count(
                  "select count(*) from account where network_id = ? and owner_ref = ?",
                  network.id().value(),
                  p))
          .as("accounts opened once")
          .isEqualTo(2);
    }
  }
}
