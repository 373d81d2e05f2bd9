package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.Api;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * One request that the database refuses (here: an amount of 6.66, which a constraint the test adds
 * forbids; in life a value the edge let through by mistake) must not keep anyone else from paying.
 * For each door that moves money, tens of poisoned requests from one user go with a hundred
 * ordinary ones from other users, all at once: every ordinary one posts, and each poisoned one is
 * refused alone (422 REFUSED_BY_DATABASE), nothing of it written.
 */
@SolApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonAtEveryDoorIT {
  private static final int ORDINARY = 100;
  private static final int POISONED = 20;

  private final Callers callers;
  private final ApplicationContext context;
  private final DataSource dataSource;
  private final ExecutorService clients = Executors.newFixedThreadPool(16);
  private OperationsNetwork n;
  private final List<String> payers = new ArrayList<>();
  private final List<Long> payerAccounts = new ArrayList<>();
  private String poisoner;
  private long poisonerAccount;
  private long shop;

  @Autowired
  PoisonAtEveryDoorIT(@LocalServerPort int port, ApplicationContext context, DataSource data) {
    this.callers = Callers.of(port, context);
    this.context = context;
    this.dataSource = data;
  }

  @BeforeAll
  void poisonTheJournal() throws SQLException {
    execute("ALTER TABLE transfer ADD CONSTRAINT poison CHECK (amount <> 666) NOT VALID");
  }

  @AfterAll
  void cureIt() throws SQLException {
    execute("ALTER TABLE transfer DROP CONSTRAINT poison");
    clients.shutdownNow();
  }

  @BeforeEach
  void payersAndAShop() {
    n = OperationsNetwork.of(callers, context, "poison").withRates("1.00", 0, 0);
    payers.clear();
    payerAccounts.clear();
    for (int i = 0; i < 10; i++) {
      String payer = callers.newUser("payeur", Role.MEMBER, n.network, "100.00");
      payers.add(payer);
      payerAccounts.add(n.accountId(OwnerKind.MEMBER, payer, StrandKind.COOPERATION));
    }
    poisoner = callers.newUser("poison", Role.MEMBER, n.network, "500.00");
    poisonerAccount = n.accountId(OwnerKind.MEMBER, poisoner, StrandKind.COOPERATION);
    shop = n.accountId(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION);
    // each caller's token now, one after the other: logins are not what this test is about (many
    // at once would meet the password checks' own limit)
    payers.forEach(callers::as);
    callers.as(poisoner);
  }

  @AfterEach
  void theJournalVerifies() {
    n.assertJournalVerifies();
  }

  @Test
  void transfers() {
    atOnce(
        i -> pay(payers.get(i % payers.size()), payerAccounts.get(i % payers.size()), "1.00"),
        i -> pay(poisoner, poisonerAccount, "6.66"));
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION))
        .isEqualTo("100.00");
  }

  @Test
  void payment_requests() {
    List<String> ordinary = new ArrayList<>();
    List<String> poisoned = new ArrayList<>();
    for (int i = 0; i < ORDINARY; i++) {
      ordinary.add(request("1.00"));
    }
    for (int i = 0; i < POISONED; i++) {
      poisoned.add(request("6.66"));
    }
    atOnce(
        i ->
            payRequest(
                payers.get(i % payers.size()),
                payerAccounts.get(i % payers.size()),
                ordinary.get(i)),
        i -> payRequest(poisoner, poisonerAccount, poisoned.get(i)));
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION))
        .isEqualTo("100.00");
  }

  @Test
  void pay_tokens() {
    List<String> ordinary = new ArrayList<>();
    List<String> poisoned = new ArrayList<>();
    for (int i = 0; i < ORDINARY; i++) {
      ordinary.add(token(payers.get(i % payers.size()), payerAccounts.get(i % payers.size())));
    }
    for (int i = 0; i < POISONED; i++) {
      poisoned.add(token(poisoner, poisonerAccount));
    }
    atOnce(i -> redeem(ordinary.get(i), "1.00"), i -> redeem(poisoned.get(i), "6.66"));
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION))
        .isEqualTo("100.00");
  }

  @Test
  void refunds() {
    n.fund(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION, "1000.00");
    List<Long> ordinary = new ArrayList<>();
    List<Long> poisoned = new ArrayList<>();
    for (int i = 0; i < ORDINARY; i++) {
      ordinary.add(
          created(pay(payers.get(i % 10), payerAccounts.get(i % 10), "2.00")).get("id").asLong());
    }
    for (int i = 0; i < POISONED; i++) {
      poisoned.add(created(pay(poisoner, poisonerAccount, "10.00")).get("id").asLong());
    }
    atOnce(i -> refund(ordinary.get(i), "1.00"), i -> refund(poisoned.get(i), "6.66"));
    // 1,000.00 + the payments (100 × 2.00 + 20 × 10.00) − the ordinary refunds (100 × 1.00)
    assertThat(n.balance(OwnerKind.MERCHANT, n.merchant, StrandKind.COOPERATION))
        .isEqualTo("1300.00");
  }

  @Test
  void operations() {
    atOnce(
        i -> buy(payerAccounts.get(i % payerAccounts.size()), "1.00"),
        i -> buy(poisonerAccount, "6.66"));
    assertThat(n.balance(OwnerKind.MEMBER, poisoner, StrandKind.COOPERATION)).isEqualTo("500.00");
  }

  /**
   * Sends the ordinary and the poisoned requests interleaved, from many clients at once, and checks
   * each answer.
   */
  private void atOnce(
      Function<Integer, Api.Response> ordinary, Function<Integer, Api.Response> poisoned) {
    List<Future<Api.Response>> good = new ArrayList<>();
    List<Future<Api.Response>> bad = new ArrayList<>();
    for (int i = 0; i < ORDINARY; i++) {
      int index = i;
      good.add(clients.submit((Callable<Api.Response>) () -> ordinary.apply(index)));
      if (i % (ORDINARY / POISONED) == 0) {
        int p = bad.size();
        bad.add(clients.submit((Callable<Api.Response>) () -> poisoned.apply(p)));
      }
    }
    for (Future<Api.Response> f : good) {
      Api.Response response = get(f);
      assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
    assertThat(bad).hasSize(POISONED);
    for (Future<Api.Response> f : bad) {
      Api.Response response = get(f);
      assertThat(response.status()).as(response.toString()).isEqualTo(422);
      assertThat(response.code()).isEqualTo("REFUSED_BY_DATABASE");
    }
  }

  private static Api.Response get(Future<Api.Response> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static tools.jackson.databind.JsonNode created(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  private Api.Response pay(String payer, long account, String amount) {
    return n.as(payer)
        .post(
            "/api/v1/transfers",
            Api.json("debitAccountId", account, "creditAccountId", shop, "amount", amount))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private String request(String amount) {
    return created(
            n.as(n.cashier)
                .post(
                    "/api/v1/payment-requests",
                    Api.json("merchantAccountId", shop, "amount", amount))
                .send())
        .get("id")
        .asString();
  }

  private Api.Response payRequest(String payer, long account, String id) {
    return n.as(payer)
        .post("/api/v1/payment-requests/" + id + "/pay", Api.json("debitAccountId", account))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private String token(String member, long account) {
    return created(
            n.as(member)
                .post("/api/v1/pay-tokens", Api.json("memberAccountId", account, "cap", "10.00"))
                .send())
        .get("code")
        .asString();
  }

  private Api.Response redeem(String code, String amount) {
    return n.as(n.cashier)
        .post(
            "/api/v1/pay-tokens/redeem",
            Api.json("code", code, "merchantAccountId", shop, "amount", amount))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private Api.Response refund(long payment, String amount) {
    return n.as(n.merchant)
        .post("/api/v1/transfers/" + payment + "/refunds", Api.json("amount", amount))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private Api.Response buy(long account, String euros) {
    return n.as(n.agent)
        .post("/api/v1/exchange/purchases", Api.json("accountId", account, "euros", euros))
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .send();
  }

  private void execute(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
