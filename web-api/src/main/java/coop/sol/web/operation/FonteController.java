package coop.sol.web.operation;

import coop.sol.ledger.Operations;
import coop.sol.ledger.fonte.Fonte;
import coop.sol.ledger.fonte.FonteCharge;
import coop.sol.ledger.fonte.FontePreview;
import coop.sol.ledger.fonte.FonteRun;
import coop.sol.ledger.fonte.FonteRunReport;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.settings.FontePeriod;
import coop.sol.ledger.settings.FonteRule;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import coop.sol.web.input.Dates;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/fonte}: for coordinators, who the fonte of a period would charge (a dry run), a
 * manual run (audited), and the runs recorded. A period is charged once: running it again posts
 * nothing new. The scheduled run is {@code OperationJobs}'s.
 */
@RestController
@RequestMapping(path = "/api/v1/fonte", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Fonte", description = "La monnaie qui dort fond : aperçu, passage, historique")
class FonteController {
  private static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final Fonte fonte;
  private final Operations operations;
  private final OperationContext context;
  private final Clock clock;

  FonteController(Operations operations, OperationContext context, Clock clock) {
    this.clock = clock;
    this.fonte = operations.fonte();
    this.operations = operations;
    this.context = context;
  }

  @Schema(name = "FontePeriod")
  record PeriodView(
      @Schema(description = "Premier jour, inclus") LocalDate start,
      @Schema(description = "Jour suivant le dernier, exclu") LocalDate end) {
    static PeriodView of(FontePeriod p) {
      return new PeriodView(p.start(), p.end());
    }
  }

  /**
   * @param balanceAtPeriodEnd posted balance at the end of the period
   * @param amount charged, or that would be
   * @param transferId the FONTE transfer, once charged
   * @param rejection the ledger's reason, when FAILED (retried by the next run of the period)
   */
  @Schema(name = "FonteCharge")
  record ChargeView(
      long accountId,
      String ownerKind,
      String owner,
      String balanceAtPeriodEnd,
      String amount,
      @Schema(allowableValues = {"DUE", "CHARGED", "ALREADY_CHARGED", "NOTHING_LEFT", "FAILED"})
          String status,
      @Schema(nullable = true) Long transferId,
      @Schema(nullable = true) String rejection) {}

  /**
   * @param totalDue what a run would newly charge
   */
  @Schema(name = "FontePreview")
  record PreviewView(
      String network,
      String strand,
      PeriodView period,
      String totalDue,
      List<ChargeView> charges) {}

  /**
   * @param completedAt when every account was settled; null while a run must be completed
   */
  @Schema(name = "FonteRun")
  record RunView(
      long id,
      String network,
      String strand,
      PeriodView period,
      long ruleVersion,
      String startedBy,
      Instant startedAt,
      @Schema(nullable = true) Instant completedAt,
      int chargedCount,
      String chargedTotal) {}

  /**
   * @param chargedNow charged by this call ("0.00" when the period had been run)
   */
  @Schema(name = "FonteRunReport")
  record ReportView(RunView run, String chargedNow, List<ChargeView> charges) {}

  /**
   * @param period "start..end" (dates, end excluded); default: the latest period that has ended
   * @param network the network's code, if you coordinate several
   */
  @Schema(name = "FonteRunRequest")
  record RunRequest(
      @NotNull
          @Schema(
              allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String strand,
      @Schema(nullable = true, example = "2026-01-01..2026-04-01") String period,
      @Schema(nullable = true) String network) {}

  @GetMapping("/preview")
  @Operation(
      summary = "Aperçu de la fonte d'une période",
      description =
          "Qui serait prélevé et de combien si la fonte de la période passait maintenant ; rien"
              + " n'est enregistré. Par défaut, la dernière période terminée. Coordinateurs.")
  PreviewView preview(
      @Parameter(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          @RequestParam
          String strand,
      @Parameter(
              description = "Période « début..fin » (fin exclue)",
              example = "2026-01-01..2026-04-01")
          @RequestParam(required = false)
          String period,
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, network);
    StrandKind kind = NetworkSettingsController.solStrand(strand);
    FontePreview preview = LedgerProblems.done(fonte.preview(id, kind, period(id, kind, period)));
    return new PreviewView(
        context.network(id).code(),
        kind.name(),
        PeriodView.of(preview.period()),
        context.format(id, kind, preview.totalDue()),
        charges(id, kind, preview.charges()));
  }

  @PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Passer la fonte d'une période",
      description =
          "Par un coordinateur, pour une période terminée de la règle de la branche (par défaut la"
              + " dernière). Une période n'est prélevée qu'une fois : la repasser ne prélève rien"
              + " de nouveau (et complète un passage interrompu). Inscrit au journal d'audit.")
  ReportView run(@Valid @RequestBody RunRequest request, Caller caller, HttpServletRequest http) {
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, request.network());
    StrandKind kind = NetworkSettingsController.solStrand(request.strand());
    FontePeriod period = period(id, kind, request.period());
    FonteRunReport report =
        LedgerProblems.done(fonte.run(id, kind, period, Actor.of(caller.username())));
    context.audit(
        caller,
        http,
        AuditAction.FONTE_RUN,
        id,
        "fonte " + kind + " " + period,
        Map.of(
            "runId",
            report.run().id(),
            "chargedNow",
            context.format(id, kind, report.chargedNow()),
            "completed",
            report.run().completedAt().isPresent()));
    return new ReportView(
        run(report.run()),
        context.format(id, kind, report.chargedNow()),
        charges(id, kind, report.charges()));
  }

  @GetMapping("/runs")
  @Operation(
      summary = "Passages de la fonte",
      description = "Les passages enregistrés, par branche et période. Coordinateurs.")
  List<RunView> runs(
      @Parameter(schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}))
          @RequestParam(required = false)
          String strand,
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller) {
    NetworkId id = context.networkAs(caller, Role.COORDINATOR, network);
    List<StrandKind> strands =
        strand == null ? SOL_STRANDS : List.of(NetworkSettingsController.solStrand(strand));
    List<RunView> runs = new ArrayList<>();
    for (StrandKind kind : strands) {
      fonte.runs(id, kind).forEach(r -> runs.add(run(r)));
    }
    return runs;
  }

  /** The period asked for, or the latest one of the strand's rule that has ended. */
  private FontePeriod period(NetworkId network, StrandKind strand, String text) {
    if (text != null) {
      Dates.Days days = Dates.days("period", text);
      return new FontePeriod(days.start(), days.end());
    }
    FonteRule rule =
        operations
            .settings()
            .fonteRule(network, strand)
            .map(Versioned::value)
            .filter(FonteRule::enabled)
            .orElseThrow(() -> LedgerProblems.problem(OperationReason.NO_FONTE_RULE));
    return rule.lastPeriodEndedBy(LocalDate.ofInstant(clock.instant(), rule.zone()))
        .orElseThrow(() -> LedgerProblems.problem(OperationReason.NOTHING_DUE));
  }

  private List<ChargeView> charges(
      NetworkId network, StrandKind strand, List<FonteCharge> charges) {
    return charges.stream()
        .map(
            c ->
                new ChargeView(
                    c.account().value(),
                    c.ownerKind().name(),
                    c.ownerRef(),
                    context.format(network, strand, c.balanceAtPeriodEnd()),
                    context.format(network, strand, c.amount()),
                    c.status().name(),
                    c.transfer().map(TransferId::value).orElse(null),
                    c.rejection().map(RejectionReason::name).orElse(null)))
        .toList();
  }

  private RunView run(FonteRun r) {
    return new RunView(
        r.id(),
        context.network(r.network()).code(),
        r.strand().name(),
        PeriodView.of(r.period()),
        r.ruleVersion(),
        r.startedBy().id(),
        r.startedAt(),
        r.completedAt().orElse(null),
        r.chargedCount(),
        context.format(r.network(), r.strand(), r.chargedTotal()));
  }
}
