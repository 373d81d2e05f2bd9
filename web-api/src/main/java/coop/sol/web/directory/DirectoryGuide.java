package coop.sol.web.directory;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import coop.sol.ledger.directory.DirectoryEntry;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.settings.MerchantCategory;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The directory as a printable guide (OpenPDF), the paper booklet a network hands out: its
 * merchants town by town, each with its categories, the strands it accepts, its address, opening
 * hours and contacts. French or English.
 */
@Component
class DirectoryGuide {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final MessageSource messages;
  private final Clock clock;

  DirectoryGuide(MessageSource messages, Clock clock) {
    this.messages = messages;
    this.clock = clock;
  }

  byte[] write(Network network, List<DirectoryEntry> entries, Locale locale) {
    Font title = font(FontFactory.HELVETICA_BOLD, 20);
    Font town = font(FontFactory.HELVETICA_BOLD, 14);
    Font name = font(FontFactory.HELVETICA_BOLD, 11);
    Font body = font(FontFactory.HELVETICA, 10);
    Font small = font(FontFactory.HELVETICA, 8);
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A5, 36, 36, 40, 40);
    try {
      com.lowagie.text.pdf.PdfWriter.getInstance(doc, out);
      String heading = text("directory.guide.title", locale, network.name());
      doc.addTitle(heading);
      doc.addCreator("SOL");
      doc.open();
      doc.add(new Paragraph(heading, title));
      doc.add(
          new Paragraph(
              text(
                  "directory.guide.generated",
                  locale,
                  DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                      .withLocale(locale)
                      .format(clock.instant().atZone(PARIS))),
              small));
      if (entries.isEmpty()) {
        doc.add(new Paragraph(text("directory.none", locale), body));
      }
      Map<String, List<DirectoryEntry>> byTown =
          entries.stream()
              .collect(
                  Collectors.groupingBy(
                      e -> e.profile().town(), TreeMap::new, Collectors.toList()));
      for (var group : byTown.entrySet()) {
        Paragraph t =
            new Paragraph(
                group.getKey().isEmpty() ? text("directory.guide.noTown", locale) : group.getKey(),
                town);
        t.setSpacingBefore(12);
        t.setSpacingAfter(2);
        doc.add(t);
        for (DirectoryEntry e : group.getValue()) {
          MerchantProfile p = e.profile();
          Paragraph n = new Paragraph(p.tradingName(), name);
          n.setSpacingBefore(6);
          doc.add(n);
          List<String> lines = new ArrayList<>();
          String kinds =
              e.categories().stream()
                  .map(MerchantCategory::label)
                  .collect(Collectors.joining(", "));
          String strands =
              p.strands().stream()
                  .sorted()
                  .map(s -> text("strand." + s.name(), locale))
                  .collect(Collectors.joining(", "));
          lines.add(join(" — ", kinds, strands));
          lines.add(p.address());
          lines.add(p.openingHours().replace('\n', ' '));
          lines.add(join(" — ", p.phone(), p.website()));
          lines.add(p.description());
          for (String line : lines) {
            if (!line.isBlank()) {
              doc.add(new Paragraph(line, body));
            }
          }
        }
      }
    } catch (DocumentException e) {
      throw new IllegalStateException("the directory's guide could not be written", e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part);
      }
    }
    return String.join(separator, present);
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }
}
