package coop.sol.web.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code code} property of every problem the API answers with. Clients branch on it,
 * never on the human-readable detail (which is in French and may be reworded).
 */
public enum ProblemCode {
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentification requise."),
  INVALID_TOKEN(
      HttpStatus.UNAUTHORIZED, "Jeton d'accès inconnu, expiré ou révoqué : créez-en un nouveau."),
  SECOND_FACTOR_REQUIRED(
      HttpStatus.UNAUTHORIZED,
      "Ce compte exige un code TOTP : connectez-vous par le formulaire ou avec un jeton d'accès"
          + " créé avec votre code."),
  SECOND_FACTOR_INVALID(HttpStatus.UNAUTHORIZED, "Code TOTP incorrect ou déjà utilisé."),
  LOGIN_THROTTLED(
      HttpStatus.TOO_MANY_REQUESTS,
      "Trop d'échecs de connexion : réessayez après le délai indiqué par Retry-After."),
  FORBIDDEN(HttpStatus.FORBIDDEN, "Vous n'avez pas accès à cette ressource."),
  INSUFFICIENT_SCOPE(
      HttpStatus.FORBIDDEN, "Le jeton d'accès utilisé n'a pas la portée (scope) nécessaire."),
  CSRF_REJECTED(
      HttpStatus.FORBIDDEN, "Jeton CSRF absent ou invalide : rechargez la page et recommencez."),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Cette ressource n'existe pas."),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Méthode HTTP non acceptée ici."),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Format de réponse demandé non disponible."),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format de la requête non accepté."),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "Requête invalide."),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Corps de requête illisible ou mal formé."),
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "La requête contient des valeurs invalides."),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Paramètre de requête invalide."),
  INVALID_AMOUNT(
      HttpStatus.BAD_REQUEST,
      "Montant invalide : une chaîne décimale positive, sans espace ni exposant ni zéro en tête,"
          + " avec au plus autant de décimales que la branche en admet (par exemple \"12.50\")."),
  INVALID_TEXT(
      HttpStatus.BAD_REQUEST,
      "Texte invalide : ni caractère de contrôle (NUL...), ni demi-paire de substitution UTF-16 ;"
          + " des retours à la ligne seulement dans les champs qui en admettent."),
  INVALID_PERIOD(
      HttpStatus.BAD_REQUEST,
      "Date, instant ou période invalide : ISO 8601, du 1900-01-01 au 9999-12-31, la fin après le"
          + " début."),
  IDEMPOTENCY_KEY_REQUIRED(
      HttpStatus.BAD_REQUEST, "L'en-tête Idempotency-Key est obligatoire pour cette opération."),
  INVALID_IDEMPOTENCY_KEY(
      HttpStatus.BAD_REQUEST,
      "Idempotency-Key : de 1 à 128 caractères ASCII imprimables, sans espace ni barre oblique (/)."),
  SCOPE_NOT_ALLOWED(
      HttpStatus.BAD_REQUEST, "Portée (scope) inconnue ou inutilisable avec vos rôles."),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Requête trop volumineuse."),
  CONFLICT(HttpStatus.CONFLICT, "La requête est en conflit avec l'état de la ressource."),
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service momentanément indisponible."),
  // Payments with QR codes (payment requests, pay tokens, refunds). Declared after the generic
  // code of each status, which forStatus picks.
  MERCHANT_ACCOUNT_NOT_FOUND(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Compte commerçant introuvable, ou vous n'en tenez pas la caisse."),
  PAYMENT_CODE_NOT_OURS(HttpStatus.UNPROCESSABLE_CONTENT, "Ce n'est pas un code de paiement SOL."),
  PAYMENT_CODE_MALFORMED(
      HttpStatus.UNPROCESSABLE_CONTENT, "Code de paiement signé mais illisible par ce serveur."),
  PAYMENT_CODE_UNKNOWN_KEY(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Code de paiement signé par une clé que ce réseau ne reconnaît pas."),
  PAYMENT_CODE_BAD_SIGNATURE(
      HttpStatus.UNPROCESSABLE_CONTENT, "Code de paiement altéré : sa signature est invalide."),
  PAYMENT_CODE_WRONG_NETWORK(
      HttpStatus.UNPROCESSABLE_CONTENT, "Ce code de paiement est celui d'un autre réseau."),
  PAYMENT_CODE_WRONG_KIND(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Ce code de paiement n'est pas de la sorte attendue ici (jeton, demande, code fixe)."),
  REFUND_AMOUNT_REQUIRED(
      HttpStatus.BAD_REQUEST,
      "Indiquez le montant à rembourser : un montant vide ne rembourse jamais toute la vente."),
  REFUND_NOT_YOUR_SALE(
      HttpStatus.FORBIDDEN,
      "Cette vente a été encaissée par une autre personne : elle ou le commerçant la rembourse."),
  REFUND_LIMIT_EXCEEDED(
      HttpStatus.FORBIDDEN,
      "Ce remboursement dépasse le plafond que le commerçant vous a fixé pour cette branche."),
  // Load, faults and timeouts (coop.sol.web.reliability), after SERVICE_UNAVAILABLE.
  OVERLOADED(
      HttpStatus.SERVICE_UNAVAILABLE,
      "Serveur saturé : réessayez après le délai indiqué par Retry-After."),
  DATABASE_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE,
      "Base de données momentanément injoignable ou trop lente : réessayez après le délai indiqué"
          + " par Retry-After."),
  NOT_YET_CHECKPOINTED(
      HttpStatus.CONFLICT,
      "Aucun point de contrôle ne couvre encore ce virement ; réessayez après le prochain."),
  PERSON_IN_OTHER_NETWORKS(
      HttpStatus.CONFLICT,
      "Cette personne a aussi un rôle dans un autre réseau : ses coordinateurs doivent l'y clore"
          + " d'abord, car ses données personnelles sont communes."),
  BACKUP_IN_PROGRESS(HttpStatus.CONFLICT, "Une sauvegarde est déjà en cours."),
  BACKUP_UNAVAILABLE(
      HttpStatus.CONFLICT,
      "Sauvegarde en ligne possible seulement avec la base embarquée ; avec une base externe,"
          + " utilisez pg_basebackup ou pg_dump."),
  // People and their access (coop.sol.web.people, coop.sol.web.network), after the generic codes
  WEAK_PASSWORD(
      HttpStatus.BAD_REQUEST,
      "Mot de passe refusé : au moins 12 caractères, pas un mot de passe courant, sans votre nom"
          + " d'utilisateur (voir reasons)."),
  ACTIVATION_INVALID(
      HttpStatus.BAD_REQUEST,
      "Code d'activation inconnu, déjà utilisé, remplacé par un plus récent ou expiré : demandez-en"
          + " un nouveau à votre coordination."),
  CURRENT_PASSWORD_INVALID(HttpStatus.BAD_REQUEST, "Mot de passe actuel incorrect."),
  INVALID_ROLES(
      HttpStatus.BAD_REQUEST,
      "Rôles invalides : MEMBER, MERCHANT, CASHIER (avec merchant), EXCHANGE_AGENT, ASSOCIATION,"
          + " FUNDER, COORDINATOR ; au moins un, chacun une fois."),
  USERNAME_TAKEN(HttpStatus.CONFLICT, "Ce nom d'utilisateur est déjà pris."),
  NETWORK_CODE_TAKEN(HttpStatus.CONFLICT, "Un réseau porte déjà ce code."),
  IMPORT_FILE_INVALID(
      HttpStatus.BAD_REQUEST,
      "Fichier d'import illisible : voir problems (ligne, colonne, code) ; rien n'a été importé."),
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
