package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.MovableClock;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A member's monthly statement (relevé): opening balance, each operation in words, closing balance,
 * as PDF and CSV (the French spreadsheet form in French, RFC 4180 in English); linked from the
 * history page; nobody else's account.
 */
@SolApplicationTest
class StatementIT {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final int port;
  private final Callers callers;
  private final MovableClock clock;

  @Autowired
  StatementIT(@LocalServerPort int port, ApplicationContext context, MovableClock clock) {
    this.port = port;
    this.callers = Callers.of(port, context);
    this.clock = clock;
  }

  @AfterEach
  void backToNow() {
    clock.reset();
  }

  @Test
  void a_month_opens_with_what_the_last_one_closed_and_lists_each_operation_in_words()
      throws IOException {
    Network network = callers.newNetwork("releve");
    String member = callers.newUser("membre", Role.MEMBER, network, "100.00");
    String baker = callers.newUser("boulanger", Role.MERCHANT, network, null);
    Account account = callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION);
    Account bakery = callers.account(network, OwnerKind.MERCHANT, baker, StrandKind.COOPERATION);
    YearMonth first = YearMonth.now(clock.withZone(PARIS));
    clock.advance(Duration.ofDays(40));
    YearMonth second = YearMonth.now(clock.withZone(PARIS));
    assertThat(
            callers
                .as(member)
                .post(
                    "/api/v1/transfers",
                    Api.json(
                        "debitAccountId",
                        account.id().value(),
                        "creditAccountId",
                        bakery.id().value(),
                        "amount",
                        "12.50",
                        "reference",
                        "Pain du dimanche"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send()
                .status())
        .isEqualTo(201);
    String base = "/api/v1/accounts/" + account.id().value() + "/statement";

    Api.Response french = callers.as(member).get(base + ".csv?month=" + second).send();
    assertThat(french.status()).isEqualTo(200);
    assertThat(french.header("Content-Type")).startsWith("text/csv");
    assertThat(french.body()).startsWith("\ufeffdate;transfer;operation;counterpart;reference;");
    assertThat(french.body()).contains(";Solde au début du mois;;;;100,00");
    assertThat(french.body()).contains(";" + baker + ";Pain du dimanche;-12,50;87,50");
    assertThat(french.body()).contains(";Solde à la fin du mois;;;;87,50");

    Api.Response english =
        callers.as(member).get(base + ".csv?month=" + second + "&lang=en").send();
    assertThat(english.body()).startsWith("date,transfer,operation,counterpart,reference,");
    assertThat(english.body()).contains(",Balance at the start of the month,,,,100.00");
    assertThat(english.body()).contains("," + baker + ",Pain du dimanche,-12.50,87.50");

    Api.Response before = callers.as(member).get(base + ".csv?month=" + first).send();
    assertThat(before.body()).contains(";Solde au début du mois;;;;0,00");
    assertThat(before.body()).contains(";100,00;100,00");
    assertThat(before.body()).contains(";Solde à la fin du mois;;;;100,00");

    PageSession session = PageSession.logIn(port, callers, member, false);
    String history = session.get("/member/history?account=" + account.id().value()).body();
    assertThat(history).contains("data-statement");
    assertThat(history).contains(base + ".pdf").contains(base + ".csv");
    HttpResponse<byte[]> pdf = session.getBytes(base + ".pdf?month=" + second);
    assertThat(pdf.statusCode()).isEqualTo(200);
    String text = text(pdf.body());
    assertThat(text).contains("Relevé de compte");
    assertThat(text).contains("Solde au début du mois : 100,00 SOL");
    assertThat(text).contains("Pain du dimanche").contains(baker).contains("-12,50");
    assertThat(text).contains("Solde à la fin du mois : 87,50 SOL");
  }

  @Test
  void nobody_else_reads_a_statement_and_a_month_is_checked() {
    Network network = callers.newNetwork("releve-acces");
    String member = callers.newUser("membre", Role.MEMBER, network, "10.00");
    String other = callers.newUser("autre", Role.MEMBER, network, null);
    Account account = callers.account(network, OwnerKind.MEMBER, member, StrandKind.COOPERATION);
    String base = "/api/v1/accounts/" + account.id().value() + "/statement";
    YearMonth now = YearMonth.now(clock.withZone(PARIS));

    assertThat(callers.as(other).get(base + ".pdf?month=" + now).send().status()).isEqualTo(404);
    assertThat(callers.as(other).get(base + ".csv?month=" + now).send().status()).isEqualTo(404);
    Api.Response bad = callers.as(member).get(base + ".csv?month=2026-13").send();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("INVALID_PERIOD");
    assertThat(callers.as(member).get(base + ".csv?month=" + now.plusMonths(2)).send().status())
        .isEqualTo(400);
  }

  private static String text(byte[] pdf) throws IOException {
    var reader = new PdfReader(pdf);
    try {
      var extractor = new PdfTextExtractor(reader);
      var all = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        all.append(extractor.getTextFromPage(page)).append('\n');
      }
      return all.toString();
    } finally {
      reader.close();
    }
  }
}
