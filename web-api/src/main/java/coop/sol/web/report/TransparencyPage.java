package coop.sol.web.report;

import coop.sol.web.problem.ApiProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /transparence/{code}} (alias {@code /transparency/{code}}): the public transparency page
 * of a network that publishes it, in French or English ({@code ?lang=en} or Accept-Language); 404
 * otherwise. The template ({@code templates/public/transparency.html}) gets plain strings, maps and
 * lists, every text already in the page's language. No script, no inline style (strict CSP): its
 * CSS is /css/transparency.css.
 */
@Controller
@Hidden
class TransparencyPage {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private static final List<String> TEXTS =
      List.of(
          "transparency.intro",
          "transparency.circulation",
          "transparency.strand",
          "transparency.amount",
          "transparency.reserve",
          "transparency.reserveHeld",
          "transparency.coverage",
          "transparency.checkpoints",
          "transparency.checkpoint.strand",
          "transparency.checkpoint.head",
          "transparency.checkpoint.hash",
          "transparency.checkpoint.taken",
          "transparency.checkpoint.none",
          "transparency.key",
          "transparency.json",
          "transparency.verify");

  private final ReportScope scope;
  private final Transparency transparency;
  private final ReportMessages messages;

  TransparencyPage(ReportScope scope, Transparency transparency, ReportMessages messages) {
    this.scope = scope;
    this.transparency = transparency;
    this.messages = messages;
  }

  @GetMapping(path = {"/transparence/{code}", "/transparency/{code}"})
  String page(
      @PathVariable String code,
      @RequestParam(required = false) String lang,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      HttpServletResponse response,
      Model model) {
    Transparency.TransparencyView v;
    try {
      v = transparency.of(scope.byCode(code));
    } catch (ApiProblemException refused) {
      // a browser asked for a page: it gets one ("not found" when the figures are not
      // published), never the API's JSON problem
      response.setStatus(refused.status().value());
      model.addAttribute("status", refused.status().value());
      model.addAttribute(
          "messageKey", refused.status().value() == 404 ? "problem.NOT_FOUND" : "problem.generic");
      return "error";
    }
    var t = messages.in(ReportQuery.locale(lang, acceptLanguage));
    boolean comma = t.french();
    Map<String, String> txt = new HashMap<>();
    for (String key : TEXTS) {
      txt.put(key, t.get(key));
    }
    txt.put("title", t.get("transparency.title", v.name()));
    txt.put("asOf", t.get("transparency.asOf", at(v.asOf())));
    txt.put("monthPayments", t.get("transparency.monthPayments") + " (" + v.month() + ")");
    List<Map<String, String>> strands = new ArrayList<>();
    for (var s : v.strands()) {
      strands.add(
          Map.of(
              "name", t.get("strand." + s.strand()),
              "circulation", decimal(s.circulation(), comma) + " SOL",
              "payments",
                  s.monthPayments().count()
                      + " / "
                      + decimal(s.monthPayments().amount(), comma)
                      + " SOL"));
    }
    Map<String, String> reserve = null;
    if (v.reserve() != null) {
      reserve =
          Map.of(
              "euros",
              decimal(v.reserve().euros(), comma) + " EUR",
              "coverage",
              v.reserve().coverage() == null
                  ? t.get("report.none")
                  : ReportFormats.percent(new BigDecimal(v.reserve().coverage()), t.locale()));
    }
    List<Map<String, String>> checkpoints = new ArrayList<>();
    for (var c : v.checkpoints()) {
      checkpoints.add(
          Map.of(
              "strand", c.strand(),
              "head", Long.toString(c.headSeq()),
              "hash", c.headHash(),
              "taken", at(c.takenAt())));
    }
    model.addAttribute("lang", t.locale().getLanguage());
    model.addAttribute("txt", txt);
    model.addAttribute("strands", strands);
    model.addAttribute("reserve", reserve);
    model.addAttribute("checkpoints", checkpoints);
    model.addAttribute(
        "keys", v.keys().stream().map(k -> k.keyId() + " : " + k.publicKey()).toList());
    model.addAttribute("json", "/api/v1/public/networks/" + v.network() + "/transparency");
    return "public/transparency";
  }

  private static String at(Instant instant) {
    return instant == null ? "" : MINUTES.format(instant);
  }

  private static String decimal(String amount, boolean comma) {
    return comma ? amount.replace('.', ',') : amount;
  }
}
