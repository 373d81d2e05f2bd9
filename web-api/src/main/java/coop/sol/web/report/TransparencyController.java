package coop.sol.web.report;

import coop.sol.ledger.network.Network;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public transparency figures of a network that publishes them, and the coordinators' switch.
 * The HTML page of the same figures is {@link TransparencyPage}'s.
 */
@RestController
@Tag(name = "Transparence", description = "Chiffres agrégés publics d'un réseau, s'il les publie")
class TransparencyController {
  private final ReportScope scope;
  private final Transparency transparency;
  private final Publication publication;
  private final AuditExportController audit;
  private final TransparencySwitch publishing;

  TransparencyController(
      ReportScope scope,
      Transparency transparency,
      Publication publication,
      AuditExportController audit,
      TransparencySwitch publishing) {
    this.scope = scope;
    this.transparency = transparency;
    this.publication = publication;
    this.audit = audit;
    this.publishing = publishing;
  }

  @GetMapping(
      path = "/api/v1/public/networks/{code}/transparency",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Chiffres de transparence d'un réseau (public)",
      description =
          "Sans authentification, si le réseau les publie (sinon 404) : circulation par volet,"
              + " paiements du mois, réserve en euros et couverture, derniers points de contrôle"
              + " signés et clés publiques. Aucun solde individuel. Page HTML : /transparence/{code}.")
  @SecurityRequirements
  ResponseEntity<Transparency.TransparencyView> figures(@PathVariable String code) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic())
        .body(transparency.of(scope.byCode(code)));
  }

  @GetMapping(
      path = "/api/v1/public/networks/{code}/checkpoints",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Points de contrôle signés d'un réseau (public)",
      description =
          "Sans authentification, si le réseau publie sa transparence (sinon 404) ; sinon, pour"
              + " ses utilisateurs : GET /api/v1/reports/checkpoints.")
  @SecurityRequirements
  AuditExportController.CheckpointList checkpoints(
      @PathVariable String code,
      @Parameter(
              schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO"}))
          @RequestParam(required = false)
          String strand,
      @RequestParam(defaultValue = "100") int limit) {
    Network network = scope.byCode(code);
    if (!publication.transparent(network.id())) {
      throw new coop.sol.web.problem.ApiProblemException(
          coop.sol.web.problem.ProblemCode.NOT_FOUND);
    }
    return audit.checkpointList(network, strand, limit);
  }

  @Schema(name = "TransparencySetting")
  record Setting(
      @Schema(description = "Code du réseau") String network,
      @Schema(description = "La page de transparence est publique") boolean enabled,
      @Schema(description = "Adresse de la page", example = "/transparence/demo") String page) {}

  /**
   * @param network the network's code, if you coordinate several
   */
  @Schema(name = "TransparencyChange")
  record Change(
      @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Boolean enabled,
      @Schema(nullable = true) String network) {}

  @GetMapping(path = "/api/v1/reports/transparency", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "La page de transparence est-elle publique ?",
      description = "Coordinateurs.")
  Setting setting(@RequestParam(required = false) String network, Caller caller) {
    Network n = scope.coordinated(caller, network);
    return new Setting(n.code(), publication.transparent(n.id()), TransparencySwitch.page(n));
  }

  @PutMapping(
      path = "/api/v1/reports/transparency",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Publier ou retirer la page de transparence",
      description =
          "Chiffres agrégés seulement, jamais de solde individuel. Coordinateurs ; inscrit au"
              + " journal d'audit.")
  Setting change(@Valid @RequestBody Change change, Caller caller, HttpServletRequest http) {
    Network n = scope.coordinated(caller, change.network());
    publishing.set(caller, http, n, change.enabled());
    return new Setting(n.code(), change.enabled(), TransparencySwitch.page(n));
  }
}
