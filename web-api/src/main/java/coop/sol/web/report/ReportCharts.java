package coop.sol.web.report;

import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CountAmount;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The report's charts, drawn server-side with JFreeChart (headless AWT: Spring Boot starts with
 * {@code java.awt.headless=true}, set again here for other callers). Amounts become doubles only to
 * be drawn; every figure a chart shows is in the JSON report too, its text alternative.
 */
final class ReportCharts {
  static final int WIDTH = 800;
  static final int HEIGHT = 450;

  /** The charts, by the name their URL uses. */
  enum Chart {
    CIRCULATION("circulation"),
    FLOWS("flows"),
    TOP_MERCHANTS("top-merchants"),
    COVERAGE("coverage");

    final String slug;

    Chart(String slug) {
      this.slug = slug;
    }

    static Optional<Chart> of(String slug) {
      return Arrays.stream(values()).filter(c -> c.slug.equals(slug)).findFirst();
    }
  }

  private static final Color SOL_GREEN = new Color(0x2e, 0x7d, 0x32);
  private static final Color EURO_BLUE = new Color(0x1e, 0x5a, 0x9c);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportCharts() {}

  static JFreeChart chart(Chart chart, ReportService.Computed computed, ReportMessages.Texts t) {
    return switch (chart) {
      case CIRCULATION -> circulation(computed, t);
      case FLOWS -> flows(computed.report(), t);
      case TOP_MERCHANTS -> topMerchants(computed.report(), t);
      case COVERAGE -> coverage(computed.report(), t);
    };
  }

  static byte[] png(JFreeChart chart, int width, int height) {
    var out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static BufferedImage image(JFreeChart chart, int width, int height) {
    return chart.createBufferedImage(width, height);
  }

  private static JFreeChart circulation(ReportService.Computed computed, ReportMessages.Texts t) {
    int scale = computed.report().header().scale();
    var series = new TimeSeries(t.get("report.chart.circulation.axis"));
    for (Map.Entry<LocalDate, Long> e : computed.circulationByDay().entrySet()) {
      LocalDate d = e.getKey();
      series.add(
          new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear()), draw(e.getValue(), scale));
    }
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            t.get("report.chart.circulation.title"),
            t.get("report.chart.day"),
            t.get("report.chart.circulation.axis"),
            new TimeSeriesCollection(series),
            false,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(0, SOL_GREEN);
    DateAxis days = (DateAxis) plot.getDomainAxis();
    days.setDateFormatOverride(new SimpleDateFormat(t.french() ? "d MMM" : "MMM d", t.locale()));
    // whole days only: left to itself the axis ticks every few hours over a short period, and
    // each tick repeated the same date
    days.setStandardTickUnits(dayTickUnits());
    ((NumberAxis) plot.getRangeAxis())
        .setNumberFormatOverride(NumberFormat.getNumberInstance(t.locale()));
    plot.setNoDataMessage(t.get("report.chart.noData"));
    style(chart);
    return chart;
  }

  /** The date axis's tick units: one day at the least, up to a quarter. */
  static TickUnits dayTickUnits() {
    var units = new TickUnits();
    for (int n : new int[] {1, 2, 7, 14}) {
      units.add(new DateTickUnit(DateTickUnitType.DAY, n));
    }
    for (int n : new int[] {1, 3}) {
      units.add(new DateTickUnit(DateTickUnitType.MONTH, n));
    }
    return units;
  }

  private static JFreeChart flows(CirculationReport r, ReportMessages.Texts t) {
    int scale = r.header().scale();
    var split = r.payments().split();
    var data = new DefaultCategoryDataset();
    String series = t.get("report.chart.flows.axis");
    add(
        data,
        split.memberToMerchant(),
        scale,
        series,
        t.get("report.figure.split.memberToMerchant"));
    add(
        data,
        split.merchantToMerchant(),
        scale,
        series,
        t.get("report.figure.split.merchantToMerchant"));
    add(data, split.merchantToEuros(), scale, series, t.get("report.figure.split.merchantToEuros"));
    add(data, split.other(), scale, series, t.get("report.figure.split.other"));
    return bars(t.get("report.chart.flows.title"), series, data, PlotOrientation.VERTICAL, t);
  }

  private static JFreeChart topMerchants(CirculationReport r, ReportMessages.Texts t) {
    int scale = r.header().scale();
    var data = new DefaultCategoryDataset();
    String series = t.get("report.chart.top-merchants.axis");
    for (var m : r.payments().topByReceived()) {
      String label = m.name() == null || m.name().isBlank() ? m.ownerRef() : m.name();
      data.addValue(draw(m.amount().amount(), scale), series, label + " (#" + m.accountId() + ")");
    }
    return bars(
        t.get("report.chart.top-merchants.title"), series, data, PlotOrientation.HORIZONTAL, t);
  }

  private static JFreeChart coverage(CirculationReport r, ReportMessages.Texts t) {
    var data = new DefaultCategoryDataset();
    String series = t.get("report.chart.coverage.axis");
    String subtitle = null;
    if (r.reserve().isPresent()) {
      var reserve = r.reserve().get();
      int euroScale = r.header().euroScale();
      BigDecimal circulationEuros =
          BigDecimal.valueOf(r.circulation().atEnd(), r.header().scale())
              .multiply(r.header().euroPerSol())
              .setScale(euroScale, RoundingMode.HALF_EVEN);
      data.addValue(
          draw(reserve.atEnd(), euroScale), series, t.get("report.chart.coverage.reserve"));
      data.addValue(
          circulationEuros.doubleValue(), series, t.get("report.chart.coverage.circulation"));
      subtitle =
          t.get(
              "report.chart.coverage.subtitle",
              reserve.coverageAtEnd() == null
                  ? t.get("report.none")
                  : ReportFormats.percent(reserve.coverageAtEnd(), t.locale()));
    }
    JFreeChart chart =
        bars(t.get("report.chart.coverage.title"), series, data, PlotOrientation.VERTICAL, t);
    if (r.reserve().isEmpty()) {
      chart.getCategoryPlot().setNoDataMessage(t.get("report.chart.coverage.noReserve"));
    }
    if (subtitle != null) {
      chart.addSubtitle(new TextTitle(subtitle));
    }
    ((BarRenderer) chart.getCategoryPlot().getRenderer()).setSeriesPaint(0, EURO_BLUE);
    return chart;
  }

  private static void add(
      DefaultCategoryDataset data, CountAmount figure, int scale, String series, String label) {
    data.addValue(draw(figure.amount(), scale), series, label);
  }

  private static JFreeChart bars(
      String title,
      String axis,
      DefaultCategoryDataset data,
      PlotOrientation orientation,
      ReportMessages.Texts t) {
    JFreeChart chart =
        ChartFactory.createBarChart(title, null, axis, data, orientation, false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setNoDataMessage(t.get("report.chart.noData"));
    plot.getDomainAxis().setMaximumCategoryLabelLines(3);
    ((NumberAxis) plot.getRangeAxis())
        .setNumberFormatOverride(NumberFormat.getNumberInstance(t.locale()));
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, SOL_GREEN);
    style(chart);
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xf7, 0xf7, 0xf7));
    chart.setAntiAlias(true);
  }

  /** Minor units as a double, for drawing only. */
  private static double draw(long minorUnits, int scale) {
    return BigDecimal.valueOf(minorUnits, scale).doubleValue();
  }
}
