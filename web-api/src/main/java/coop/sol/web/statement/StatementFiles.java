package coop.sol.web.statement;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import coop.sol.ledger.money.Decimals;
import coop.sol.web.csv.SpreadsheetCsv;
import coop.sol.web.page.Amounts;
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A statement as a PDF (OpenPDF, A4) and as CSV ({@link SpreadsheetCsv}), French or English. */
@Component
class StatementFiles {
  private final MessageSource messages;

  StatementFiles(MessageSource messages) {
    this.messages = messages;
  }

  /** "novembre 2026", "November 2026". */
  static String monthName(Statement s, Locale locale) {
    return s.month().getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale)
        + " "
        + s.month().getYear();
  }

  byte[] pdf(Statement s, ZoneId zone, Locale locale) {
    Font title = font(FontFactory.HELVETICA_BOLD, 14);
    Font body = font(FontFactory.HELVETICA, 9);
    Font bold = font(FontFactory.HELVETICA_BOLD, 9);
    DateTimeFormatter dates =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A4, 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(doc, out);
      String heading = text("statement.title", locale, monthName(s, locale));
      doc.addTitle(heading);
      doc.addCreator("SOL");
      doc.open();
      doc.add(new Paragraph(s.networkName(), bold));
      doc.add(new Paragraph(heading, title));
      doc.add(
          new Paragraph(
              text(
                  "statement.account",
                  locale,
                  s.accountName(),
                  text("strand." + s.strand().name(), locale),
                  Long.toString(s.accountId())),
              body));
      Paragraph opening =
          new Paragraph(text("statement.opening", locale, amount(s, s.opening(), locale)), bold);
      opening.setSpacingBefore(8);
      opening.setSpacingAfter(6);
      doc.add(opening);
      PdfPTable table = new PdfPTable(new float[] {2.2f, 4, 3.5f, 2.3f});
      table.setWidthPercentage(100);
      table.setHeaderRows(1);
      for (String key :
          List.of("statement.date", "statement.operation", "statement.with", "statement.amount")) {
        table.addCell(cell(text(key, locale), bold, Element.ALIGN_LEFT));
      }
      for (Statement.Line line : s.lines()) {
        table.addCell(cell(dates.format(line.at()), body, Element.ALIGN_LEFT));
        String what = operation(line, locale);
        if (line.reference() != null) {
          what = what + " — " + line.reference();
        }
        table.addCell(cell(what, body, Element.ALIGN_LEFT));
        table.addCell(cell(line.counterpart(), body, Element.ALIGN_LEFT));
        table.addCell(cell(signed(s, line.amount(), locale), body, Element.ALIGN_RIGHT));
      }
      if (s.lines().isEmpty()) {
        PdfPCell none = cell(text("statement.none", locale), body, Element.ALIGN_LEFT);
        none.setColspan(4);
        table.addCell(none);
      }
      doc.add(table);
      Paragraph totals =
          new Paragraph(
              text(
                  "statement.totals",
                  locale,
                  amount(s, s.credits(), locale),
                  amount(s, s.debits(), locale)),
              body);
      totals.setSpacingBefore(6);
      doc.add(totals);
      doc.add(
          new Paragraph(text("statement.closing", locale, amount(s, s.closing(), locale)), bold));
    } catch (DocumentException e) {
      throw new IllegalStateException("the statement's PDF could not be written", e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  /**
   * One row per operation, between an opening and a closing row: {@code date} (ISO 8601, the
   * network's time zone), {@code transfer}, {@code operation}, {@code counterpart}, {@code
   * reference}, {@code amount} (signed), {@code balance} (after the row).
   */
  byte[] csv(Statement s, ZoneId zone, Locale locale, SpreadsheetCsv form) {
    List<List<String>> rows = new ArrayList<>();
    String first = s.month().atDay(1).toString();
    rows.add(
        List.of(
            first,
            "",
            text("statement.csv.opening", locale),
            "",
            "",
            "",
            form.amount(Decimals.format(s.opening(), s.scale()))));
    long balance = s.opening();
    for (Statement.Line line : s.lines()) {
      balance = Math.addExact(balance, line.amount());
      rows.add(
          List.of(
              line.at().atZone(zone).toOffsetDateTime().toString(),
              Long.toString(line.transferId()),
              operation(line, locale),
              line.counterpart(),
              line.reference() == null ? "" : line.reference(),
              form.amount(Decimals.format(line.amount(), s.scale())),
              form.amount(Decimals.format(balance, s.scale()))));
    }
    rows.add(
        List.of(
            s.month().atEndOfMonth().toString(),
            "",
            text("statement.csv.closing", locale),
            "",
            "",
            "",
            form.amount(Decimals.format(s.closing(), s.scale()))));
    return form.write(
        List.of("date", "transfer", "operation", "counterpart", "reference", "amount", "balance"),
        rows);
  }

  private String operation(Statement.Line line, Locale locale) {
    return line.operationArgument().isEmpty()
        ? text(line.operationKey(), locale)
        : text(line.operationKey(), locale, line.operationArgument());
  }

  private static String amount(Statement s, long minor, Locale locale) {
    return Amounts.format(minor, s.scale(), locale) + " SOL";
  }

  private static String signed(Statement s, long minor, Locale locale) {
    return (minor > 0 ? "+" : "") + Amounts.format(minor, s.scale(), locale);
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static PdfPCell cell(String text, Font font, int align) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setBorder(Rectangle.BOTTOM);
    cell.setHorizontalAlignment(align);
    cell.setPadding(3);
    return cell;
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
