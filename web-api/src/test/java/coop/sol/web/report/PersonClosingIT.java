package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.NetworkKey;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.audit.ExportVerifier;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.lifecycle.PeopleClosing;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closing a person replaces what identifies them by a pseudonym and stops their logins, while the
 * journal and its hash chains verify as before (the journal verifier behind {@code
 * --verify-journal}, and the audit export checked offline) and the circulation report keeps every
 * figure.
 */
@SolApplicationTest
class PersonClosingIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Callers callers;
  private final ApplicationContext context;
  private final ReportHttp http;
  private SmallJournal j;
  private String coordinator2;

  @Autowired
  PersonClosingIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.http = new ReportHttp(port);
  }

  @BeforeEach
  void aJournal() {
    j = new SmallJournal(callers);
    coordinator2 = callers.newUser("coordb", Role.COORDINATOR, j.network, null);
  }

  @Test
  void a_closed_person_is_a_pseudonym_and_the_journal_and_reports_are_unchanged(@TempDir Path dir)
      throws IOException {
    Account member = callers.account(j.network, OwnerKind.MEMBER, j.member, StrandKind.COOPERATION);
    String token = callers.token(j.member);
    String closing =
        "/api/v1/networks/" + j.network.id().value() + "/people/" + j.member + "/close";

    Api.Response notEmpty =
        callers.as(j.coordinator).post(closing, Api.json("reason", "Départ")).send();
    assertThat(notEmpty.status()).as(notEmpty.toString()).isEqualTo(409);
    assertThat(notEmpty.code()).isEqualTo("ACCOUNT_NOT_EMPTY");

    // the closing transfer, under dual control: her 70.00 to the merchant she chose
    Api.Response proposed =
        callers
            .as(j.coordinator)
            .post(
                "/api/v1/corrections",
                Api.json(
                    "strand",
                    "COOPERATION",
                    "debitAccountId",
                    member.id().value(),
                    "creditAccountId",
                    callers
                        .account(j.network, OwnerKind.MERCHANT, j.merchant, StrandKind.COOPERATION)
                        .id()
                        .value(),
                    "amount",
                    "70.00",
                    "reason",
                    "Clôture du compte de l'adhérente"))
            .send();
    assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
    Api.Response approved =
        callers
            .as(coordinator2)
            .post("/api/v1/corrections/" + proposed.json().get("id").asLong() + "/approve", null)
            .send();
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

    JsonNode reportBefore = report();
    assertThat(callers.ledger().verifier().verify(j.network.id()).valid()).isTrue();

    Api.Response closed =
        callers.as(j.coordinator).post(closing, Api.json("reason", "Départ")).send();
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

    // what identified her is gone; her login and her token no longer open anything
    AppUser after = context.getBean(Users.class).find(j.member).orElseThrow();
    assertThat(after.displayName()).isEqualTo(PeopleClosing.pseudonym(after.id()));
    assertThat(after.enabled()).isFalse();
    Account closedAccount = callers.ledger().accounts().find(j.network.id(), member.id()).get();
    assertThat(closedAccount.status()).isEqualTo(AccountStatus.CLOSED);
    assertThat(closedAccount.name()).isEqualTo(PeopleClosing.pseudonym(after.id()));
    assertThat(callers.api().as(token).get("/api/v1/me").send().status()).isEqualTo(401);
    assertThat(
            callers
                .api()
                .anonymous()
                .post(
                    "/api/v1/auth/tokens",
                    Api.json(
                        "username",
                        j.member,
                        "password",
                        callers.password(j.member),
                        "name",
                        "x",
                        "scopes",
                        java.util.List.of("read")))
                .send()
                .status())
        .isEqualTo(401);

    // the journal verifies, the export verifies offline, the report's figures are the same
    var verified = callers.ledger().verifier().verify(j.network.id());
    assertThat(verified.firstDiscrepancy()).isEmpty();
    assertThat(verified.valid()).isTrue();
    assertThat(report()).isEqualTo(reportBefore);
    assertThat(
            callers
                .as(j.coordinator)
                .post("/api/v1/reports/checkpoints?network=" + j.network.code(), "")
                .send()
                .status())
        .isEqualTo(201);
    Path file = dir.resolve("export.zip");
    Files.write(file, http.get("/api/v1/reports/export.zip", callers.token(j.coordinator)).body());
    String publicKey =
        callers
            .as(j.coordinator)
            .get("/api/v1/reports/checkpoints")
            .send()
            .json()
            .get("keys")
            .get(0)
            .get("publicKey")
            .asString();
    var result = new ExportVerifier(Set.of(NetworkKey.fromBase64Url(publicKey))).verify(file);
    assertThat(result.firstDiscrepancy()).isEmpty();
    assertThat(result.valid()).isTrue();
    assertThat(Files.readAllBytes(file).length).isPositive();

    assertThat(
            callers
                .as(j.coordinator)
                .get("/api/v1/audit")
                .send()
                .json()
                .get("items")
                .findValuesAsString("action"))
        .contains("PERSON_CLOSED");
  }

  @Test
  void a_closed_merchants_listing_is_a_pseudonym_and_leaves_the_directory() throws Exception {
    String shop = callers.newUser("echoppe", Role.MERCHANT, j.network, null);
    Account till = callers.account(j.network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION);
    Api.Response listed =
        callers
            .as(j.coordinator)
            .put(
                "/api/v1/merchants/" + till.id().value() + "/profile",
                Api.json(
                    "tradingName",
                    "Échoppe de Lucie",
                    "address",
                    "3 rue Vauban",
                    "town",
                    "Brest",
                    "phone",
                    "02 98 00 00 01",
                    "website",
                    "https://echoppe.example"))
            .send();
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(directory()).contains("Échoppe de Lucie");

    Api.Response closed =
        callers
            .as(j.coordinator)
            .post(
                "/api/v1/networks/" + j.network.id().value() + "/people/" + shop + "/close",
                Api.json("reason", "Fermeture de la boutique"))
            .send();
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

    // the directory no longer shows it, and what it said is gone from the listing itself
    assertThat(directory()).doesNotContain("Échoppe de Lucie", shop);
    long id = context.getBean(Users.class).find(shop).orElseThrow().id();
    assertThat(
            context
                .getBean(coop.sol.web.directory.Directory.class)
                .merchants()
                .entry(j.network.id(), shop))
        .isEmpty();
    try (var connection = context.getBean(javax.sql.DataSource.class).getConnection();
        var query =
            connection.prepareStatement(
                "SELECT trading_name, address || town || phone || website || description"
                    + " FROM merchant_profile WHERE network_id = ? AND merchant_ref = ?")) {
      query.setLong(1, j.network.id().value());
      query.setString(2, shop);
      try (var row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo(PeopleClosing.pseudonym(id));
        assertThat(row.getString(2)).isEmpty();
      }
    }
    assertThat(callers.ledger().verifier().verify(j.network.id()).valid()).isTrue();
  }

  private String directory() {
    Api.Response r =
        callers.as(j.coordinator).get("/api/v1/directory?network=" + j.network.code()).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body();
  }

  @Test
  void a_person_of_another_network_is_not_found_there() {
    var other = callers.newNetwork("ailleurs");
    String stranger = callers.newUser("loin", Role.MEMBER, other, null);
    Api.Response response =
        callers
            .as(j.coordinator)
            .post(
                "/api/v1/networks/" + j.network.id().value() + "/people/" + stranger + "/close",
                Api.json("reason", "x"))
            .send();
    assertThat(response.status()).isEqualTo(404);
    assertThat(context.getBean(Users.class).find(stranger).orElseThrow().enabled()).isTrue();
  }

  /** The month's circulation report as the network signs it, less the instant it was computed. */
  private JsonNode report() {
    Api.Response r =
        callers
            .as(j.coordinator)
            .get("/api/v1/reports/circulation/signed?period=month&date=" + SmallJournal.month())
            .send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    ObjectNode report = (ObjectNode) JSON.readTree(r.json().get("report").asString());
    report.remove("asOf");
    return report;
  }
}
