package coop.sol.web.payment;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.user.Role;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A network of its own with a shop (merchant, one cashier) and members with money: what the QR
 * payment tests need, built with {@code Shop.in(callers).withMembers(2, "100.00")}.
 */
final class Shop {
  final Callers callers;
  final Network network;
  final String merchant;
  final long merchantAccount;
  final String cashier;
  final List<String> members = new ArrayList<>();
  final List<Long> memberAccounts = new ArrayList<>();

  private Shop(Callers callers) {
    this.callers = callers;
    this.network = callers.newNetwork("qr");
    this.merchant = callers.newUser("boutique", Role.MERCHANT, network, null);
    this.merchantAccount = account(OwnerKind.MERCHANT, merchant);
    this.cashier = callers.newCashier("caisse", network, merchant);
  }

  static Shop in(Callers callers) {
    return new Shop(callers);
  }

  Shop withMembers(int count, String balance) {
    for (int i = 0; i < count; i++) {
      String member = callers.newUser("membre", Role.MEMBER, network, balance);
      members.add(member);
      memberAccounts.add(account(OwnerKind.MEMBER, member));
    }
    return this;
  }

  String member(int i) {
    return members.get(i);
  }

  long memberAccount(int i) {
    return memberAccounts.get(i);
  }

  long account(OwnerKind kind, String owner) {
    return callers.account(network, kind, owner, StrandKind.COOPERATION).id().value();
  }

  long balance(long account) {
    return callers
        .ledger()
        .accounts()
        .find(network.id(), new coop.sol.ledger.account.AccountId(account))
        .orElseThrow()
        .balance()
        .posted();
  }

  Api as(String user) {
    return callers.as(user);
  }

  /** A payment request of the shop, made at the till by {@code who}; its JSON. */
  JsonNode request(String who, String amount, Integer expiresInSeconds) {
    Api.Response response =
        as(who)
            .post(
                "/api/v1/payment-requests",
                Api.json(
                    "merchantAccountId",
                    merchantAccount,
                    "amount",
                    amount,
                    "reference",
                    "Ticket 42",
                    "expiresInSeconds",
                    expiresInSeconds))
            .send();
    if (response.status() != 201) {
      throw new AssertionError("payment request: " + response);
    }
    return response.json();
  }

  JsonNode request(String amount) {
    return request(cashier, amount, null);
  }

  Api.Response pay(String member, long account, String requestId, String key) {
    return as(member)
        .post("/api/v1/payment-requests/" + requestId + "/pay", Api.json("debitAccountId", account))
        .header("Idempotency-Key", key)
        .send();
  }

  /** A pay token of member {@code i}; its JSON. */
  JsonNode token(int i, String cap, Integer expiresInSeconds) {
    Api.Response response =
        as(member(i))
            .post(
                "/api/v1/pay-tokens",
                Api.json(
                    "memberAccountId",
                    memberAccount(i),
                    "cap",
                    cap,
                    "expiresInSeconds",
                    expiresInSeconds))
            .send();
    if (response.status() != 201) {
      throw new AssertionError("pay token: " + response);
    }
    return response.json();
  }

  Api.Response redeem(String who, String code, String amount, String key) {
    return redeem(who, code, merchantAccount, amount, key);
  }

  Api.Response redeem(String who, String code, long merchant, String amount, String key) {
    return as(who)
        .post(
            "/api/v1/pay-tokens/redeem",
            Api.json("code", code, "merchantAccountId", merchant, "amount", amount))
        .header("Idempotency-Key", key)
        .send();
  }
}
