package coop.sol.web.card;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import coop.sol.ledger.card.CardNumbers;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The printable member card (OpenPDF), at ID-1 size (ISO/IEC 7810: 85.6 × 54 mm, a bank card's):
 * the network's name, the holder's name, the card number in groups of four and the QR code of the
 * card's signed payload. The large-print variant puts the name and number in large type on the
 * front and the QR code, larger, on the back.
 */
final class CardPdf {
  /** 85.6 mm and 54 mm in PDF points (1/72 inch). */
  static final float WIDTH = 85.6f / 25.4f * 72f;

  static final float HEIGHT = 54f / 25.4f * 72f;

  private CardPdf() {}

  /**
   * @param code the card's signed payload, as its QR code holds it
   */
  static byte[] render(
      String networkName, String holderName, String number, String code, boolean largePrint) {
    var page = new Rectangle(WIDTH, HEIGHT);
    var doc = new Document(page, 10, 10, 8, 8);
    var out = new ByteArrayOutputStream();
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle("Carte SOL " + CardNumbers.grouped(number));
      doc.open();
      Image qr = Image.getInstance(PngRenderer.png(QrSymbol.encode(code), Caption.none(), 8));
      if (largePrint) {
        doc.add(line(networkName, font(FontFactory.HELVETICA_BOLD, 13)));
        doc.add(line(holderName, font(FontFactory.HELVETICA_BOLD, 17)));
        doc.add(line(CardNumbers.grouped(number), font(FontFactory.COURIER_BOLD, 16)));
        doc.newPage();
        float side = HEIGHT - 16;
        qr.scaleAbsolute(side, side);
        qr.setAlignment(Element.ALIGN_CENTER);
        doc.add(qr);
      } else {
        float side = HEIGHT - 16;
        qr.scaleAbsolute(side, side);
        qr.setAbsolutePosition(WIDTH - side - 6, (HEIGHT - side) / 2);
        doc.add(qr);
        float textWidth = WIDTH - side - 20;
        doc.add(narrow(line(networkName, font(FontFactory.HELVETICA_BOLD, 9)), page, textWidth));
        doc.add(narrow(line(" ", font(FontFactory.HELVETICA, 8)), page, textWidth));
        doc.add(narrow(line(holderName, font(FontFactory.HELVETICA_BOLD, 10)), page, textWidth));
        doc.add(narrow(line(" ", font(FontFactory.HELVETICA, 8)), page, textWidth));
        doc.add(
            narrow(
                line(CardNumbers.grouped(number), font(FontFactory.COURIER_BOLD, 8)),
                page,
                textWidth));
      }
      doc.close();
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("the card PDF could not be made", e);
    }
    return out.toByteArray();
  }

  private static Paragraph line(String text, Font font) {
    var p = new Paragraph(text, font);
    p.setLeading(font.getSize() * 1.2f);
    return p;
  }

  private static Paragraph narrow(Paragraph p, Rectangle page, float width) {
    p.setIndentationRight(page.getWidth() - 20 - width);
    return p;
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
