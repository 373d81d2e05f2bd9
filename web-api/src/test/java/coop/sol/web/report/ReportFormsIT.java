package coop.sol.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The report as CSV and PDF, read back. */
@SolApplicationTest
class ReportFormsIT {
  private final Callers callers;
  private final ReportHttp http;
  private SmallJournal j;
  private String token;

  @Autowired
  ReportFormsIT(@LocalServerPort int port, ApplicationContext context) {
    this.callers = Callers.of(port, context);
    this.http = new ReportHttp(port);
  }

  @BeforeEach
  void aJournal() {
    j = new SmallJournal(callers);
    token = callers.token(j.coordinator);
  }

  private String monthly() {
    return "period=month&date=" + SmallJournal.month();
  }

  @Test
  void the_csv_reads_back_with_the_json_figures() throws IOException {
    // French (the default language): the French spreadsheet form unless asked otherwise
    String byDefault =
        new String(
            http.get("/api/v1/reports/circulation.csv?" + monthly(), token).body(),
            StandardCharsets.UTF_8);
    assertThat(byDefault).startsWith("\ufeffkey;section;figure;count;value;unit");
    assertThat(byKey(byDefault.substring(1), ';').get("payments.payments").get("value"))
        .isEqualTo("35,00");

    HttpResponse<byte[]> csv =
        http.get(
            "/api/v1/reports/circulation.csv?" + monthly() + "&separator=comma&bom=false", token);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains(".csv");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).doesNotStartWith("\ufeff");
    Map<String, CSVRecord> rows = byKey(text, ',');
    assertThat(rows.get("circulation.atEnd").get("value")).isEqualTo("100.00");
    assertThat(rows.get("circulation.atEnd").get("unit")).isEqualTo("SOL");
    assertThat(rows.get("circulation.atEnd").get("figure")).isEqualTo("Circulation à la fin");
    assertThat(rows.get("payments.payments").get("count")).isEqualTo("2");
    assertThat(rows.get("payments.payments").get("value")).isEqualTo("35.00");
    assertThat(rows.get("split.memberToMerchant").get("value")).isEqualTo("30.00");
    assertThat(rows.get("reserve.coverageAtEnd").get("value")).isEqualTo("0.0000");
    assertThat(rows.get("byCode.PAYMENT").get("value")).isEqualTo("35.00");
    assertThat(rows.get("payments.topByReceived.1").get("figure")).contains(j.merchant);

    // French spreadsheets: semicolons, decimal comma, byte-order mark
    HttpResponse<byte[]> french =
        http.get(
            "/api/v1/reports/circulation.csv?" + monthly() + "&separator=semicolon&bom=true",
            token);
    String frenchText = new String(french.body(), StandardCharsets.UTF_8);
    assertThat(frenchText).startsWith("\ufeffkey;section;figure;count;value;unit");
    Map<String, CSVRecord> fr = byKey(frenchText.substring(1), ';');
    assertThat(fr.get("payments.payments").get("value")).isEqualTo("35,00");
    assertThat(fr.get("reserve.coverageAtEnd").get("value")).isEqualTo("0,0000");

    // English labels, and decimal point even with semicolons
    HttpResponse<byte[]> english =
        http.get(
            "/api/v1/reports/circulation.csv?" + monthly() + "&separator=semicolon&lang=en", token);
    Map<String, CSVRecord> en = byKey(new String(english.body(), StandardCharsets.UTF_8), ';');
    assertThat(en.get("circulation.atEnd").get("figure")).isEqualTo("Circulation at end");
    assertThat(en.get("payments.payments").get("value")).isEqualTo("35.00");
    assertThat(http.get("/api/v1/reports/circulation.csv?separator=tab", token).statusCode())
        .isEqualTo(400);
  }

  private static Map<String, CSVRecord> byKey(String text, char separator) throws IOException {
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(separator)
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(text))
            .getRecords();
    Map<String, CSVRecord> byKey = new HashMap<>();
    for (CSVRecord r : records) {
      byKey.put(r.get("key"), r);
    }
    return byKey;
  }

  @Test
  void the_pdf_holds_the_figures_and_the_charts_in_french_or_english() throws IOException {
    HttpResponse<byte[]> pdf = http.get("/api/v1/reports/circulation.pdf?" + monthly(), token);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
    String text = text(pdf.body());
    assertThat(text).contains("Rapport de circulation");
    assertThat(text).contains(j.network.code());
    assertThat(text).contains("Circulation à la fin");
    assertThat(text).contains("100,00 SOL");
    assertThat(text).contains("35,00 SOL");
    assertThat(text).contains("Membres vers commerçants");
    assertThat(text).contains("Bonus à l'achat").doesNotContain("''");
    assertThat(images(pdf.body()))
        .as("the four charts (and their masks)")
        .isGreaterThanOrEqualTo(4);

    HttpResponse<byte[]> english =
        http.get(
            "/api/v1/reports/circulation.pdf?" + monthly(),
            token,
            "Accept-Language",
            "en-GB,en;q=0.9");
    String en = text(english.body());
    assertThat(en).contains("Circulation report");
    assertThat(en).contains("100.00 SOL");
    assertThat(en).contains("Members to merchants");
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

  private static int images(byte[] pdf) throws IOException {
    var reader = new PdfReader(pdf);
    try {
      int images = 0;
      for (int i = 0; i < reader.getXrefSize(); i++) {
        var object = reader.getPdfObject(i);
        if (object instanceof com.lowagie.text.pdf.PdfStream stream
            && com.lowagie.text.pdf.PdfName.IMAGE.equals(
                stream.get(com.lowagie.text.pdf.PdfName.SUBTYPE))) {
          images++;
        }
      }
      return images;
    } finally {
      reader.close();
    }
  }
}
