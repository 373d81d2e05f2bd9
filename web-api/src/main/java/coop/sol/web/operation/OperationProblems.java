package coop.sol.web.operation;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.transfer.Rejections;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The outcome of an operation as HTTP: its value when done; otherwise a problem whose stable {@code
 * code} is the reason's name — an {@link OperationReason} when a rule of the operation refused it,
 * the ledger's {@code RejectionReason} (answered as for payments) when the ledger rejected its
 * transfers. 404 for a correction that does not exist (or not for the caller), 409 when the request
 * conflicts with what was decided or recorded before, 422 when it cannot be carried out as it
 * stands. The switches have no default, so a new reason does not compile until it has its answer.
 */
public final class OperationProblems {
  private OperationProblems() {}

  /** The value of a completed operation; throws its refusal or rejection as a problem. */
  public static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T> done) {
      return done.value();
    }
    if (outcome instanceof Outcome.Refused<T> refused) {
      throw problem(refused.reason());
    }
    throw Rejections.problem(((Outcome.Rejected<T>) outcome).reason());
  }

  public static ApiProblemException problem(OperationReason reason) {
    return new ApiProblemException(status(reason), reason.name(), detail(reason), Map.of());
  }

  static HttpStatus status(OperationReason reason) {
    return switch (reason) {
      case CORRECTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
      case NOT_THE_AUTHOR -> HttpStatus.FORBIDDEN;
      case CORRECTION_ALREADY_DECIDED,
          SELF_APPROVAL,
          PERIOD_OVERLAPS_RUN,
          KEY_REUSED_WITH_DIFFERENT_REQUEST ->
          HttpStatus.CONFLICT;
      case NOT_SET_UP,
          RATES_NOT_SET,
          NO_REWARD_RATE,
          NO_VOLUNTEER_RATE,
          NO_FONTE_RULE,
          UNKNOWN_CATEGORY,
          ACCOUNT_NOT_FOUND,
          WRONG_STRAND,
          WRONG_OWNER_KIND,
          UNKNOWN_EXCHANGE_OFFICE,
          AMOUNT_ROUNDS_TO_ZERO,
          OVER_ALLOWANCE,
          RESERVE_INSUFFICIENT,
          ONLY_MERCHANTS_RECONVERT,
          STRAND_NOT_CONVERTIBLE,
          MERCHANT_CATEGORY_NOT_ALLOWED,
          VOUCHERS_EXPIRED,
          EXPIRY_NOT_IN_FUTURE,
          PAYMENT_NOT_FOUND,
          NOT_A_PAYMENT,
          NOT_THE_PAYEE,
          TRANSFER_NOT_FOUND,
          PERIOD_NOT_OVER,
          PERIOD_NOT_IN_SCHEDULE,
          NOTHING_DUE ->
          HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  /** What the person reads, in French; clients branch on the code, never on this. */
  static String detail(OperationReason reason) {
    return switch (reason) {
      case NOT_SET_UP -> "Les comptes système de ce réseau ne sont pas encore créés.";
      case RATES_NOT_SET -> "Ce réseau n'a pas encore de taux (euro, bonus, commission).";
      case NO_REWARD_RATE -> "Ce commerçant n'a pas de taux de récompense.";
      case NO_VOLUNTEER_RATE -> "Cette association n'a pas de taux horaire de bénévolat.";
      case NO_FONTE_RULE -> "Cette branche n'a pas de règle de fonte active.";
      case UNKNOWN_CATEGORY -> "Catégorie de commerçant inconnue dans ce réseau.";
      case ACCOUNT_NOT_FOUND -> "Compte introuvable dans ce réseau.";
      case WRONG_STRAND -> "Ce compte n'est pas de la branche de SOL de cette opération.";
      case WRONG_OWNER_KIND -> "Ce compte ne peut pas jouer ce rôle dans cette opération.";
      case UNKNOWN_EXCHANGE_OFFICE -> "Comptoir de change inconnu dans ce réseau.";
      case AMOUNT_ROUNDS_TO_ZERO -> "Après arrondi, l'opération ne porterait sur rien.";
      case OVER_ALLOWANCE -> "La dotation de l'association ne couvre pas ces heures.";
      case RESERVE_INSUFFICIENT -> "Le fonds de garantie ne contient pas les euros à verser.";
      case ONLY_MERCHANTS_RECONVERT -> "Seuls les commerçants reconvertissent des SOL en euros.";
      case STRAND_NOT_CONVERTIBLE -> "Seuls les SOL Coopération se reconvertissent en euros.";
      case MERCHANT_CATEGORY_NOT_ALLOWED ->
          "Vos SOL Affecté ne peuvent pas être dépensés chez ce commerçant (catégorie non prévue).";
      case VOUCHERS_EXPIRED -> "Vos SOL Affecté utilisables ici ont expiré.";
      case EXPIRY_NOT_IN_FUTURE -> "La date d'expiration doit être dans le futur.";
      case PAYMENT_NOT_FOUND -> "Paiement introuvable dans ce réseau.";
      case NOT_A_PAYMENT -> "Seul un paiement peut être remboursé.";
      case NOT_THE_PAYEE -> "Seul le bénéficiaire d'un paiement peut le rembourser.";
      case CORRECTION_NOT_FOUND -> "Cette correction n'existe pas.";
      case CORRECTION_ALREADY_DECIDED ->
          "Cette correction a déjà été approuvée, refusée ou retirée.";
      case SELF_APPROVAL ->
          "Double contrôle : une correction est décidée par un autre coordinateur que son auteur.";
      case NOT_THE_AUTHOR -> "Seul l'auteur d'une correction peut la retirer.";
      case TRANSFER_NOT_FOUND -> "Virement introuvable dans ce réseau.";
      case PERIOD_NOT_OVER -> "Cette période de fonte n'est pas terminée.";
      case PERIOD_NOT_IN_SCHEDULE -> "Cette période n'est pas une période de la règle de fonte.";
      case PERIOD_OVERLAPS_RUN -> "Cette période chevauche une période de fonte déjà passée.";
      case NOTHING_DUE -> "Aucune période de fonte n'est encore terminée.";
      case KEY_REUSED_WITH_DIFFERENT_REQUEST ->
          "Cette Idempotency-Key a déjà servi pour une autre demande : choisissez-en une nouvelle.";
    };
  }
}
