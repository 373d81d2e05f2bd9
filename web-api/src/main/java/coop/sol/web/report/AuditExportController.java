package coop.sol.web.report;

import coop.sol.keys.SigningKey;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.audit.Checkpoint;
import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.audit.InclusionProof;
import coop.sol.ledger.audit.InclusionProofs;
import coop.sol.ledger.audit.JournalExport;
import coop.sol.ledger.audit.SignedReport;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.networkkey.NetworkKeyView;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.networkkey.PublishedKey;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What lets someone who does not trust the server check the figures: the report signed by the
 * network's key, the full audit export (verified offline by {@code VerifyExport}), the signed
 * checkpoints, and for a member an inclusion proof of one of their transfers.
 */
@RestController
@Tag(
    name = "Audit vérifiable",
    description = "Rapport signé, export d'audit, points de contrôle, preuves d'inclusion")
class AuditExportController {
  private static final HexFormat HEX = HexFormat.of();

  private final ReportController reports;
  private final ReportScope scope;
  private final ReportService service;
  private final NetworkKeys keys;
  private final Checkpoints checkpoints;
  private final InclusionProofs proofs;
  private final JournalExport export;
  private final ReportJobs jobs;
  private final AccountAccess access;
  private final AuditLog audit;
  private final coop.sol.ledger.Ledger ledger;

  private final Clock clock;

  AuditExportController(
      ReportController reports,
      ReportScope scope,
      ReportService service,
      NetworkKeys keys,
      Checkpoints checkpoints,
      InclusionProofs proofs,
      JournalExport export,
      ReportJobs jobs,
      AccountAccess access,
      AuditLog audit,
      coop.sol.ledger.Ledger ledger,
      Clock clock) {
    this.clock = clock;
    this.reports = reports;
    this.scope = scope;
    this.service = service;
    this.keys = keys;
    this.checkpoints = checkpoints;
    this.proofs = proofs;
    this.export = export;
    this.jobs = jobs;
    this.access = access;
    this.audit = audit;
    this.ledger = ledger;
  }

  /**
   * @param report the report's canonical JSON, byte for byte as signed (UTF-8)
   * @param signature Ed25519 signature of "SOL-REPORT" ‖ 0x01 ‖ report
   */
  @Schema(
      name = "SignedCirculationReport",
      description =
          "Le rapport dans sa forme canonique (ledger-core ReportJson), signé par la clé du réseau."
              + " Vérifier : Ed25519(publicKey, \"SOL-REPORT\" ‖ 0x01 ‖ UTF-8(report)) ; le"
              + " vérificateur hors ligne recalcule aussi chaque chiffre depuis un export.")
  record SignedReportView(
      @Schema(example = "sol-signed-report") String format,
      @Schema(
              description =
                  "JSON canonique du rapport, tel que signé (montants en unités mineures)")
          String report,
      @Schema(
              description =
                  "Identifiant de la clé qui a signé (8 chiffres hexadécimaux), comme dans"
                      + " GET /api/v1/networks/{networkId}/keys",
              example = "21fe31df")
          String keyId,
      @Schema(
              description =
                  "Clé publique Ed25519 en base64url sans remplissage, comme dans"
                      + " GET /api/v1/networks/{networkId}/keys",
              example = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
          String publicKey,
      @Schema(description = "Signature Ed25519 (hex)") String signature) {}

  @GetMapping(
      path = "/api/v1/reports/circulation/signed",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Rapport de circulation signé",
      description =
          "Le même rapport que GET /api/v1/reports/circulation (mêmes paramètres), dans sa forme"
              + " canonique et signé par la clé Ed25519 du réseau : la preuve qu'un chiffre vient du"
              + " journal. Coordinateurs du réseau.")
  SignedReportView signed(
      @org.springdoc.core.annotations.ParameterObject ReportController.Params params,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
      Caller caller) {
    ReportService.Computed computed = reports.compute(caller, params, acceptLanguage);
    SigningKey signer = keys.signingKey(computed.network().id());
    SignedReport signed = SignedReport.sign(computed.report(), signer);
    return new SignedReportView(
        "sol-signed-report",
        new String(signed.json(), StandardCharsets.UTF_8),
        signed.keyId(),
        signer.networkKey().toBase64Url(),
        HEX.formatHex(signed.signature()));
  }

  @GetMapping(path = "/api/v1/reports/export.zip", produces = "application/zip")
  @Operation(
      summary = "Export d'audit complet (zip)",
      description =
          "Toutes les lignes du journal de chaque volet, les comptes, les points de contrôle, les"
              + " clés publiques et le rapport Coopération du mois précédent signé, depuis un même"
              + " instantané. Vérifiable hors ligne avec VerifyExport (docs/reports-and-audit.md)."
              + " Coordinateurs du réseau ; inscrit au journal d'audit.")
  @ApiResponse(
      responseCode = "200",
      description = "Archive zip",
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<StreamingResponseBody> exportZip(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller,
      HttpServletRequest http) {
    Network n = scope.coordinated(caller, network);
    SigningKey signer = keys.signingKey(n.id());
    YearMonth lastMonth = YearMonth.now(clock.withZone(service.timeZone(n))).minusMonths(1);
    var query =
        new ReportQuery(StrandKind.COOPERATION, ReportPeriod.month(lastMonth), ReportQuery.FRENCH);
    SignedReport report = SignedReport.sign(service.compute(n, query).report(), signer);
    String name = "circulation-cooperation-" + lastMonth;
    audit(caller, http, AuditAction.AUDIT_EXPORT_DOWNLOADED, n.id(), "audit export", Map.of());
    String file =
        "sol-export-"
            + n.code()
            + "-"
            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().atOffset(ZoneOffset.UTC))
            + ".zip";
    StreamingResponseBody body = out -> export.write(n.id(), Map.of(name, report), out);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file).build().toString())
        .body(body);
  }

  /** The network's checkpoints, with the keys that verify them. */
  @Schema(name = "CheckpointList")
  record CheckpointList(
      String network,
      @Schema(
              description =
                  "Clés publiques du réseau, la plus récente d'abord (celles de"
                      + " GET /api/v1/networks/{networkId}/keys)")
          List<NetworkKeyView> keys,
      @Schema(description = "Du plus récent au plus ancien, au plus limit")
          List<CheckpointView> checkpoints) {}

  @GetMapping(path = "/api/v1/reports/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Points de contrôle signés",
      description =
          "Les plus récents d'abord, par volet (ou de tous les volets), avec les clés publiques"
              + " qui les vérifient. Tout utilisateur ayant un rôle dans le réseau ; publics sur"
              + " /api/v1/public/networks/{code}/checkpoints si le réseau publie sa transparence.")
  CheckpointList list(
      @Parameter(description = "Code du réseau, si vous êtes dans plusieurs")
          @RequestParam(required = false)
          String network,
      @Parameter(
              schema = @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO"}))
          @RequestParam(required = false)
          String strand,
      @Parameter(description = "Au plus (1 à 1000, défaut 100)") @RequestParam(defaultValue = "100")
          int limit,
      Caller caller) {
    return checkpointList(scope.member(caller, network), strand, limit);
  }

  CheckpointList checkpointList(Network network, String strand, int limit) {
    if (limit < 1 || limit > 1000) {
      throw ReportQuery.invalid("limit : de 1 à 1000.");
    }
    List<StrandKind> strands;
    if (strand == null || strand.isBlank()) {
      strands = List.of(StrandKind.values());
    } else {
      try {
        strands = List.of(StrandKind.valueOf(strand.trim()));
      } catch (IllegalArgumentException e) {
        throw ReportQuery.invalid("strand : COOPERATION, ENGAGEMENT, AFFECTE ou EURO.");
      }
    }
    var all = new ArrayList<Checkpoint>();
    for (StrandKind s : strands) {
      all.addAll(checkpoints.list(network.id(), s));
    }
    all.sort(
        (a, b) ->
            a.takenAt().equals(b.takenAt())
                ? Long.compare(b.id(), a.id())
                : b.takenAt().compareTo(a.takenAt()));
    return new CheckpointList(
        network.code(),
        keys.published(network.id()).stream().map(NetworkKeyView::of).toList(),
        all.stream().limit(limit).map(CheckpointView::of).toList());
  }

  @PostMapping(path = "/api/v1/reports/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Signer des points de contrôle maintenant",
      description =
          "Un point de contrôle par volet ayant de nouvelles lignes (sinon aucun), sans attendre"
              + " la planification. Coordinateurs ; inscrit au journal d'audit.")
  ResponseEntity<List<CheckpointView>> take(
      @Parameter(description = "Code du réseau, si vous en coordonnez plusieurs")
          @RequestParam(required = false)
          String network,
      Caller caller,
      HttpServletRequest http) {
    Network n = scope.coordinated(caller, network);
    List<Checkpoint> taken = jobs.checkpoint(n);
    audit(
        caller,
        http,
        AuditAction.CHECKPOINTS_TAKEN,
        n.id(),
        "checkpoints",
        Map.of("taken", taken.size()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(taken.stream().map(CheckpointView::of).toList());
  }

  /** A proof that a transfer is under a signed checkpoint, with what verifies it. */
  @Schema(
      name = "InclusionProof",
      description =
          "Preuve qu'une ligne du journal est sous un point de contrôle signé, sans révéler"
              + " aucune autre ligne : la ligne, l'empreinte de la précédente et le chemin de"
              + " Merkle (RFC 6962) jusqu'à la racine signée du segment.")
  record ProofView(
      @Schema(description = "La ligne : chacun de ses champs hachés (JournalHash)") RowView row,
      String previousRowHash,
      @Schema(description = "Place de la ligne dans le segment : seq − previousSeq − 1")
          long leafIndex,
      @Schema(description = "Empreintes sœurs, de la feuille vers la racine (hex)")
          List<String> path,
      CheckpointView checkpoint,
      @Schema(description = "La clé qui a signé le point de contrôle") NetworkKeyView key) {}

  @Schema(name = "InclusionProofRow")
  record RowView(
      long id,
      long network,
      String strand,
      long seq,
      String kind,
      long debit,
      long credit,
      @Schema(description = "Unités mineures") long amount,
      String code,
      String key,
      Long pendingId,
      Long reverses,
      Instant expiresAt,
      String reference,
      String memo,
      Instant createdAt,
      String hash) {
    static RowView of(Transfer t) {
      return new RowView(
          t.id().value(),
          t.network().value(),
          t.strand().name(),
          t.seq(),
          t.kind().name(),
          t.debit().value(),
          t.credit().value(),
          t.amount(),
          t.code().name(),
          t.key().value(),
          t.pendingId().map(TransferId::value).orElse(null),
          t.reverses().map(TransferId::value).orElse(null),
          t.expiresAt().orElse(null),
          t.reference(),
          t.memo(),
          t.createdAt(),
          HEX.formatHex(t.hash()));
    }
  }

  @GetMapping(
      path = "/api/v1/transfers/{id}/inclusion-proof",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Preuve d'inclusion d'un de vos virements",
      description =
          "Pour un virement qui débite ou crédite un compte que vous détenez : la preuve qu'il est"
              + " sous un point de contrôle signé du réseau. 404 pour tout autre virement ; 409"
              + " NOT_YET_CHECKPOINTED tant qu'aucun point de contrôle ne le couvre.")
  ProofView proof(@PathVariable long id, Caller caller) {
    Set<NetworkId> scope = caller.networks();
    if (id <= 0 || scope.isEmpty()) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    Transfer transfer =
        ledger
            .transfers()
            .findIn(scope, new TransferId(id))
            .filter(t -> held(caller, t))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    InclusionProof proof =
        proofs
            .prove(transfer.network(), transfer.id())
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_YET_CHECKPOINTED));
    Checkpoint checkpoint =
        checkpoints.find(transfer.network(), proof.checkpointId()).orElseThrow();
    // the checkpoint names its key by its id (or, signed before V9, by its legacy id)
    List<PublishedKey> published = keys.published(transfer.network());
    TrustedKeys trusted = TrustedKeys.of(published.stream().map(PublishedKey::key).toList());
    NetworkKeyView key =
        checkpoint
            .namedKey(trusted)
            .flatMap(k -> published.stream().filter(p -> p.key().equals(k)).findFirst())
            .map(NetworkKeyView::of)
            .orElse(null);
    return new ProofView(
        RowView.of(proof.row()),
        HEX.formatHex(proof.previousRowHash()),
        proof.leafIndex(),
        proof.path().stream().map(HEX::formatHex).toList(),
        CheckpointView.of(checkpoint),
        key);
  }

  private boolean held(Caller caller, Transfer t) {
    return heldBy(caller, t, t.debit()) || heldBy(caller, t, t.credit());
  }

  private boolean heldBy(Caller caller, Transfer t, coop.sol.ledger.account.AccountId account) {
    Optional<coop.sol.ledger.account.Account> a = ledger.accounts().find(t.network(), account);
    return a.filter(x -> access.holds(caller, x)).isPresent();
  }

  private void audit(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      NetworkId network,
      String target,
      Map<String, Object> details) {
    audit.record(caller, http, action, network, target, details);
  }
}
