package coop.sol.web.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * How a CSV download is written for its reader: in French (the default), the form a French
 * spreadsheet opens without asking — {@code ;} between fields, a decimal comma, a UTF-8 byte-order
 * mark so that Excel reads the accents; in English, RFC 4180's {@code ,} and a decimal point, no
 * mark. Always UTF-8 and CRLF.
 *
 * @param delimiter between fields
 * @param decimalComma whether amounts are written {@code 12,50}
 * @param bom whether the file starts with U+FEFF
 */
public record SpreadsheetCsv(char delimiter, boolean decimalComma, boolean bom) {
  public static final SpreadsheetCsv FRENCH = new SpreadsheetCsv(';', true, true);
  public static final SpreadsheetCsv ENGLISH = new SpreadsheetCsv(',', false, false);

  /** The form for a reader of {@code locale}: English's for English, French's otherwise. */
  public static SpreadsheetCsv forLanguage(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : FRENCH;
  }

  /**
   * The form asked for, each part defaulting to the reader's language's.
   *
   * @param semicolon {@code true}/{@code false} to force the separator (and, in French, the decimal
   *     comma with it); null for the language's
   * @param bom to force the byte-order mark; null for the language's
   */
  public static SpreadsheetCsv of(Locale locale, Boolean semicolon, Boolean bom) {
    SpreadsheetCsv base = forLanguage(locale);
    boolean french = base == FRENCH;
    boolean semi = semicolon == null ? base.delimiter == ';' : semicolon;
    return new SpreadsheetCsv(semi ? ';' : ',', semi && french, bom == null ? base.bom : bom);
  }

  /**
   * An amount given as a decimal string with a point ({@code "-12.50"}) in this form's decimal
   * mark.
   */
  public String amount(String decimalWithPoint) {
    return decimalComma ? decimalWithPoint.replace('.', ',') : decimalWithPoint;
  }

  /** The file: a header, then the rows, as UTF-8 bytes. */
  public byte[] write(List<String> header, List<List<String>> rows) {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setHeader(header.toArray(String[]::new))
            .get();
    var out = new StringWriter();
    if (bom) {
      out.write('\ufeff');
    }
    try (var printer = new CSVPrinter(out, format)) {
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
