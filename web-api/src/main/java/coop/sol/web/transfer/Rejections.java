package coop.sol.web.transfer;

import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.problem.ApiProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The ledger's rejection reasons as HTTP problems, with the reason's name as the stable {@code
 * code}: 409 when the request conflicts with what exists (an idempotency key already used for
 * another transfer, a pending transfer already resolved), 422 when it cannot be carried out as it
 * stands (funds, accounts, strands), 503 with Retry-After when the ledger is momentarily busy or
 * unreachable (retrying with the same Idempotency-Key is safe). The switch has no default, so a new
 * reason in the ledger does not compile until it has its answer here.
 */
public final class Rejections {
  private Rejections() {}

  public static HttpStatus status(RejectionReason reason) {
    return switch (reason) {
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
          LINKED_TRANSFER_FAILED ->
          HttpStatus.UNPROCESSABLE_CONTENT;
      case LEDGER_BUSY, LEDGER_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  static String detail(RejectionReason reason) {
    return switch (reason) {
      case EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
          EXISTS_WITH_DIFFERENT_AMOUNT,
          EXISTS_WITH_DIFFERENT_FIELDS ->
          "Cette Idempotency-Key a déjà servi pour un autre virement : choisissez-en une nouvelle.";
      case DEBIT_ACCOUNT_NOT_FOUND -> "Compte à débiter introuvable.";
      case CREDIT_ACCOUNT_NOT_FOUND -> "Compte à créditer introuvable dans ce réseau.";
      case SAME_ACCOUNT -> "Le compte à débiter et le compte à créditer sont le même.";
      case STRAND_MISMATCH -> "Les deux comptes ne sont pas de la même branche de SOL.";
      case DEBIT_ACCOUNT_FROZEN, DEBIT_ACCOUNT_CLOSED -> "Le compte à débiter est gelé ou clos.";
      case CREDIT_ACCOUNT_FROZEN, CREDIT_ACCOUNT_CLOSED -> "Le compte à créditer est gelé ou clos.";
      case INSUFFICIENT_FUNDS -> "Solde disponible insuffisant.";
      case LEDGER_BUSY ->
          "Le grand livre est très sollicité : réessayez dans un instant avec la même"
              + " Idempotency-Key.";
      case LEDGER_UNAVAILABLE ->
          "Le grand livre est momentanément injoignable : réessayez avec la même Idempotency-Key"
              + " (sans risque de double paiement).";
      default -> "Virement refusé par le grand livre (" + reason.name() + ").";
    };
  }

  public static ApiProblemException problem(RejectionReason reason) {
    Map<String, String> headers =
        switch (reason) {
          case LEDGER_BUSY -> Map.of("Retry-After", "1");
          case LEDGER_UNAVAILABLE -> Map.of("Retry-After", "5");
          default -> Map.of();
        };
    return new ApiProblemException(status(reason), reason.name(), detail(reason), headers);
  }
}
