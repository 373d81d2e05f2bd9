package coop.sol.web.audit;

import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, for those who audit. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journal d'audit", description = "Actions privilégiées : qui, quoi, quand, d'où")
class AuditController {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @Schema(name = "AuditEntry")
  record AuditEntryView(
      long id,
      Instant occurredAt,
      @Schema(nullable = true, description = "Code du réseau ; null pour l'installation")
          String network,
      String actor,
      @Schema(example = "AUTH_TOKEN_CREATED") String action,
      String target,
      @Schema(description = "Adresse IP du client") String clientAddress,
      Map<String, Object> details) {}

  @Schema(name = "AuditPage")
  record AuditPage(List<AuditEntryView> items, @Schema(nullable = true) Long nextBefore) {}

  @GetMapping
  @Operation(
      summary = "Journal d'audit",
      description =
          "Du plus récent au plus ancien. Un coordinateur lit les entrées de ses réseaux, un"
              + " administrateur celles de l'installation.")
  AuditPage page(
      @Parameter(description = "Curseur : seulement les entrées d'identifiant inférieur")
          @RequestParam(required = false)
          Long before,
      @Parameter(description = "Taille de page, 1 à 200 (50 par défaut)")
          @RequestParam(required = false)
          Integer limit,
      Caller caller) {
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > MAX_PAGE || (before != null && before <= 0)) {
      throw new ApiProblemException(
          ProblemCode.INVALID_PARAMETER, "limit : de 1 à " + MAX_PAGE + " ; before : > 0.");
    }
    List<AuditEntryView> items =
        audit
            .page(caller.networksAs(Role.COORDINATOR), caller.isAdministrator(), before, size)
            .stream()
            .map(
                e ->
                    new AuditEntryView(
                        e.id(),
                        e.occurredAt(),
                        e.network(),
                        e.actor(),
                        e.action(),
                        e.target(),
                        e.clientAddress(),
                        e.details()))
            .toList();
    Long next = items.size() == size ? items.get(items.size() - 1).id() : null;
    return new AuditPage(items, next);
  }
}
