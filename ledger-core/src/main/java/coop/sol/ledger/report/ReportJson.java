package coop.sol.ledger.report;

import coop.sol.ledger.json.JsonTree;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.CirculationReport.CodeFigure;
import coop.sol.ledger.report.CirculationReport.FonteDestination;
import coop.sol.ledger.report.CirculationReport.MerchantFigure;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The canonical JSON of a circulation report: UTF-8, no whitespace, members in a fixed order,
 * amounts and counts as JSON integers, ratios and the euro rate as decimal strings (never binary
 * floating point), instants in ISO-8601 UTC, null for an undefined figure. The same report always
 * gives the same bytes, which is what a network signs ({@code SignedReport}) and what the offline
 * verifier compares with the report it recomputes from the journal.
 */
public final class ReportJson {
  public static final String FORMAT = "sol-circulation-report";
  public static final int VERSION = 1;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private ReportJson() {}

  public static byte[] write(CirculationReport r) {
    var bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
      var h = r.header();
      g.writeStartObject();
      g.writeStringProperty("format", FORMAT);
      g.writeNumberProperty("version", VERSION);
      g.writeName("network");
      g.writeStartObject();
      g.writeNumberProperty("id", h.networkId());
      g.writeStringProperty("code", h.networkCode());
      g.writeEndObject();
      g.writeStringProperty("strand", h.strand().name());
      g.writeName("period");
      g.writeStartObject();
      g.writeStringProperty("granularity", h.period().granularity().name());
      g.writeStringProperty("from", h.period().from().toString());
      g.writeStringProperty("to", h.period().to().toString());
      g.writeEndObject();
      g.writeStringProperty("timeZone", h.timeZone().getId());
      g.writeStringProperty("asOf", h.asOf().toString());
      g.writeName("heads");
      g.writeStartObject();
      for (StrandKind s : StrandKind.values()) {
        if (h.heads().containsKey(s)) {
          g.writeNumberProperty(s.name(), h.heads().get(s));
        }
      }
      g.writeEndObject();
      g.writeNumberProperty("scale", h.scale());
      g.writeNumberProperty("euroScale", h.euroScale());
      g.writeStringProperty("euroPerSol", h.euroPerSol().toPlainString());
      g.writeNumberProperty("top", h.top());

      var c = r.circulation();
      g.writeName("circulation");
      g.writeStartObject();
      g.writeNumberProperty("atStart", c.atStart());
      g.writeNumberProperty("atEnd", c.atEnd());
      g.writeNumberProperty("daysAveraged", c.daysAveraged());
      number(g, "average", c.average());
      g.writeEndObject();

      g.writeName("reserve");
      if (r.reserve().isEmpty()) {
        g.writeNull();
      } else {
        var res = r.reserve().get();
        g.writeStartObject();
        g.writeNumberProperty("atStart", res.atStart());
        g.writeNumberProperty("atEnd", res.atEnd());
        g.writeNumberProperty("exchangeOfficesAtEnd", res.exchangeOfficesAtEnd());
        ratio(g, "coverageAtStart", res.coverageAtStart());
        ratio(g, "coverageAtEnd", res.coverageAtEnd());
        g.writeEndObject();
      }

      var i = r.issued();
      g.writeName("issued");
      g.writeStartObject();
      figure(g, "bought", i.bought());
      figure(g, "bonus", i.bonus());
      figure(g, "rewards", i.rewards());
      figure(g, "volunteerCredits", i.volunteerCredits());
      figure(g, "vouchersIssued", i.vouchersIssued());
      figure(g, "vouchersExpired", i.vouchersExpired());
      g.writeEndObject();

      g.writeName("reconversion");
      g.writeStartObject();
      figure(g, "reconverted", r.reconversion().reconverted());
      figure(g, "fees", r.reconversion().fees());
      ratio(g, "rate", r.reconversion().rate());
      g.writeEndObject();

      g.writeName("fonte");
      g.writeStartObject();
      figure(g, "charged", r.fonte().charged());
      g.writeName("destinations");
      g.writeStartArray();
      for (FonteDestination d : r.fonte().destinations()) {
        g.writeStartObject();
        g.writeNumberProperty("accountId", d.accountId());
        g.writeStringProperty("ownerKind", d.ownerKind().name());
        g.writeStringProperty("ownerRef", d.ownerRef());
        figure(g, "received", d.received());
        g.writeNumberProperty("spent", d.spent());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();

      var p = r.payments();
      g.writeName("payments");
      g.writeStartObject();
      figure(g, "payments", p.payments());
      figure(g, "refunds", p.refunds());
      ratio(g, "velocity", p.velocity());
      g.writeName("split");
      g.writeStartObject();
      figure(g, "memberToMerchant", p.split().memberToMerchant());
      figure(g, "merchantToMerchant", p.split().merchantToMerchant());
      figure(g, "merchantToEuros", p.split().merchantToEuros());
      figure(g, "other", p.split().other());
      g.writeEndObject();
      g.writeNumberProperty("activeMembers", p.activeMembers());
      g.writeNumberProperty("activeMerchants", p.activeMerchants());
      merchants(g, "topByReceived", p.topByReceived());
      merchants(g, "topByRespent", p.topByRespent());
      g.writeEndObject();

      figure(g, "corrections", r.corrections());
      g.writeName("byCode");
      g.writeStartArray();
      for (CodeFigure f : r.byCode()) {
        g.writeStartObject();
        g.writeStringProperty("code", f.code());
        g.writeNumberProperty("count", f.movements().count());
        g.writeNumberProperty("amount", f.movements().amount());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static void number(JsonGenerator g, String name, Long value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeNumberProperty(name, value);
    }
  }

  private static void ratio(JsonGenerator g, String name, BigDecimal value) {
    if (value == null) {
      g.writeNullProperty(name);
    } else {
      g.writeStringProperty(name, value.toPlainString());
    }
  }

  private static void figure(JsonGenerator g, String name, CountAmount f) {
    g.writeName(name);
    g.writeStartObject();
    g.writeNumberProperty("count", f.count());
    g.writeNumberProperty("amount", f.amount());
    g.writeEndObject();
  }

  private static void merchants(JsonGenerator g, String name, List<MerchantFigure> figures) {
    g.writeName(name);
    g.writeStartArray();
    for (MerchantFigure m : figures) {
      g.writeStartObject();
      g.writeNumberProperty("accountId", m.accountId());
      g.writeStringProperty("ownerRef", m.ownerRef());
      g.writeStringProperty("name", m.name());
      g.writeNumberProperty("count", m.amount().count());
      g.writeNumberProperty("amount", m.amount().amount());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * What a report was computed from, read back from its JSON: enough to compute it again from a
   * journal ({@link CirculationScan}) and compare.
   */
  public record Parameters(
      ReportRequest request,
      String networkCode,
      ZoneId timeZone,
      Instant asOf,
      Map<StrandKind, Long> heads) {}

  /** Reads the parameters of a report; IllegalArgumentException if it is not a report's JSON. */
  @SuppressWarnings("unchecked")
  public static Parameters parameters(byte[] json) {
    Map<String, Object> root = object(read(json), "the report");
    if (!FORMAT.equals(root.get("format")) || !Long.valueOf(VERSION).equals(root.get("version"))) {
      throw new IllegalArgumentException("not a " + FORMAT + " version " + VERSION);
    }
    Map<String, Object> network = object(root.get("network"), "network");
    Map<String, Object> period = object(root.get("period"), "period");
    var heads = new EnumMap<StrandKind, Long>(StrandKind.class);
    object(root.get("heads"), "heads")
        .forEach((k, v) -> heads.put(StrandKind.valueOf(k), (Long) v));
    var request =
        new ReportRequest(
            new NetworkId((Long) network.get("id")),
            StrandKind.valueOf((String) root.get("strand")),
            new ReportPeriod(
                ReportPeriod.Granularity.valueOf((String) period.get("granularity")),
                LocalDate.parse((String) period.get("from")),
                LocalDate.parse((String) period.get("to"))),
            new BigDecimal((String) root.get("euroPerSol")),
            Math.toIntExact((Long) root.get("top")));
    return new Parameters(
        request,
        (String) network.get("code"),
        ZoneId.of((String) root.get("timeZone")),
        Instant.parse((String) root.get("asOf")),
        heads);
  }

  /**
   * The first figure where two reports' JSON differ, as "path: value in a ≠ value in b", in the
   * order of the JSON; empty when they hold the same values.
   */
  public static Optional<String> firstDifference(byte[] a, byte[] b) {
    var left = new ArrayList<String[]>();
    var right = new ArrayList<String[]>();
    flatten("", read(a), left);
    flatten("", read(b), right);
    for (int k = 0; k < Math.max(left.size(), right.size()); k++) {
      String[] x = k < left.size() ? left.get(k) : new String[] {"(nothing)", "(absent)"};
      String[] y = k < right.size() ? right.get(k) : new String[] {"(nothing)", "(absent)"};
      if (!x[0].equals(y[0]) || !x[1].equals(y[1])) {
        String path = x[0].equals(y[0]) ? x[0] : x[0] + " / " + y[0];
        return Optional.of(path + ": " + x[1] + " ≠ " + y[1]);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String path, Object value, List<String[]> into) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map)
          .forEach((k, v) -> flatten(path.isEmpty() ? k : path + "." + k, v, into));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(path + "[" + i + "]", list.get(i), into);
      }
      into.add(new String[] {path + ".length", Integer.toString(list.size())});
    } else {
      into.add(new String[] {path, String.valueOf(value)});
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** A JSON document as maps (in member order), lists, strings, longs, decimals, booleans, null. */
  static Object read(byte[] json) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      Object value = JsonTree.value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON document");
      }
      return value;
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }
}
