package coop.sol.web.account;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An account and its balances, amounts as decimal strings with the strand's number of decimals.
 *
 * @param owner the owner's username (or, for system accounts, their role such as "issuance")
 * @param creditLimit how far below zero the available balance may go; null when unlimited
 */
@Schema(name = "Account")
public record AccountView(
    long id,
    @Schema(description = "Code du réseau", example = "demo") String network,
    @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE", "EURO"}) String strand,
    @Schema(
            allowableValues = {
              "MEMBER",
              "MERCHANT",
              "ASSOCIATION",
              "FUNDER",
              "EXCHANGE_OFFICE",
              "SYSTEM"
            })
        String ownerKind,
    String owner,
    String name,
    @Schema(allowableValues = {"OPEN", "FROZEN", "CLOSED"}) String status,
    @Schema(description = "Nombre de décimales des montants de cette branche", example = "2")
        int scale,
    BalanceView balance,
    @Schema(nullable = true, example = "0.00") String creditLimit) {

  /**
   * Balances of an account, decimal strings.
   *
   * @param posted credits minus debits, posted
   * @param pending net of the pending transfers (credits minus debits), not yet posted
   * @param available what may still be spent: posted minus pending debits
   */
  @Schema(name = "Balance")
  public record BalanceView(
      @Schema(example = "145.80") String posted,
      @Schema(example = "0.00") String pending,
      @Schema(example = "145.80") String available) {}

  public static AccountView of(Account account, Network network) {
    int scale = network.scale(account.strand());
    var balance = account.balance();
    return new AccountView(
        account.id().value(),
        network.code(),
        account.strand().name(),
        account.ownerKind().name(),
        account.ownerRef(),
        account.name(),
        account.status().name(),
        scale,
        new BalanceView(
            Decimals.format(balance.posted(), scale),
            Decimals.format(balance.pending(), scale),
            Decimals.format(balance.available(), scale)),
        account.creditLimit().isPresent()
            ? Decimals.format(account.creditLimit().getAsLong(), scale)
            : null);
  }
}
