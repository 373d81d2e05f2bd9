package coop.sol.web.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.ReportPeriod;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The report for a general assembly, as a PDF (OpenPDF): title and period, every figure in tables
 * section by section, then the four charts, each followed by its figures in the tables above (the
 * charts' text alternative). French by default; amounts with a decimal comma in French.
 */
final class ReportPdf {
  private static final Color HEADER_GREY = new Color(0xe8, 0xf0, 0xe8);

  private ReportPdf() {}

  static byte[] write(ReportService.Computed computed, ReportMessages.Texts t) {
    return write(computed, t, Map.of());
  }

  /**
   * @param cardCounts member cards issued, blocked, replaced... in the report's period (the keys of
   *     {@code card.report.*}); none: no card section
   */
  static byte[] write(
      ReportService.Computed computed, ReportMessages.Texts t, Map<String, Long> cardCounts) {
    CirculationReport r = computed.report();
    boolean comma = t.french();
    Font title = font(FontFactory.HELVETICA_BOLD, 18);
    Font h2 = font(FontFactory.HELVETICA_BOLD, 13);
    Font body = font(FontFactory.HELVETICA, 10);
    Font small = font(FontFactory.HELVETICA, 8);
    Font bold = font(FontFactory.HELVETICA_BOLD, 10);
    var out = new ByteArrayOutputStream();
    var doc = new Document(PageSize.A4, 40, 40, 48, 48);
    try {
      PdfWriter.getInstance(doc, out);
      String heading = t.get("report.title");
      doc.addTitle(heading + " " + r.header().networkCode());
      doc.addCreator("SOL");
      doc.open();
      doc.add(new Paragraph(heading, title));
      doc.add(
          new Paragraph(
              t.get(
                  "report.subtitle",
                  r.header().networkCode(),
                  t.get("strand." + r.header().strand().name()),
                  period(r.header().period(), t)),
              h2));
      var heads = new TreeMap<String, Long>();
      r.header().heads().forEach((k, v) -> heads.put(k.name(), v));
      doc.add(
          new Paragraph(
              t.get(
                  "report.generated",
                  DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                      .withLocale(t.locale())
                      .format(r.header().asOf().atZone(r.header().timeZone())),
                  r.header().timeZone().getId(),
                  heads.toString()),
              small));
      if (r.reserve().isPresent()) {
        doc.add(
            new Paragraph(
                t.get("report.rate", ReportFormats.decimal(r.header().euroPerSol(), comma)),
                small));
      }
      String section = null;
      PdfPTable table = null;
      for (ReportRows row : ReportRows.of(computed)) {
        if (row.key().startsWith("circulationByDay.")) {
          continue;
        }
        if (!Objects.equals(section, row.section())) {
          if (table != null) {
            doc.add(table);
          }
          section = row.section();
          Paragraph p = new Paragraph(t.get(section), h2);
          p.setSpacingBefore(10);
          p.setSpacingAfter(4);
          doc.add(p);
          table = new PdfPTable(new float[] {6, 2, 3});
          table.setWidthPercentage(100);
          table.setHeaderRows(1);
          header(table, t.get("report.column.figure"), bold);
          header(table, t.get("report.column.count"), bold);
          header(table, t.get("report.column.value"), bold);
        }
        table.addCell(cell(row.label(t), body, Element.ALIGN_LEFT));
        table.addCell(
            cell(row.count() == null ? "" : Long.toString(row.count()), body, Element.ALIGN_RIGHT));
        table.addCell(cell(value(row, comma, t), body, Element.ALIGN_RIGHT));
      }
      if (table != null) {
        doc.add(table);
      }
      if (!cardCounts.isEmpty()) {
        Paragraph p = new Paragraph(t.get("card.report.section"), h2);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        doc.add(p);
        PdfPTable cards = new PdfPTable(new float[] {6, 2});
        cards.setWidthPercentage(100);
        cards.setHeaderRows(1);
        header(cards, t.get("report.column.figure"), bold);
        header(cards, t.get("report.column.count"), bold);
        cardCounts.forEach(
            (key, count) -> {
              cards.addCell(cell(t.get("card.report." + key), body, Element.ALIGN_LEFT));
              cards.addCell(cell(Long.toString(count), body, Element.ALIGN_RIGHT));
            });
        doc.add(cards);
      }
      doc.newPage();
      doc.add(new Paragraph(t.get("report.charts"), h2));
      for (ReportCharts.Chart chart : ReportCharts.Chart.values()) {
        byte[] png = ReportCharts.png(ReportCharts.chart(chart, computed, t), 1000, 560);
        Image image = Image.getInstance(png);
        image.scaleToFit(doc.getPageSize().getWidth() - 80, 300);
        image.setAlignment(Element.ALIGN_CENTER);
        image.setAlt(t.get("report.chart." + chart.slug + ".title"));
        doc.add(image);
      }
      doc.add(new Paragraph(t.get("report.signature"), small));
    } catch (DocumentException e) {
      throw new IllegalStateException("the report's PDF could not be written", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  private static String value(ReportRows row, boolean comma, ReportMessages.Texts t) {
    if (row.ratio() != null && row.key().contains("coverage")) {
      return ReportFormats.percent(row.ratio(), t.locale());
    }
    String v = row.value(comma);
    if (v.isEmpty()) {
      return "-";
    }
    return row.unit().equals("SOL") || row.unit().equals("EUR") ? v + " " + row.unit() : v;
  }

  static String period(ReportPeriod period, ReportMessages.Texts t) {
    var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(t.locale());
    return switch (period.granularity()) {
      case DAY -> t.get("report.period.DAY", day.format(period.from()));
      case MONTH ->
          t.get(
              "report.period.MONTH",
              DateTimeFormatter.ofPattern("MMMM yyyy", t.locale()).format(period.from()));
      case YEAR -> t.get("report.period.YEAR", Integer.toString(period.from().getYear()));
      case CUSTOM ->
          t.get(
              "report.period.CUSTOM",
              day.format(period.from()),
              day.format(period.to().minusDays(1)));
    };
  }

  private static Font font(String name, float size) {
    return FontFactory.getFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED, size);
  }

  private static void header(PdfPTable table, String text, Font font) {
    PdfPCell cell = cell(text, font, Element.ALIGN_LEFT);
    cell.setBackgroundColor(HEADER_GREY);
    table.addCell(cell);
  }

  private static PdfPCell cell(String text, Font font, int align) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setHorizontalAlignment(align);
    cell.setPadding(4);
    return cell;
  }
}
