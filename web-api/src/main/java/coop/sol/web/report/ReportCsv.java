package coop.sol.web.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as CSV (RFC 4180, UTF-8, CRLF), one figure a row: {@code key} (stable, for scripts),
 * {@code section}, {@code figure} (labels in the report's language), {@code count}, {@code value},
 * {@code unit}. With {@code separator=semicolon} the separator is {@code ;} and, in French, the
 * decimal mark a comma, as a French spreadsheet expects; {@code bom=true} starts the file with a
 * UTF-8 byte-order mark so that Excel reads it as UTF-8.
 */
final class ReportCsv {
  static final String[] HEADER = {"key", "section", "figure", "count", "value", "unit"};

  private ReportCsv() {}

  static byte[] write(
      ReportService.Computed computed, ReportMessages.Texts t, boolean semicolon, boolean bom) {
    boolean decimalComma = semicolon && t.french();
    CSVFormat format =
        CSVFormat.RFC4180.builder().setDelimiter(semicolon ? ';' : ',').setHeader(HEADER).get();
    var out = new StringWriter();
    if (bom) {
      out.write('\ufeff');
    }
    try (var printer = new CSVPrinter(out, format)) {
      for (ReportRows row : ReportRows.of(computed)) {
        printer.printRecord(
            row.key(),
            t.get(row.section()),
            row.label(t),
            row.count() == null ? "" : Long.toString(row.count()),
            row.value(decimalComma),
            row.unit());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
