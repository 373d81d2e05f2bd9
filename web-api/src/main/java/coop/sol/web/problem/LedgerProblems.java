package coop.sol.web.problem;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.transfer.RejectionReason;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one place where the ledger's answers become HTTP problems, whatever the door: the ledger's
 * {@link RejectionReason}s (the writer refused a transfer) and the operations' {@link
 * OperationReason}s (an operation's own rule refused it), each with its name as the stable {@code
 * code}. 403 when the caller may not debit the account, 404 for a correction that does not exist,
 * 409 when the request conflicts with what exists (a key used for another request, a code already
 * used), 410 for a payment request that can no longer be paid, 422 when it cannot be carried out as
 * it stands (funds, accounts, strands, a voucher lot's rules), 503 with {@code Retry-After} when
 * the ledger is momentarily busy, unreachable or slow (retrying with the same Idempotency-Key is
 * safe). The switches have no default, so a new reason does not compile until it has its answer
 * here.
 */
public final class LedgerProblems {
  private LedgerProblems() {}

  /** The value of a completed operation; throws its refusal or rejection as a problem. */
  public static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T> done) {
      return done.value();
    }
    if (outcome instanceof Outcome.Refused<T> refused) {
      throw problem(refused.reason());
    }
    throw problem(((Outcome.Rejected<T>) outcome).reason());
  }

  /** The stable code of an operation that did not complete; null for one that did. */
  public static String code(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Refused<?> refused) {
      return refused.reason().name();
    }
    if (outcome instanceof Outcome.Rejected<?> rejected) {
      return rejected.reason().name();
    }
    return null;
  }

  public static ApiProblemException problem(RejectionReason reason) {
    Map<String, String> headers =
        switch (reason) {
          case LEDGER_BUSY, LEDGER_TIMEOUT -> Map.of("Retry-After", "1");
          case LEDGER_UNAVAILABLE -> Map.of("Retry-After", "5");
          default -> Map.of();
        };
    return new ApiProblemException(status(reason), reason.name(), detail(reason), headers);
  }

  public static ApiProblemException problem(OperationReason reason) {
    return new ApiProblemException(status(reason), reason.name(), detail(reason), Map.of());
  }

  public static HttpStatus status(RejectionReason reason) {
    return switch (reason) {
      case DEBIT_NOT_ALLOWED, MEMBER_PAYMENTS_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
      case EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_AMOUNT,
          EXISTS_WITH_DIFFERENT_FIELDS,
          DUPLICATE_KEY_IN_REQUEST,
          PENDING_TRANSFER_ALREADY_POSTED,
          PENDING_TRANSFER_ALREADY_VOIDED ->
          HttpStatus.CONFLICT;
      case DEBIT_ACCOUNT_NOT_FOUND,
          CREDIT_ACCOUNT_NOT_FOUND,
          SAME_ACCOUNT,
          STRAND_MISMATCH,
          CREDIT_ACCOUNT_NOT_PAYABLE,
          MERCHANT_CATEGORY_NOT_ALLOWED,
          VOUCHERS_EXPIRED,
          DEBIT_ACCOUNT_FROZEN,
          CREDIT_ACCOUNT_FROZEN,
          DEBIT_ACCOUNT_CLOSED,
          CREDIT_ACCOUNT_CLOSED,
          INSUFFICIENT_FUNDS,
          BALANCE_OVERFLOW,
          PENDING_TRANSFER_NOT_FOUND,
          PENDING_TRANSFER_NOT_PENDING,
          PENDING_TRANSFER_EXPIRED,
          PENDING_TRANSFER_NOT_EXPIRED,
          EXCEEDS_PENDING_AMOUNT,
          REVERSED_TRANSFER_NOT_FOUND,
          REVERSED_TRANSFER_NOT_POSTED,
          REVERSAL_ACCOUNTS_MISMATCH,
          REVERSAL_EXCEEDS_ORIGINAL,
          LINKED_TRANSFER_FAILED,
          REFUSED_BY_DATABASE ->
          HttpStatus.UNPROCESSABLE_CONTENT;
      case LEDGER_BUSY, LEDGER_UNAVAILABLE, LEDGER_TIMEOUT -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  public static HttpStatus status(OperationReason reason) {
    return switch (reason) {
      case CORRECTION_NOT_FOUND, CREDIT_LIMIT_CHANGE_NOT_FOUND, CARD_UNKNOWN ->
          HttpStatus.NOT_FOUND;
      case NOT_THE_AUTHOR -> HttpStatus.FORBIDDEN;
      // CARD_BUSY: other tills' PINs for this card are being checked; retrying soon is the answer
      case CARD_BUSY, CARD_BLOCKED, CARD_REPLACED, CARD_NOT_BLOCKED -> HttpStatus.CONFLICT;
      case CORRECTION_ALREADY_DECIDED,
          SELF_APPROVAL,
          ACCOUNT_CLOSED,
          ACCOUNT_NOT_EMPTY,
          CREDIT_LIMIT_CHANGE_ALREADY_DECIDED,
          PERIOD_OVERLAPS_RUN,
          KEY_REUSED_WITH_DIFFERENT_REQUEST,
          PAYMENT_REQUEST_ALREADY_PAID,
          PAY_TOKEN_ALREADY_USED ->
          HttpStatus.CONFLICT;
      case PAYMENT_REQUEST_EXPIRED, PAYMENT_REQUEST_CANCELLED -> HttpStatus.GONE;
      case NOT_SET_UP,
          RATES_NOT_SET,
          NO_REWARD_RATE,
          NO_VOLUNTEER_RATE,
          NO_FONTE_RULE,
          UNKNOWN_CATEGORY,
          ACCOUNT_NOT_FOUND,
          WRONG_STRAND,
          WRONG_OWNER_KIND,
          CREDIT_LIMIT_UNCHANGED,
          CREDIT_LIMIT_IN_USE,
          UNKNOWN_EXCHANGE_OFFICE,
          OFFICE_DAILY_LIMIT_EXCEEDED,
          AMOUNT_ROUNDS_TO_ZERO,
          OVER_ALLOWANCE,
          RESERVE_INSUFFICIENT,
          ONLY_MERCHANTS_RECONVERT,
          STRAND_NOT_CONVERTIBLE,
          EXPIRY_NOT_IN_FUTURE,
          PAY_TOKEN_CAP_EXCEEDED,
          PAY_TOKEN_UNKNOWN,
          PAYMENT_CODE_EXPIRED,
          PAYMENT_NOT_FOUND,
          TRANSFER_NOT_REFUNDABLE,
          NOT_THE_PAYEE,
          TRANSFER_NOT_FOUND,
          PERIOD_NOT_OVER,
          PERIOD_NOT_IN_SCHEDULE,
          NOTHING_DUE,
          CARD_WRONG_PIN,
          CARD_PIN_INVALID,
          CARD_PAYMENT_CAP_EXCEEDED,
          CARD_DAILY_CAP_EXCEEDED,
          CARD_OFFLINE_CAP_EXCEEDED,
          CARD_CAP_ABOVE_NETWORK,
          CARD_ACCOUNT_NOT_ELIGIBLE,
          CARD_PIN_RESET_INVALID,
          CARD_CAPS_INVALID ->
          HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  /** What a person reads, in French; clients branch on the code, never on this. */
  static String detail(RejectionReason reason) {
    return switch (reason) {
      case EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_AMOUNT,
          EXISTS_WITH_DIFFERENT_FIELDS ->
          "Cette Idempotency-Key a déjà servi pour un autre virement : choisissez-en une nouvelle.";
      case DUPLICATE_KEY_IN_REQUEST -> "La même clé apparaît deux fois dans la demande.";
      case DEBIT_ACCOUNT_NOT_FOUND -> "Compte à débiter introuvable.";
      case CREDIT_ACCOUNT_NOT_FOUND -> "Compte à créditer introuvable dans ce réseau.";
      case SAME_ACCOUNT -> "Le compte à débiter et le compte à créditer sont le même.";
      case STRAND_MISMATCH -> "Les deux comptes ne sont pas de la même branche de SOL.";
      case DEBIT_NOT_ALLOWED -> "Vous ne pouvez pas débiter ce compte.";
      case CREDIT_ACCOUNT_NOT_PAYABLE -> "Ce compte ne peut pas recevoir de paiement.";
      case MEMBER_PAYMENTS_NOT_ALLOWED ->
          "Dans ce réseau, les adhérents ne se paient pas entre eux : payez un commerçant.";
      case MERCHANT_CATEGORY_NOT_ALLOWED ->
          "Ces SOL Affecté ne peuvent pas être dépensés ici (catégorie de commerçant non prévue).";
      case VOUCHERS_EXPIRED -> "Ces SOL Affecté ont expiré.";
      case DEBIT_ACCOUNT_FROZEN, DEBIT_ACCOUNT_CLOSED -> "Le compte à débiter est gelé ou clos.";
      case CREDIT_ACCOUNT_FROZEN, CREDIT_ACCOUNT_CLOSED -> "Le compte à créditer est gelé ou clos.";
      case INSUFFICIENT_FUNDS -> "Solde disponible insuffisant.";
      case BALANCE_OVERFLOW -> "Un solde dépasserait ce que le grand livre peut tenir.";
      case PENDING_TRANSFER_NOT_FOUND,
          PENDING_TRANSFER_NOT_PENDING,
          PENDING_TRANSFER_ALREADY_POSTED,
          PENDING_TRANSFER_ALREADY_VOIDED,
          PENDING_TRANSFER_EXPIRED,
          PENDING_TRANSFER_NOT_EXPIRED,
          EXCEEDS_PENDING_AMOUNT ->
          "Virement en attente introuvable, déjà réglé, expiré, ou montant trop élevé.";
      case REVERSED_TRANSFER_NOT_FOUND, REVERSED_TRANSFER_NOT_POSTED, REVERSAL_ACCOUNTS_MISMATCH ->
          "Ce virement ne peut pas être annulé ainsi.";
      case REVERSAL_EXCEEDS_ORIGINAL -> "Le montant dépasse ce qui reste à rembourser.";
      case LINKED_TRANSFER_FAILED -> "Un autre virement de la même opération a été refusé.";
      case REFUSED_BY_DATABASE ->
          "La base de données a refusé d'enregistrer ce virement (une valeur qu'elle n'accepte"
              + " pas) ; rien n'a été écrit.";
      case LEDGER_BUSY ->
          "Le grand livre est très sollicité : réessayez dans un instant avec la même"
              + " Idempotency-Key.";
      case LEDGER_UNAVAILABLE ->
          "Le grand livre est momentanément injoignable : réessayez avec la même Idempotency-Key"
              + " (sans risque de double paiement).";
      case LEDGER_TIMEOUT ->
          "Le grand livre n'a pas répondu à temps ; l'opération a pu aboutir ou non : réessayez"
              + " avec la même Idempotency-Key (sans risque de double paiement).";
    };
  }

  /** What a person reads, in French; clients branch on the code, never on this. */
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
      case CREDIT_LIMIT_UNCHANGED -> "Ce compte a déjà ce plafond de découvert.";
      case CREDIT_LIMIT_IN_USE -> "Ce compte utilise déjà plus que ce plafond de découvert.";
      case CREDIT_LIMIT_CHANGE_NOT_FOUND -> "Changement de plafond introuvable dans ce réseau.";
      case CREDIT_LIMIT_CHANGE_ALREADY_DECIDED -> "Ce changement de plafond a déjà été décidé.";
      case ACCOUNT_CLOSED -> "Ce compte est clos : il ne se gèle, ne se dégèle ni ne se rouvre.";
      case ACCOUNT_NOT_EMPTY ->
          "Ce compte n'est pas à zéro : faites d'abord approuver un virement de clôture (une"
              + " correction).";
      case UNKNOWN_EXCHANGE_OFFICE -> "Comptoir de change inconnu dans ce réseau.";
      case OFFICE_DAILY_LIMIT_EXCEEDED ->
          "Cette vente dépasserait la limite journalière du comptoir fixée par le réseau.";
      case AMOUNT_ROUNDS_TO_ZERO -> "Après arrondi, l'opération ne porterait sur rien.";
      case OVER_ALLOWANCE -> "La dotation de l'association ne couvre pas ces heures.";
      case RESERVE_INSUFFICIENT -> "Le fonds de garantie ne contient pas les euros à verser.";
      case ONLY_MERCHANTS_RECONVERT -> "Seuls les commerçants reconvertissent des SOL en euros.";
      case STRAND_NOT_CONVERTIBLE -> "Seuls les SOL Coopération se reconvertissent en euros.";
      case EXPIRY_NOT_IN_FUTURE -> "La date d'expiration doit être dans le futur.";
      case PAYMENT_REQUEST_ALREADY_PAID ->
          "Cette demande de paiement est déjà payée, ou en cours de paiement par quelqu'un d'autre.";
      case PAYMENT_REQUEST_EXPIRED -> "Cette demande de paiement a expiré.";
      case PAYMENT_REQUEST_CANCELLED -> "Cette demande de paiement a été annulée.";
      case PAY_TOKEN_ALREADY_USED ->
          "Ce jeton de paiement a déjà servi, ou sert en ce moment à un autre encaissement.";
      case PAY_TOKEN_CAP_EXCEEDED -> "Le montant dépasse le plafond du jeton de paiement.";
      case PAY_TOKEN_UNKNOWN -> "Ce jeton de paiement n'a pas été émis par ce réseau.";
      case PAYMENT_CODE_EXPIRED -> "Ce code de paiement a expiré.";
      case PAYMENT_NOT_FOUND -> "Paiement introuvable dans ce réseau.";
      case TRANSFER_NOT_REFUNDABLE -> "Seul un paiement peut être remboursé.";
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
      case CARD_UNKNOWN -> "Carte inconnue dans ce réseau.";
      case CARD_BLOCKED -> "Cette carte est bloquée.";
      case CARD_REPLACED -> "Cette carte a été remplacée : seule la plus récente paie.";
      case CARD_WRONG_PIN ->
          "Code PIN incorrect. Trois codes incorrects de suite bloquent la carte.";
      case CARD_BUSY -> "Des codes PIN de cette carte sont en cours de vérification : réessayez.";
      case CARD_PIN_INVALID -> "Un code PIN a 4 à 6 chiffres.";
      case CARD_PAYMENT_CAP_EXCEEDED -> "Le montant dépasse le plafond d'un paiement par carte.";
      case CARD_DAILY_CAP_EXCEEDED -> "Ce paiement dépasserait le plafond journalier de la carte.";
      case CARD_OFFLINE_CAP_EXCEEDED ->
          "Hors ligne, une carte n'est acceptée que sous le plafond hors ligne du réseau.";
      case CARD_CAP_ABOVE_NETWORK ->
          "Le plafond journalier choisi dépasse celui du réseau (ou n'est pas positif).";
      case CARD_NOT_BLOCKED -> "Cette carte n'est pas bloquée.";
      case CARD_ACCOUNT_NOT_ELIGIBLE ->
          "Une carte est émise pour le compte ouvert d'un adhérent de ce réseau.";
      case CARD_PIN_RESET_INVALID ->
          "Ce code de nouveau PIN est inconnu, déjà utilisé, remplacé ou expiré.";
      case CARD_CAPS_INVALID -> "Plafonds positifs, hors ligne ≤ par paiement ≤ journalier.";
    };
  }
}
