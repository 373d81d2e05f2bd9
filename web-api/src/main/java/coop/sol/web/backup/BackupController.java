package coop.sol.web.backup;

import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Online backups of the embedded database, for administrators. */
@RestController
@RequestMapping(path = "/api/v1/admin/backups", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "Sauvegardes de l'installation")
class BackupController {
  private final Backups backups;

  BackupController(Backups backups) {
    this.backups = backups;
  }

  /**
   * @param path where the backup is, on the server
   * @param sizeBytes the size of its files
   */
  @Schema(name = "Backup")
  record BackupView(
      String name, String path, Instant startedAt, Instant finishedAt, long sizeBytes) {
    static BackupView of(Backups.Backup backup) {
      return new BackupView(
          backup.name(),
          backup.directory().toString(),
          backup.startedAt(),
          backup.finishedAt(),
          backup.sizeBytes());
    }
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Sauvegarder maintenant",
      description =
          "Sauvegarde en ligne de la base PostgreSQL embarquée dans <data-dir>/backups/<horodatage"
              + " UTC>, pendant que le grand livre continue d'écrire : la copie contient exactement"
              + " les transactions validées avant la fin de la sauvegarde. Une à la fois (409"
              + " BACKUP_IN_PROGRESS). Avec une base externe, 409 BACKUP_UNAVAILABLE : utilisez"
              + " pg_basebackup ou pg_dump. Restauration : voir docs/reliability.md.")
  @ApiResponse(responseCode = "201", description = "Sauvegarde écrite")
  BackupView create(Caller caller, HttpServletRequest http) {
    return BackupView.of(
        backups.create(
            new Backups.Requester(caller.userId(), caller.username(), ClientAddress.of(http))));
  }

  @GetMapping
  @Operation(summary = "Les sauvegardes présentes, de la plus ancienne à la plus récente")
  List<BackupView> list() {
    return backups.list().stream().map(BackupView::of).toList();
  }
}
