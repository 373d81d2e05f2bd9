package coop.sol.web.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code code} property of every problem the API answers with. Clients branch on it,
 * never on the human-readable detail (which is in French and may be reworded).
 */
public enum ProblemCode {
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentification requise."),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Vous n'avez pas accès à cette ressource."),
  CSRF_REJECTED(
      HttpStatus.FORBIDDEN, "Jeton CSRF absent ou invalide : rechargez la page et recommencez."),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Cette ressource n'existe pas."),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Méthode HTTP non acceptée ici."),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Format de réponse demandé non disponible."),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format de la requête non accepté."),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "Requête invalide."),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Corps de requête illisible ou mal formé."),
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "La requête contient des valeurs invalides."),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Requête trop volumineuse."),
  CONFLICT(HttpStatus.CONFLICT, "La requête est en conflit avec l'état de la ressource."),
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service momentanément indisponible."),
  INTERNAL_ERROR(
      HttpStatus.INTERNAL_SERVER_ERROR, "Erreur interne du serveur ; elle a été journalisée.");

  private final HttpStatus status;
  private final String detail;

  ProblemCode(HttpStatus status, String detail) {
    this.status = status;
    this.detail = detail;
  }

  public HttpStatus status() {
    return status;
  }

  /** The default human-readable explanation, in French. */
  public String detail() {
    return detail;
  }

  /**
   * The code for a status when nothing more specific is known: the first code declared with that
   * status, else BAD_REQUEST for any other 4xx and INTERNAL_ERROR for the rest.
   */
  public static ProblemCode forStatus(HttpStatusCode status) {
    for (ProblemCode code : values()) {
      if (code.status.value() == status.value()) {
        return code;
      }
    }
    return status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
  }
}
