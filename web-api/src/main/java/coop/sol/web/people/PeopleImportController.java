package coop.sol.web.people;

import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.peopleimport.LineProblem;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/people/imports}: a coordinator imports a CSV file of people into their
 * network, or tries it first ({@code dryRun=true}). The answer is the report, line by line; after a
 * real run it carries the activation letters of the people created as one PDF (base64), the only
 * place their codes appear.
 */
@RestController
@Tag(name = "Personnes", description = "Inscrire, retrouver, changer les rôles, réinitialiser")
class PeopleImportController {
  static final String TEXT_CSV = "text/csv";

  private final PeopleImports imports;
  private final NetworkScope networks;
  private final MessageSource messages;

  PeopleImportController(PeopleImports imports, NetworkScope networks, MessageSource messages) {
    this.imports = imports;
    this.networks = networks;
    this.messages = messages;
  }

  @Schema(name = "PeopleImportProblem")
  record ProblemView(
      @Schema(description = "Ligne du fichier (l'en-tête est la ligne 1) ; 0 pour tout le fichier")
          int line,
      @Schema(nullable = true, example = "sol_cooperation") String column,
      @Schema(example = "INVALID_AMOUNT") String code,
      @Schema(example = "Montant invalide : « 1,5.0 ».") String message) {}

  @Schema(name = "PeopleImportLine")
  record LineView(
      int line,
      @Schema(example = "marie.dupont") String username,
      @Schema(allowableValues = {"WOULD_CREATE", "CREATED", "ALREADY_CREATED", "SKIPPED"})
          String status,
      @Schema(example = "[\"MEMBER\"]") List<String> roles,
      @Schema(
              description = "Soldes d'ouverture par branche (COOPERATION, ENGAGEMENT, AFFECTE)",
              example = "{\"COOPERATION\": \"20.00\"}")
          Map<String, String> openingBalances,
      @Schema(description = "Soldes d'ouverture inscrits par cette exécution") int balancesPosted,
      @Schema(description = "La ligne donne une fiche de commerçant") boolean listing,
      List<ProblemView> problems) {}

  @Schema(name = "PeopleImportReport")
  record ReportView(
      boolean dryRun,
      @Schema(description = "SHA-256 du fichier", example = "9f86d081884c7d65...") String sha256,
      long created,
      long wouldCreate,
      long alreadyCreated,
      long skipped,
      int balancesPosted,
      List<LineView> lines,
      @Schema(
              nullable = true,
              format = "byte",
              description =
                  "Les lettres d'activation des personnes créées par cette exécution, un PDF en"
                      + " base64 ; leurs codes n'apparaissent nulle part ailleurs. Absent d'un essai.")
          String lettersPdf) {}

  @PostMapping(
      path = "/api/v1/people/imports",
      consumes = TEXT_CSV,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Importer des personnes d'un fichier CSV",
      description =
          "Coordinateurs du réseau. UTF-8 (avec ou sans BOM), séparateur « ; » ou « , »,"
              + " colonnes documentées (docs/people-and-access.md). dryRun=true : le rapport de"
              + " chaque ligne, rien n'est changé. Sinon : chaque ligne sans problème est inscrite"
              + " (ou déjà inscrite : rien de nouveau), avec sa fiche et ses soldes d'ouverture"
              + " (inscrits une fois, clés : réseau, identifiant, branche) ; une ligne avec un"
              + " problème est sautée. Le fichier illisible : 400 IMPORT_FILE_INVALID. Audité.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = TEXT_CSV,
                      schema =
                          @Schema(
                              type = "string",
                              example =
                                  "username;display_name;roles;sol_cooperation\n"
                                      + "marie.dupont;Marie Dupont;MEMBER;20,00\n"))))
  @ApiResponse(responseCode = "200", description = "Le rapport (et les lettres, après un import)")
  ResponseEntity<ReportView> importPeople(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      @Parameter(description = "true : un essai, rien n'est changé")
          @RequestParam(defaultValue = "false")
          boolean dryRun,
      @RequestBody byte[] file,
      Caller caller,
      HttpServletRequest http) {
    // as the password rules' reasons: English when Accept-Language prefers it, else French
    Locale locale = PasswordController.apiLocale(http);
    Network target = networks.coordinated(caller, network);
    PeopleImports.Report report =
        dryRun
            ? imports.dryRun(caller, target, file)
            : imports.run(caller, target, file, ClientAddress.of(http));
    if (!report.fileProblems().isEmpty()) {
      throw ApiProblemException.withProperties(
          ProblemCode.IMPORT_FILE_INVALID,
          ProblemCode.IMPORT_FILE_INVALID.detail(),
          Map.of("problems", report.fileProblems().stream().map(p -> problem(p, locale)).toList()));
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(view(report, target, locale));
  }

  ReportView view(PeopleImports.Report report, Network network, Locale locale) {
    return new ReportView(
        report.dryRun(),
        report.sha256(),
        report.count(PeopleImports.Status.CREATED),
        report.count(PeopleImports.Status.WOULD_CREATE),
        report.count(PeopleImports.Status.ALREADY_CREATED),
        report.count(PeopleImports.Status.SKIPPED),
        report.balancesPosted(),
        report.lines().stream()
            .map(
                l -> {
                  Map<String, String> balances = new LinkedHashMap<>();
                  l.balances()
                      .forEach(
                          (strand, amount) ->
                              balances.put(
                                  strand.name(), Decimals.format(amount, network.scale(strand))));
                  return new LineView(
                      l.line(),
                      l.username(),
                      l.status().name(),
                      l.roles(),
                      balances,
                      l.balancesPosted(),
                      l.listing(),
                      l.problems().stream().map(p -> problem(p, locale)).toList());
                })
            .toList(),
        report.letters() == null ? null : Base64.getEncoder().encodeToString(report.letters()));
  }

  ProblemView problem(LineProblem problem, Locale locale) {
    return new ProblemView(
        problem.line(),
        problem.column(),
        problem.code().name(),
        message(messages, problem, locale));
  }

  /** A problem in words, in the locale's language. */
  static String message(MessageSource messages, LineProblem problem, Locale locale) {
    return messages.getMessage(
        "peopleimport.problem." + problem.code().name(),
        problem.arguments().toArray(),
        problem.code().name(),
        locale);
  }
}
