package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.fonte.Fonte;
import coop.sol.ledger.fonte.FonteCharge;
import coop.sol.ledger.fonte.FontePreview;
import coop.sol.ledger.fonte.FonteRunReport;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /coordinator/fonte}: the fonte of a strand's period, previewed (who would be charged how
 * much; nothing is recorded) before the coordinator confirms the run, which only a period that has
 * ended allows. The services are those of {@code /api/v1/fonte}; the run is audited as there.
 */
@Hidden
@Controller
@RequestMapping("/coordinator/fonte")
class FontePage {
  /** How many periods the form offers, the current one and those before it. */
  static final int PERIODS_OFFERED = 8;

  private final Fonte fonte;
  private final Operations operations;
  private final Coordination coordination;
  private final AccountPages accounts;
  private final ProblemMessages problems;

  private final Clock clock;

  FontePage(
      Operations operations,
      Coordination coordination,
      AccountPages accounts,
      ProblemMessages problems,
      Clock clock) {
    this.clock = clock;
    this.fonte = operations.fonte();
    this.operations = operations;
    this.coordination = coordination;
    this.accounts = accounts;
    this.problems = problems;
  }

  /** A period the form offers: its value ("start..end"), its dates, whether it has ended. */
  record PeriodOption(String value, String label, boolean ended) {}

  record ChargeRow(
      long accountId, String kind, String owner, String balance, String amount, String status) {}

  record Preview(
      String strand,
      String period,
      String periodLabel,
      boolean ended,
      String totalDue,
      long dueCount,
      List<ChargeRow> charges) {}

  record RunRow(
      String strand,
      String period,
      String startedBy,
      String startedAt,
      String completedAt,
      int count,
      String total) {}

  /** What a run charged, shown after it. */
  record RunDone(String strand, String periodLabel, String chargedNow, long charged)
      implements Serializable {}

  @GetMapping
  String page(
      @RequestParam(defaultValue = "COOPERATION") String strand,
      @RequestParam(defaultValue = "") String period,
      Caller caller,
      Locale locale,
      Model model) {
    NetworkId network = coordination.network(caller);
    StrandKind kind = Coordination.strand(strand, Coordination.SOL_STRANDS);
    Optional<FonteRule> rule = rule(network, kind);
    List<PeriodOption> options = rule.map(r -> options(r, locale)).orElse(List.of());
    model.addAttribute("strand", kind.name());
    model.addAttribute("strands", Coordination.SOL_STRANDS);
    model.addAttribute("hasRule", rule.isPresent());
    model.addAttribute("options", options);
    model.addAttribute("currentEnd", rule.map(r -> currentEnd(r, locale)).orElse(null));
    String chosen = period.isEmpty() ? defaultPeriod(options) : period;
    model.addAttribute("period", chosen);
    model.addAttribute("runs", runs(network, locale));
    if (rule.isPresent() && chosen != null) {
      try {
        FontePeriod p = parse(chosen);
        FontePreview preview = LedgerProblems.done(fonte.preview(network, kind, p));
        List<ChargeRow> rows = new ArrayList<>();
        long due = 0;
        for (FonteCharge c : preview.charges()) {
          if (c.status().name().equals("DUE")) {
            due++;
          }
          rows.add(
              new ChargeRow(
                  c.account().value(),
                  c.ownerKind().name(),
                  c.ownerRef(),
                  coordination.format(network, kind, c.balanceAtPeriodEnd(), locale),
                  coordination.format(network, kind, c.amount(), locale),
                  c.status().name()));
        }
        model.addAttribute(
            "preview",
            new Preview(
                kind.name(),
                chosen,
                label(p, locale),
                ended(rule.get(), p),
                coordination.format(network, kind, preview.totalDue(), locale),
                due,
                rows));
      } catch (ApiProblemException e) {
        model.addAttribute("previewError", problems.problemKey(e.code()));
      }
    }
    return "coordinator/fonte";
  }

  @PostMapping("/runs")
  String run(
      @RequestParam(defaultValue = "") String strand,
      @RequestParam(defaultValue = "") String period,
      Caller caller,
      Locale locale,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    StrandKind kind = Coordination.strand(strand, Coordination.SOL_STRANDS);
    FontePeriod p;
    try {
      p = parse(period);
    } catch (ApiProblemException e) {
      redirect.addFlashAttribute("runError", problems.problemKey(e.code()));
      return "redirect:/coordinator/fonte?strand=" + kind.name();
    }
    try {
      FonteRunReport report =
          LedgerProblems.done(fonte.run(network, kind, p, Actor.of(caller.username())));
      coordination.audit(
          caller,
          http,
          AuditAction.FONTE_RUN,
          network,
          "fonte " + kind + " " + p,
          Map.of(
              "runId",
              report.run().id(),
              "chargedNow",
              coop.sol.ledger.money.Decimals.format(
                  report.chargedNow(), coordination.scale(network, kind)),
              "completed",
              report.run().completedAt().isPresent()));
      redirect.addFlashAttribute(
          "runDone",
          new RunDone(
              kind.name(),
              label(p, locale),
              coordination.format(network, kind, report.chargedNow(), locale),
              report.countWith(coop.sol.ledger.fonte.ChargeStatus.CHARGED)));
    } catch (ApiProblemException e) {
      redirect.addFlashAttribute("runError", problems.problemKey(e.code()));
    }
    return "redirect:"
        + UriComponentsBuilder.fromPath("/coordinator/fonte")
            .queryParam("strand", kind.name())
            .queryParam("period", p.start() + ".." + p.end())
            .build()
            .toUriString();
  }

  private Optional<FonteRule> rule(NetworkId network, StrandKind strand) {
    return operations
        .settings()
        .fonteRule(network, strand)
        .map(Versioned::value)
        .filter(FonteRule::enabled);
  }

  /**
   * The periods that have ended, newest first (a period is previewed and run only once it is over).
   */
  private List<PeriodOption> options(FonteRule rule, Locale locale) {
    LocalDate today = LocalDate.now(clock.withZone(rule.zone()));
    List<PeriodOption> ended = new ArrayList<>();
    for (int k = 0; k < 100_000; k++) {
      FontePeriod p = rule.period(k);
      if (p.end().isAfter(today)) {
        break;
      }
      ended.add(new PeriodOption(p.start() + ".." + p.end(), label(p, locale), true));
    }
    List<PeriodOption> newestFirst = new ArrayList<>();
    for (int i = ended.size() - 1; i >= 0 && newestFirst.size() < PERIODS_OFFERED; i--) {
      newestFirst.add(ended.get(i));
    }
    return newestFirst;
  }

  /** The last day of the period under way, when the next fonte can run (the day after). */
  private String currentEnd(FonteRule rule, Locale locale) {
    LocalDate today = LocalDate.now(clock.withZone(rule.zone()));
    for (int k = 0; k < 100_000; k++) {
      FontePeriod p = rule.period(k);
      if (p.end().isAfter(today)) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(locale)
            .format(p.end().minusDays(1));
      }
    }
    return null;
  }

  /** The latest period that has ended. */
  private static String defaultPeriod(List<PeriodOption> options) {
    return options.stream().findFirst().map(PeriodOption::value).orElse(null);
  }

  private boolean ended(FonteRule rule, FontePeriod p) {
    return !p.end().isAfter(LocalDate.now(clock.withZone(rule.zone())));
  }

  static FontePeriod parse(String text) {
    Dates.Days days = Dates.days("period", text);
    return new FontePeriod(days.start(), days.end());
  }

  /** "1 janvier 2026 – 31 mars 2026": the period's days, its last included. */
  static String label(FontePeriod p, Locale locale) {
    DateTimeFormatter dates =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    return dates.format(p.start()) + " – " + dates.format(p.end().minusDays(1));
  }

  private List<RunRow> runs(NetworkId network, Locale locale) {
    List<RunRow> rows = new ArrayList<>();
    for (StrandKind kind : Coordination.SOL_STRANDS) {
      fonte
          .runs(network, kind)
          .forEach(
              r ->
                  rows.add(
                      new RunRow(
                          kind.name(),
                          label(r.period(), locale),
                          r.startedBy().id(),
                          accounts.date(r.startedAt(), locale),
                          r.completedAt().map(t -> accounts.date(t, locale)).orElse(null),
                          r.chargedCount(),
                          coordination.format(network, kind, r.chargedTotal(), locale))));
    }
    return rows;
  }
}
