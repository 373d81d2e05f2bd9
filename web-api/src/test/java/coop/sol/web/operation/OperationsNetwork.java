package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.user.Role;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/**
 * A network of its own for an operations test, with one user per role and their accounts in every
 * strand they use, built step by step: {@code OperationsNetwork.of(callers, context).withRates()}.
 * Settings made here go through {@link Operations} directly (what a test is about goes through
 * HTTP).
 */
final class OperationsNetwork {
  final Callers callers;
  final Operations operations;
  final Network network;
  final String coordinator;
  final String coordinator2;
  final String member;
  final String merchant;
  final String cashier;
  final String agent;
  final String association;
  final String funder;
  private final Actor setUp = Actor.of("test-setup");

  private OperationsNetwork(Callers callers, ApplicationContext context, String prefix) {
    this.callers = callers;
    this.operations = context.getBean(Operations.class);
    this.network = callers.newNetwork(prefix);
    operations.settings().setUp(network.id());
    coordinator = callers.newUser("coord", Role.COORDINATOR, network, null);
    coordinator2 = callers.newUser("coordb", Role.COORDINATOR, network, null);
    member = callers.newUser("membre", Role.MEMBER, network, null);
    merchant = callers.newUser("commerce", Role.MERCHANT, network, null);
    agent = callers.newUser("comptoir", Role.EXCHANGE_AGENT, network, null);
    association = callers.newUser("asso", Role.ASSOCIATION, network, null);
    funder = callers.newUser("financeur", Role.FUNDER, network, null);
    cashier = callers.newCashier("caisse", network, merchant);
    open(OwnerKind.MEMBER, member, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);
    open(OwnerKind.MERCHANT, merchant, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);
    open(OwnerKind.ASSOCIATION, association, StrandKind.ENGAGEMENT);
    open(OwnerKind.FUNDER, funder, StrandKind.AFFECTE);
  }

  static OperationsNetwork of(Callers callers, ApplicationContext context, String prefix) {
    return new OperationsNetwork(callers, context, prefix);
  }

  /** 1 SOL = {@code euroPerSol} EUR, bonus and fee in basis points. */
  OperationsNetwork withRates(String euroPerSol, int bonusBp, int feeBp) {
    operations
        .settings()
        .changeRates(
            network.id(),
            new NetworkRates(
                EuroRate.of(euroPerSol), BasisPoints.of(bonusBp), BasisPoints.of(feeBp)),
            setUp);
    return this;
  }

  /** FOOD and BOOKS in the catalogue; the merchant sells FOOD and rewards {@code rewardBp}. */
  OperationsNetwork withMerchantSettings(int rewardBp) {
    var id = network.id();
    operations.settings().defineCategory(id, new MerchantCategory("FOOD", "Alimentation"));
    operations.settings().defineCategory(id, new MerchantCategory("BOOKS", "Livres"));
    operations.settings().changeMerchantCategories(id, merchant, Set.of("FOOD"), setUp);
    operations.settings().changeRewardRate(id, merchant, BasisPoints.of(rewardBp), setUp);
    return this;
  }

  Account account(OwnerKind kind, String owner, StrandKind strand) {
    return callers.account(network, kind, owner, strand);
  }

  long accountId(OwnerKind kind, String owner, StrandKind strand) {
    return account(kind, owner, strand).id().value();
  }

  /** Issues {@code amount} to the account from its strand's issuance. */
  void fund(OwnerKind kind, String owner, StrandKind strand, String amount) {
    callers.fund(network, account(kind, owner, strand), amount);
  }

  /** The posted balance, as a decimal string. */
  String balance(OwnerKind kind, String owner, StrandKind strand) {
    return coop.sol.ledger.money.Decimals.format(
        account(kind, owner, strand).balance().posted(), network.scale(strand));
  }

  Api as(String username) {
    return callers.as(username);
  }

  Ledger ledger() {
    return callers.ledger();
  }

  void assertJournalVerifies() {
    var report = ledger().verifier().verify(network.id());
    assertThat(report.firstDiscrepancy()).isEmpty();
    assertThat(report.valid()).isTrue();
  }

  void open(OwnerKind kind, String owner, StrandKind... strands) {
    for (StrandKind strand : strands) {
      ledger().accounts().open(network.id(), strand, kind, owner, owner, OptionalLong.of(0));
    }
  }
}
