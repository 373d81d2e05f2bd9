package coop.sol.web.page.merchant;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A till's closing report for a day ({@link TillDayViews.Day}): as CSV, one sale a row then the
 * totals, in the French spreadsheet form ({@code ;}, decimal comma, byte-order mark) for a French
 * reader and plain RFC 4180 for others; and as a printable A4 PDF (OpenPDF).
 */
@Component
class TillClosing {
  private final MessageSource messages;

  TillClosing(MessageSource messages) {
    this.messages = messages;
  }

  byte[] csv(TillDayViews.Day day, Locale locale) {
    boolean french = "fr".equals(locale.getLanguage());
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(french ? ';' : ',')
            .setHeader(
                text("tillday.csv.date", locale),
                text("tillday.csv.time", locale),
                text("tillday.csv.transfer", locale),
                text("tillday.csv.kind", locale),
                text("tillday.csv.takenBy", locale),
                text("tillday.csv.payer", locale),
                text("tillday.csv.reference", locale),
                text("tillday.csv.amount", locale),
                text("tillday.csv.refunded", locale),
                text("tillday.csv.net", locale))
            .get();
    var out = new StringWriter();
    if (french) {
      out.write('\ufeff');
    }
    // the page's amounts are already in the reader's form (decimal comma in French): CSV wants
    // no other grouping than the spreadsheet's, and these have none
    try (var printer = new CSVPrinter(out, format)) {
      for (TillDayViews.Line line : day.lines()) {
        printer.printRecord(
            day.date(),
            line.time(),
            line.transferId(),
            text("tillday.kind." + line.kind(), locale),
            line.takenBy(),
            line.payer(),
            line.reference(),
            line.amount(),
            line.refunded(),
            line.net());
      }
      for (TillDayViews.Total total : day.byPerson()) {
        printer.printRecord(
            day.date(),
            "",
            "",
            text("tillday.csv.totalOf", locale, total.count()),
            total.name(),
            "",
            "",
            total.amount(),
            total.refunded(),
            total.net());
      }
      TillDayViews.Total total = day.total();
      printer.printRecord(
          day.date(),
          "",
          "",
          text("tillday.csv.total", locale, total.count()),
          day.shop() ? "" : day.takenByName(),
          "",
          "",
          total.amount(),
          total.refunded(),
          total.net());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  byte[] pdf(TillDayViews.Day day, Locale locale) {
    Font title = font(FontFactory.HELVETICA_BOLD, 16);
    Font bold = font(FontFactory.HELVETICA_BOLD, 9);
    Font body = font(FontFactory.HELVETICA, 9);
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A4, 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(doc, out);
      String heading = text("tillday.closing.title", locale);
      doc.addTitle(heading + " " + day.date());
      doc.addCreator("SOL");
      doc.open();
      doc.add(new Paragraph(heading, title));
      doc.add(new Paragraph(day.account().name() + " — " + day.dateText(), bold));
      doc.add(
          new Paragraph(
              day.shop()
                  ? text("tillday.closing.shop", locale)
                  : text("tillday.closing.of", locale, day.takenByName()),
              body));
      doc.add(new Paragraph(" ", body));
      PdfPTable totals = new PdfPTable(new float[] {4, 1, 2, 2, 2});
      totals.setWidthPercentage(100);
      for (String key :
          new String[] {
            "tillday.takenBy", "tillday.count", "tillday.amount", "tillday.refunded", "tillday.net"
          }) {
        totals.addCell(cell(text(key, locale), bold));
      }
      for (TillDayViews.Total t : day.byPerson()) {
        totalRow(totals, t.name(), t, body);
      }
      totalRow(totals, text("tillday.total", locale), day.total(), bold);
      doc.add(totals);
      doc.add(new Paragraph(" ", body));
      PdfPTable sales = new PdfPTable(new float[] {1.2f, 1.5f, 3, 3, 2, 2, 2});
      sales.setWidthPercentage(100);
      for (String key :
          new String[] {
            "tillday.time",
            "tillday.number",
            "tillday.takenBy",
            "tillday.payer",
            "tillday.amount",
            "tillday.refunded",
            "tillday.net"
          }) {
        sales.addCell(cell(text(key, locale), bold));
      }
      for (TillDayViews.Line line : day.lines()) {
        sales.addCell(cell(line.time(), body));
        sales.addCell(cell(Long.toString(line.transferId()), body));
        sales.addCell(cell(line.takenBy(), body));
        sales.addCell(cell(line.payer(), body));
        sales.addCell(amount(line.amount(), body));
        sales.addCell(amount(line.refunded(), body));
        sales.addCell(amount(line.net(), body));
      }
      doc.add(sales);
      if (day.lines().isEmpty()) {
        doc.add(new Paragraph(text("tillday.empty", locale), body));
      }
      doc.close();
    } catch (DocumentException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void totalRow(PdfPTable table, String name, TillDayViews.Total t, Font font) {
    table.addCell(cell(name, font));
    table.addCell(amount(Integer.toString(t.count()), font));
    table.addCell(amount(t.amount(), font));
    table.addCell(amount(t.refunded(), font));
    table.addCell(amount(t.net(), font));
  }

  private static PdfPCell cell(String text, Font font) {
    PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
    cell.setPadding(3);
    return cell;
  }

  private static PdfPCell amount(String text, Font font) {
    PdfPCell cell = cell(text, font);
    cell.setHorizontalAlignment(PdfPCell.ALIGN_RIGHT);
    return cell;
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
