package coop.sol.merchant.till;

import coop.sol.merchant.code.PayTokenCode;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentRequestCode;
import coop.sol.merchant.code.RejectionReason;
import coop.sol.merchant.code.StaticMerchantCode;
import coop.sol.merchant.qr.AmountFormat;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Payment codes and their rejections, as the till says them to the cashier. */
final class Codes {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Codes() {}

  static String reason(RejectionReason reason) {
    return switch (reason) {
      case NOT_A_QR_CODE -> "aucun QR code lisible dans l'image";
      case NOT_OURS -> "ce n'est pas un code de paiement SOL";
      case MALFORMED -> "code signé mais illisible (mettez la caisse à jour)";
      case UNKNOWN_KEY -> "signé par une clé inconnue de ce réseau (autre réseau, ou clé retirée)";
      case BAD_SIGNATURE -> "signature invalide : code altéré ou contrefait";
      case EXPIRED -> "code expiré";
      case WRONG_NETWORK -> "code d'un autre réseau";
    };
  }

  static String describe(PaymentCode code) {
    AmountFormat sol = AmountFormat.SOL;
    if (code instanceof PaymentRequestCode request) {
      return String.format(
          "demande de paiement de %s au compte %d%s, valable jusqu'au %s (id %s)",
          sol.format(request.amount()),
          request.merchantAccountId(),
          request.reference().isEmpty() ? "" : " « " + request.reference() + " »",
          TIME.format(request.expiresAt()),
          request.nonce());
    }
    if (code instanceof PayTokenCode token) {
      return String.format(
          "jeton de paiement du compte %d, jusqu'à %s, valable jusqu'au %s (id %s)",
          token.memberAccountId(),
          sol.format(token.cap()),
          TIME.format(token.expiresAt()),
          token.nonce());
    }
    return String.format(
        "code fixe du compte commerçant %d (montant au choix)",
        ((StaticMerchantCode) code).merchantAccountId());
  }

  /** "12.50" in minor units at the SOL scale; empty if it is not such an amount. */
  static Optional<Long> minorUnits(String decimal) {
    try {
      BigDecimal value = new BigDecimal(decimal.strip());
      if (value.signum() <= 0 || value.scale() > AmountFormat.SOL.scale()) {
        return Optional.empty();
      }
      return Optional.of(value.movePointRight(AmountFormat.SOL.scale()).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
