package coop.sol.web.receipt;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.exchange.SolPurchased;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.auth.Caller;
import coop.sol.web.user.Role;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may have a transfer's receipt, and what it says.
 *
 * <p>A receipt is for the two sides of the transfer: whoever holds the debited or the credited
 * account, and those who act for them at the till — the payee merchant's cashiers, and the exchange
 * office's agent for the SOL it sold (its transfers carry {@code office:<agent>}). Nobody else,
 * coordinators included (they read the journal itself): for them the transfer does not exist (404).
 */
@Component
public class Receipts {
  private static final Set<TransferCode> PURCHASE_LEGS =
      Set.of(TransferCode.ISSUANCE, TransferCode.PURCHASE_BONUS, TransferCode.RESERVE_DEPOSIT);

  private final Ledger ledger;
  private final Operations operations;
  private final AccountAccess access;

  Receipts(Ledger ledger, Operations operations, AccountAccess access) {
    this.ledger = ledger;
    this.operations = operations;
    this.access = access;
  }

  /** The receipt of transfer {@code id} if the caller is on either side of it; empty otherwise. */
  public Optional<Receipt> find(Caller caller, long id) {
    if (id <= 0 || caller.networks().isEmpty()) {
      return Optional.empty();
    }
    return ledger
        .transfers()
        .findIn(caller.networks(), new TransferId(id))
        .flatMap(t -> receiptFor(caller, t));
  }

  private Optional<Receipt> receiptFor(Caller caller, Transfer t) {
    Account debit = ledger.accounts().find(t.network(), t.debit()).orElseThrow();
    Account credit = ledger.accounts().find(t.network(), t.credit()).orElseThrow();
    boolean office =
        t.reference() != null
            && t.reference().equals("office:" + caller.username())
            && caller.holds(Role.EXCHANGE_AGENT, t.network());
    boolean allowed =
        access.holds(caller, debit)
            || access.holds(caller, credit)
            || access.isCashierOf(caller, credit)
            || office;
    if (!allowed) {
      return Optional.empty();
    }
    return Optional.of(receipt(t, debit, credit));
  }

  private Receipt receipt(Transfer t, Account debit, Account credit) {
    NetworkId id = t.network();
    Network network = ledger.networks().find(id).orElseThrow();
    Optional<SolPurchased> purchase =
        PURCHASE_LEGS.contains(t.code())
            ? operations.exchange().purchaseOf(t)
            : Optional.<SolPurchased>empty();
    String operation =
        purchase.isPresent() ? "receipt.operation.purchase" : TransferWords.operationKey(t);
    int scale = network.scale(t.strand());
    Receipt.Purchase sale =
        purchase
            .map(
                p -> {
                  int sol = network.scale(StrandKind.COOPERATION);
                  return new Receipt.Purchase(
                      Decimals.format(p.euros(), network.scale(StrandKind.EURO)),
                      Decimals.format(p.sol(), sol),
                      Decimals.format(p.bonus(), sol),
                      Decimals.format(Math.addExact(p.sol(), p.bonus()), sol));
                })
            .orElse(null);
    String reference = TransferWords.reference(t);
    String memo = purchase.isPresent() || t.memo() == null || t.memo().isBlank() ? null : t.memo();
    return new Receipt(
        t.id().value(),
        network.name(),
        t.createdAt(),
        operation,
        TransferWords.operationArgument(t, credit),
        TransferWords.side(debit, network, t),
        TransferWords.side(credit, network, t),
        Decimals.format(t.amount(), scale),
        t.strand(),
        reference,
        memo,
        sale,
        HexFormat.of().formatHex(t.hash()).substring(0, 16));
  }

  /** A decimal text of a receipt ("12.50") for the reader's language. */
  public static String localized(String decimal, Locale locale) {
    return decimal == null || !"fr".equals(locale.getLanguage())
        ? decimal
        : decimal.replace('.', ',');
  }
}
