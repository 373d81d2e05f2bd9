package coop.sol.web.receipt;

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
import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A receipt as a one-page PDF (OpenPDF, A6), in French or English. */
@Component
public class ReceiptPdf {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final MessageSource messages;

  ReceiptPdf(MessageSource messages) {
    this.messages = messages;
  }

  /** The date and time of a receipt in the reader's language (Europe/Paris). */
  public static String when(Receipt r, Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale)
        .format(r.at().atZone(PARIS));
  }

  byte[] write(Receipt r, Locale locale) {
    Font title = font(FontFactory.HELVETICA_BOLD, 14);
    Font big = font(FontFactory.HELVETICA_BOLD, 16);
    Font body = font(FontFactory.HELVETICA, 9);
    Font bold = font(FontFactory.HELVETICA_BOLD, 9);
    Font small = font(FontFactory.HELVETICA, 7);
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A6, 24, 24, 28, 28);
    try {
      PdfWriter.getInstance(doc, out);
      String heading = text("receipt.title", locale);
      doc.addTitle(heading + " " + r.transferId());
      doc.addCreator("SOL");
      doc.open();
      doc.add(new Paragraph(r.networkName(), bold));
      doc.add(new Paragraph(heading, title));
      Paragraph amount =
          new Paragraph(
              Receipts.localized(r.amount(), locale)
                  + " "
                  + text("strand." + r.strand().name(), locale),
              big);
      amount.setSpacingBefore(6);
      amount.setSpacingAfter(6);
      doc.add(amount);
      PdfPTable table = new PdfPTable(new float[] {2, 3});
      table.setWidthPercentage(100);
      row(table, text("receipt.operation", locale), operation(r, locale), bold, body);
      row(table, text("receipt.payer", locale), r.payer(), bold, body);
      row(table, text("receipt.payee", locale), r.payee(), bold, body);
      row(table, text("receipt.date", locale), when(r, locale), bold, body);
      row(table, text("receipt.number", locale), Long.toString(r.transferId()), bold, body);
      if (r.purchase() != null) {
        row(
            table,
            text("receipt.purchase.euros", locale),
            Receipts.localized(r.purchase().euros(), locale) + " EUR",
            bold,
            body);
        row(
            table,
            text("receipt.purchase.sol", locale),
            Receipts.localized(r.purchase().sol(), locale) + " SOL",
            bold,
            body);
        row(
            table,
            text("receipt.purchase.bonus", locale),
            Receipts.localized(r.purchase().bonus(), locale) + " SOL",
            bold,
            body);
        row(
            table,
            text("receipt.purchase.total", locale),
            Receipts.localized(r.purchase().total(), locale) + " SOL",
            bold,
            body);
      }
      if (r.reference() != null) {
        row(table, text("receipt.reference", locale), r.reference(), bold, body);
      }
      if (r.memo() != null) {
        row(table, text("receipt.memo", locale), r.memo(), bold, body);
      }
      doc.add(table);
      Paragraph foot = new Paragraph(text("receipt.fingerprint", locale, r.fingerprint()), small);
      foot.setSpacingBefore(8);
      doc.add(foot);
    } catch (DocumentException e) {
      throw new IllegalStateException("the receipt's PDF could not be written", e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  /** What the transfer was; only a voucher's message takes an argument (its label). */
  private String operation(Receipt r, Locale locale) {
    return r.operationArgument().isEmpty()
        ? text(r.operationKey(), locale)
        : text(r.operationKey(), locale, r.operationArgument());
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static void row(PdfPTable table, String label, String value, Font bold, Font body) {
    table.addCell(cell(label, bold));
    table.addCell(cell(value, body));
  }

  private static PdfPCell cell(String text, Font font) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setBorder(Rectangle.BOTTOM);
    cell.setHorizontalAlignment(Element.ALIGN_LEFT);
    cell.setPadding(3);
    return cell;
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
