package coop.sol.ledger.peopleimport;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeopleCsvTest {
  private static final Network NETWORK =
      new Network(
          new NetworkId(7),
          "test",
          "Test",
          Map.of(
              StrandKind.COOPERATION, 2,
              StrandKind.ENGAGEMENT, 2,
              StrandKind.AFFECTE, 2,
              StrandKind.EURO, 2));

  private static final PeopleCsv CSV =
      new PeopleCsv(
          Map.of(
              "MEMBER", "MEMBER",
              "MERCHANT", "MERCHANT",
              "CASHIER", "CASHIER",
              "FUNDER", "FUNDER",
              "COORDINATOR", "COORDINATOR",
              "EXCHANGE_AGENT", "EXCHANGE_AGENT",
              "EXCHANGE_OFFICE", "EXCHANGE_AGENT"),
          Map.of(
              "MEMBER", OwnerKind.MEMBER,
              "MERCHANT", OwnerKind.MERCHANT,
              "FUNDER", OwnerKind.FUNDER,
              "EXCHANGE_AGENT", OwnerKind.EXCHANGE_OFFICE));

  private static ParsedImport parse(String text) {
    return CSV.parse(text.getBytes(StandardCharsets.UTF_8), NETWORK);
  }

  private static List<ImportProblem> codes(ParsedImport.Line line) {
    return line.problems().stream().map(LineProblem::code).toList();
  }

  @Test
  void a_semicolon_file_from_a_french_spreadsheet_with_a_byte_order_mark() {
    ParsedImport parsed =
        parse(
            "\uFEFFidentifiant;nom;rôles;courriel;langue;sol_coopération;sol_engagement\r\n"
                + "marie.dupont;Marie Dupont;MEMBER;marie@example.org;fr;20,50;\r\n"
                + "\r\n"
                + "boulangerie;\"Boulangerie; du port\";MERCHANT|MEMBER;;en;100;3.25\r\n");
    assertThat(parsed.fileProblems()).isEmpty();
    assertThat(parsed.lines()).hasSize(2);
    ImportLine marie = parsed.lines().get(0).person();
    assertThat(marie.line()).isEqualTo(2);
    assertThat(marie.balances())
        .containsExactly(
            new ImportLine.OpeningBalance(StrandKind.COOPERATION, OwnerKind.MEMBER, 2050));
    ImportLine bakery = parsed.lines().get(1).person();
    assertThat(bakery.line()).as("the empty line counts as a spreadsheet shows it").isEqualTo(4);
    assertThat(bakery.displayName()).isEqualTo("Boulangerie; du port");
    assertThat(bakery.roles()).containsExactly("MERCHANT", "MEMBER");
    assertThat(bakery.balances())
        .as("the first role holding an account in the strand")
        .containsExactly(
            new ImportLine.OpeningBalance(StrandKind.COOPERATION, OwnerKind.MERCHANT, 10000),
            new ImportLine.OpeningBalance(StrandKind.ENGAGEMENT, OwnerKind.MERCHANT, 325));
    assertThat(parsed.sha256()).hasSize(64);
  }

  @Test
  void a_comma_file_with_a_merchant_listing_and_a_cashier() {
    ParsedImport parsed =
        parse(
            "username,display_name,roles,merchant,trading_name,category,phone,website,opening_hours\n"
                + "epicerie,Épicerie,MERCHANT,,Épicerie du coin,FOOD|BIO,02 98 00 00 00,"
                + "https://epicerie.example,\"Mardi–samedi\n9 h–19 h\"\n"
                + "caisse1,Caissier,CASHIER,epicerie,,,,,\n");
    assertThat(parsed.fileProblems()).isEmpty();
    ImportLine shop = parsed.lines().get(0).person();
    assertThat(shop.listing().tradingName()).isEqualTo("Épicerie du coin");
    assertThat(shop.listing().openingHours()).isEqualTo("Mardi–samedi\n9 h–19 h");
    assertThat(shop.categories()).containsExactlyInAnyOrder("FOOD", "BIO");
    assertThat(parsed.lines().get(1).person().merchant()).isEqualTo("epicerie");
    assertThat(parsed.lines().get(1).line()).isEqualTo(4);
  }

  @Test
  void every_problem_of_every_line_with_its_line_and_column() {
    ParsedImport parsed =
        parse(
            "username;display_name;roles;sol_cooperation;sol_affecte;email\n"
                + "ok;Bien;MEMBER;1.50;;\n"
                + "montant;Montant;MEMBER;1,5.0;;\n"
                + "role;Rôle;MEMBER|KING;;;\n"
                + "ok;Encore;MEMBER;;;\n"
                + "long;"
                + "x".repeat(201)
                + ";MEMBER;;;\n"
                + "ctrl;Tab\there;MEMBER;;;\n"
                + "Pas Bon;Nom;MEMBER;;;pas-une-adresse\n"
                + "lots;Membre;MEMBER;;5;\n"
                + "court;Court;MEMBER\n"
                + "negatif;Négatif;MEMBER;-3;;\n"
                + "caissier;Caissier;CASHIER;;;\n");
    assertThat(parsed.fileProblems()).isEmpty();
    var lines = parsed.lines();
    assertThat(lines.get(0).valid()).isTrue();
    assertThat(lines.get(1).problems())
        .containsExactly(
            new LineProblem(
                3, "sol_cooperation", ImportProblem.INVALID_AMOUNT, List.of("1,5.0", "2")));
    assertThat(lines.get(2).problems())
        .containsExactly(new LineProblem(4, "roles", ImportProblem.UNKNOWN_ROLE, List.of("KING")));
    assertThat(lines.get(3).problems())
        .containsExactly(
            new LineProblem(5, "username", ImportProblem.DUPLICATE_USERNAME, List.of()));
    assertThat(lines.get(4).problems())
        .containsExactly(
            new LineProblem(6, "display_name", ImportProblem.TOO_LONG, List.of("200")));
    assertThat(codes(lines.get(5))).containsExactly(ImportProblem.CONTROL_CHARACTER);
    assertThat(codes(lines.get(6)))
        .containsExactly(ImportProblem.INVALID_USERNAME, ImportProblem.INVALID_EMAIL);
    assertThat(lines.get(6).username()).isEqualTo("Pas Bon");
    assertThat(codes(lines.get(7)))
        .as("a member's SOL Affecté are voucher lots, not an account")
        .containsExactly(ImportProblem.NO_ACCOUNT_IN_STRAND);
    assertThat(codes(lines.get(8))).containsExactly(ImportProblem.FIELD_COUNT);
    assertThat(codes(lines.get(9))).containsExactly(ImportProblem.INVALID_AMOUNT);
    assertThat(codes(lines.get(10))).containsExactly(ImportProblem.MERCHANT_REQUIRED);
    assertThat(lines.stream().filter(l -> !l.valid()).map(l -> l.person())).containsOnlyNulls();
  }

  @Test
  void a_file_that_cannot_be_read_says_why_and_yields_no_line() {
    byte[] latin1 =
        "username;display_name;roles\nzoe;Zoé;MEMBER\n".getBytes(StandardCharsets.ISO_8859_1);
    ParsedImport wrongEncoding = CSV.parse(latin1, NETWORK);
    assertThat(wrongEncoding.fileProblems())
        .containsExactly(new LineProblem(2, null, ImportProblem.ENCODING, List.of()));
    assertThat(wrongEncoding.lines()).isEmpty();

    assertThat(parse("username;roles\nzoe;MEMBER\n").fileProblems())
        .containsExactly(
            new LineProblem(1, "display_name", ImportProblem.MISSING_COLUMN, List.of()));
    assertThat(parse("username;display_name;roles;age\nzoe;Zoé;MEMBER;3\n").fileProblems())
        .containsExactly(new LineProblem(1, "age", ImportProblem.UNKNOWN_COLUMN, List.of()));
    assertThat(parse("username;display_name;roles\n").fileProblems())
        .extracting(LineProblem::code)
        .containsExactly(ImportProblem.EMPTY_FILE);
    assertThat(parse("").fileProblems())
        .extracting(LineProblem::code)
        .containsExactly(ImportProblem.EMPTY_FILE);
    assertThat(parse("username;display_name;roles\nzoe;\"Zoé;MEMBER\n").fileProblems())
        .extracting(LineProblem::code)
        .containsExactly(ImportProblem.MALFORMED_CSV);
    StringBuilder big = new StringBuilder("username;display_name;roles\n");
    for (int i = 0; i <= PeopleCsv.MAX_LINES; i++) {
      big.append("p").append(i).append(";P;MEMBER\n");
    }
    assertThat(parse(big.toString()).fileProblems())
        .extracting(LineProblem::code)
        .containsExactly(ImportProblem.TOO_MANY_LINES);
  }

  @Test
  void the_delimiter_is_the_one_the_header_has_more_of() {
    assertThat(PeopleCsv.delimiter("a;b;c\n1,2;3")).isEqualTo(';');
    assertThat(PeopleCsv.delimiter("a,b,\"c;d;e\"\n")).isEqualTo(',');
  }

  @Test
  void the_key_of_an_opening_balance_is_the_network_the_username_and_the_strand() {
    assertThat(OpeningBalances.key(new NetworkId(7), "marie", StrandKind.COOPERATION).value())
        .isEqualTo("opening:7:marie:cooperation");
  }
}
