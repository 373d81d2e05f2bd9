package coop.sol.web.personal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A person downloads their own data — profile, roles, accounts, every transfer — as JSON and as
 * CSV, and nothing of anyone else's.
 */
@SolApplicationTest
class PersonalDataIT {
  private final Callers callers;

  @Autowired
  PersonalDataIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_member_takes_her_profile_accounts_and_history_away() throws Exception {
    Network network = callers.newNetwork("donnees");
    String member = callers.newUser("lea", Role.MEMBER, network, "20.00");
    String shop = callers.newUser("epicerie", Role.MERCHANT, network, "5.00");
    long from =
        callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION).id().value();
    long to =
        callers.account(network, OwnerKind.MERCHANT, shop, StrandKind.COOPERATION).id().value();
    Api.Response paid =
        callers
            .as(member)
            .post(
                "/api/v1/transfers",
                Api.json(
                    "debitAccountId",
                    from,
                    "creditAccountId",
                    to,
                    "amount",
                    "2.50",
                    "memo",
                    "Pain"))
            .header("Idempotency-Key", "pain")
            .send();
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);

    Api.Response json = callers.as(member).get("/api/v1/me/data.json").send();
    assertThat(json.status()).as(json.toString()).isEqualTo(200);
    assertThat(json.header("Content-Disposition")).contains("attachment", "sol-mes-donnees.json");
    JsonNode data = json.json();
    assertThat(data.get("profile").get("username").asString()).isEqualTo(member);
    assertThat(data.get("profile").get("roles").get(0).get("network").asString())
        .isEqualTo(network.code());
    assertThat(data.get("accounts").size()).isEqualTo(1);
    JsonNode account = data.get("accounts").get(0);
    assertThat(account.get("account").get("id").asLong()).isEqualTo(from);
    assertThat(account.get("account").get("balance").get("posted").asString()).isEqualTo("17.50");
    // the funding, then the payment; newest first
    assertThat(account.get("transfers").size()).isEqualTo(2);
    assertThat(account.get("transfers").get(0).get("memo").asString()).isEqualTo("Pain");
    assertThat(json.body()).doesNotContain("\"" + shop + "\"");

    // French by default: the French spreadsheet form (;, decimal comma, byte-order mark)
    Api.Response french = callers.as(member).get("/api/v1/me/data.csv").send();
    assertThat(french.body()).startsWith("\ufeffrecord;");
    assertThat(french.body()).contains(";2,50;");

    Api.Response csv = callers.as(member).get("/api/v1/me/data.csv?lang=en").send();
    assertThat(csv.body()).doesNotStartWith("\ufeff");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv.body()))
            .getRecords();
    assertThat(rows.stream().map(r -> r.get("record")))
        .containsExactly(
            "profile", "profile", "profile", "role", "account", "transfer", "transfer");
    assertThat(rows.get(0).get("value")).isEqualTo(member);
    CSVRecord payment = rows.get(5);
    assertThat(payment.get("direction")).isEqualTo("out");
    assertThat(payment.get("amount")).isEqualTo("2.50");
    assertThat(payment.get("counterparty_account_id")).isEqualTo(Long.toString(to));
    assertThat(payment.get("memo")).isEqualTo("Pain");

    // the shop's own data holds the payment from its side, and none of the member's accounts
    JsonNode shops = callers.as(shop).get("/api/v1/me/data.json").send().json();
    assertThat(shops.get("accounts").get(0).get("account").get("id").asLong()).isEqualTo(to);
    assertThat(shops.get("accounts").size()).isEqualTo(1);
  }
}
