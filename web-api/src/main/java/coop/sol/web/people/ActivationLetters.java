package coop.sol.web.people;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.PngRenderer;
import coop.sol.merchant.qr.QrSymbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The activation letter a coordinator prints and hands over: in the person's language, the
 * network's name, their username, the code, the link as a QR code, and until when it works. Made
 * from the code the request brings (it is stored hashed only), never kept.
 */
@Component
public class ActivationLetters {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private final MessageSource messages;

  ActivationLetters(MessageSource messages) {
    this.messages = messages;
  }

  public byte[] render(People.Letter letter) {
    return renderAll(java.util.List.of(letter));
  }

  /** Several letters in one PDF, one page each (an import's), in the order given. */
  public byte[] renderAll(java.util.List<People.Letter> all) {
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no letter");
    }
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A4, 56, 56, 64, 64);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle(
          text(
              "letter.title",
              Locale.forLanguageTag(all.get(0).language()),
              all.get(0).networkName()));
      doc.addCreator("SOL");
      doc.open();
      for (People.Letter letter : all) {
        if (letter != all.get(0)) {
          doc.newPage();
        }
        write(doc, letter);
      }
      doc.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("activation letter", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void write(Document doc, People.Letter letter) throws DocumentException, IOException {
    Locale locale = Locale.forLanguageTag(letter.language());
    Font title = font(FontFactory.HELVETICA_BOLD, 20);
    Font body = font(FontFactory.HELVETICA, 12);
    Font strong = font(FontFactory.HELVETICA_BOLD, 14);
    Font code = font(FontFactory.COURIER_BOLD, 22);
    Font small = font(FontFactory.HELVETICA, 9);
    doc.add(new Paragraph(text("letter.title", locale, letter.networkName()), title));
    doc.add(new Paragraph(" ", body));
    doc.add(new Paragraph(text("letter.greeting", locale, letter.displayName()), body));
    doc.add(new Paragraph(text("letter.intro", locale, letter.networkName()), body));
    doc.add(new Paragraph(" ", body));
    doc.add(new Paragraph(text("letter.username", locale), body));
    doc.add(new Paragraph(letter.username(), strong));
    doc.add(new Paragraph(text("letter.code", locale), body));
    doc.add(new Paragraph(letter.code(), code));
    doc.add(new Paragraph(" ", body));
    doc.add(new Paragraph(text("letter.scan", locale), body));
    Image qr =
        Image.getInstance(PngRenderer.png(QrSymbol.encode(letter.link()), Caption.none(), 6));
    qr.scaleToFit(180, 180);
    qr.setAlignment(Element.ALIGN_CENTER);
    doc.add(qr);
    doc.add(new Paragraph(letter.link(), small));
    doc.add(new Paragraph(" ", body));
    String until =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(locale)
            .format(letter.expiresAt().atZone(ZONE));
    doc.add(new Paragraph(text("letter.expires", locale, until), strong));
    doc.add(new Paragraph(text("letter.once", locale), body));
    doc.add(new Paragraph(text("letter.password", locale), body));
    doc.add(new Paragraph(" ", body));
    doc.add(new Paragraph(text("letter.keep", locale), small));
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
