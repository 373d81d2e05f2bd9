package coop.sol.web.receipt;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import java.util.regex.Pattern;

/**
 * A transfer in the words of the people it concerns, for histories and receipts: what it was
 * ("Achat au comptoir", "Paiement en bon affecté", the voucher's own label), who was on the other
 * side (the network's own accounts by the network's name, never "Émission COOPERATION"), and its
 * reference only when a person gave it (never {@code office:comptoir} or {@code voucher-lot:27}).
 */
public final class TransferWords {
  private static final String OFFICE = "office:";

  /** References the ledger writes for itself: a lower-case word, a colon, no space. */
  private static final Pattern INTERNAL_REFERENCE = Pattern.compile("[a-z][a-z-]*:\\S*");

  private TransferWords() {}

  /**
   * The message key of what {@code t} was; some take one argument, {@link #operationArgument}.
   *
   * @param credit the credited account (a voucher grant is named by its lot's label)
   */
  public static String operationKey(Transfer t) {
    boolean office = t.reference() != null && t.reference().startsWith(OFFICE);
    if (office && t.code() == TransferCode.ISSUANCE) {
      return "words.purchase";
    }
    if (office && t.code() == TransferCode.PURCHASE_BONUS) {
      return "words.purchaseBonus";
    }
    if (office && t.code() == TransferCode.RESERVE_DEPOSIT) {
      return "words.officeSale";
    }
    if (t.code() == TransferCode.PAYMENT
        && t.reference() != null
        && t.reference().startsWith("voucher-lot:")) {
      return "words.voucherPayment";
    }
    if (t.code() == TransferCode.GRANT) {
      return "words.voucher";
    }
    return "transfer.code." + t.code().name();
  }

  /** The argument of {@link #operationKey}'s message: a voucher's label, else "". */
  public static String operationArgument(Transfer t, Account credit) {
    return t.code() == TransferCode.GRANT ? credit.name() : "";
  }

  /**
   * A side of the transfer by the name people know: the account's holder, or for the network's own
   * accounts the network, an exchange office's by its name.
   */
  public static String side(Account account, Network network, Transfer t) {
    if (account.ownerKind() != OwnerKind.SYSTEM) {
      return account.name();
    }
    if (t.reference() != null && t.reference().startsWith(OFFICE)) {
      return network.name() + " — " + t.reference().substring(OFFICE.length());
    }
    return network.name();
  }

  /** The reference a person gave, or null for none and for the ledger's own. */
  public static String reference(Transfer t) {
    String r = t.reference();
    return r == null || r.isBlank() || INTERNAL_REFERENCE.matcher(r).matches() ? null : r;
  }
}
