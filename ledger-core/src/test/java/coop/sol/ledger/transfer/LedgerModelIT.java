package coop.sol.ledger.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Random sequences of operations (payments, linked lists, pending → post/void, refunds, retries
 * with the same key) run against the real ledger and against a plain in-memory model of the rules;
 * every outcome and every final balance must agree, and the journal must verify.
 */
class LedgerModelIT {
  static LedgerFixture fx;
  static final AtomicInteger NETWORKS = new AtomicInteger();
  static final int ACCOUNTS = 4; // index 0 is the issuance account (no limit)

  @BeforeAll
  static void start() {
    // each try is a new network with its own writer: let idle writers give their connection back
    // fast
    fx =
        LedgerFixture.create(
            new WriterSettings(
                1_000, 1_000, java.time.Duration.ZERO, java.time.Duration.ofMillis(50)),
            java.time.Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  sealed interface Op permits Pay, Linked, Reserve, Post, Void, Refund, Retry {}

  record Pay(int from, int to, long amount) implements Op {}

  record Linked(List<Pay> pays) implements Op {}

  record Reserve(int from, int to, long amount) implements Op {}

  record Post(int pendingRef, long amount) implements Op {} // amount 0 = all

  record Void(int pendingRef) implements Op {}

  record Refund(int paymentRef, int percent) implements Op {} // of the original amount, 1 to 120

  record Retry(int commandRef) implements Op {}

  static Gen<List<Op>> operations() {
    Gen<Integer> account = integers().between(0, ACCOUNTS - 1);
    Gen<Long> amount = longs().between(1, 4_000);
    Gen<Pay> pay = account.zip(account, amount, Pay::new);
    Gen<Op> op =
        Generate.frequency(
            List.of(
                Pair.of(6, pay.map(p -> (Op) p)),
                Pair.of(2, lists().of(pay).ofSizeBetween(2, 3).map(l -> (Op) new Linked(l))),
                Pair.of(2, account.zip(account, amount, (a, b, c) -> (Op) new Reserve(a, b, c))),
                Pair.of(
                    2,
                    integers()
                        .between(0, 3)
                        .zip(longs().between(0, 4_000), (a, b) -> (Op) new Post(a, b))),
                Pair.of(1, integers().between(0, 3).map(i -> (Op) new Void(i))),
                Pair.of(
                    3,
                    integers()
                        .between(0, 2)
                        .zip(integers().between(1, 120), (a, b) -> (Op) new Refund(a, b))),
                Pair.of(2, integers().between(0, 6).map(i -> (Op) new Retry(i)))));
    return lists().of(op).ofSizeBetween(5, 30);
  }

  @Test
  void random_operation_sequences_agree_with_the_model() {
    qt().withExamples(60)
        .withShrinkCycles(30)
        .forAll(operations())
        .checkAssert(this::the_ledger_behaves_like_the_model);
  }

  void the_ledger_behaves_like_the_model(List<Op> ops) {
    Network network = fx.ledger.networks().create("model-" + NETWORKS.incrementAndGet(), "Modèle");
    List<Account> accounts = new ArrayList<>();
    accounts.add(
        fx.ledger
            .accounts()
            .open(
                network.id(),
                StrandKind.COOPERATION,
                OwnerKind.SYSTEM,
                "issuance",
                "issuance",
                OptionalLong.empty()));
    for (int i = 1; i < ACCOUNTS; i++) {
      accounts.add(
          fx.ledger
              .accounts()
              .open(
                  network.id(),
                  StrandKind.COOPERATION,
                  OwnerKind.MEMBER,
                  "m" + i,
                  "m" + i,
                  OptionalLong.of(i == 1 ? 1_000 : 0)));
    }
    var model = new Model();
    model.firstId = accounts.get(0).id().value();
    List<TransferCommand> sent = new ArrayList<>();
    List<Transfer> pendings = new ArrayList<>();
    List<Transfer> payments = new ArrayList<>();

    for (Op op : ops) {
      List<TransferCommand> commands = new ArrayList<>();
      if (op instanceof Pay p) {
        commands.add(posted(accounts, p));
      } else if (op instanceof Linked l) {
        l.pays().forEach(p -> commands.add(posted(accounts, p)));
      } else if (op instanceof Reserve r) {
        commands.add(
            TransferCommand.pending(
                LedgerFixture.key(),
                StrandKind.COOPERATION,
                accounts.get(r.from()).id(),
                accounts.get(r.to()).id(),
                Amount.of(r.amount()),
                TransferCode.PAYMENT,
                null));
      } else if (op instanceof Post p && !pendings.isEmpty()) {
        Transfer pending = recent(pendings, p.pendingRef());
        commands.add(
            TransferCommand.postPending(
                LedgerFixture.key(), pending.id(), p.amount() == 0 ? null : Amount.of(p.amount())));
      } else if (op instanceof Void v && !pendings.isEmpty()) {
        commands.add(
            TransferCommand.voidPending(
                LedgerFixture.key(), recent(pendings, v.pendingRef()).id()));
      } else if (op instanceof Refund r && !payments.isEmpty()) {
        Transfer original = recent(payments, r.paymentRef());
        commands.add(
            TransferCommand.posted(
                    LedgerFixture.key(),
                    StrandKind.COOPERATION,
                    original.credit(),
                    original.debit(),
                    Amount.of(Math.max(1, original.amount() * r.percent() / 100)),
                    TransferCode.REFUND)
                .reversing(original.id()));
      } else if (op instanceof Retry r && !sent.isEmpty()) {
        commands.add(recent(sent, r.commandRef()));
      } else {
        continue;
      }
      List<TransferOutcome> actual = fx.ledger.transfers().executeLinked(network.id(), commands);
      List<Expected> expected = model.decide(commands);
      for (int i = 0; i < commands.size(); i++) {
        TransferOutcome a = actual.get(i);
        Expected e = expected.get(i);
        assertThat(a.isPosted())
            .as("%s → %s, model says %s", commands.get(i), a, e)
            .isEqualTo(e.posted());
        if (a instanceof Rejected rejected) {
          assertThat(rejected.reason()).as("%s", commands.get(i)).isEqualTo(e.reason());
        } else {
          Transfer t = ((Posted) a).transfer();
          assertThat(((Posted) a).replayed()).isEqualTo(e.replayed());
          model.remember(commands.get(i), t);
          if (!e.replayed()) {
            if (t.kind() == TransferKind.PENDING) pendings.add(t);
            if (t.kind() == TransferKind.POSTED || t.kind() == TransferKind.POST_PENDING)
              payments.add(t);
          }
        }
      }
      sent.addAll(commands);
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      var balance =
          fx.ledger.accounts().find(network.id(), accounts.get(i).id()).orElseThrow().balance();
      long[] m = model.balance(accounts.get(i).id().value());
      assertThat(
              new long[] {
                balance.debitsPosted(),
                balance.creditsPosted(),
                balance.debitsPending(),
                balance.creditsPending()
              })
          .as("balance of account %d", i)
          .containsExactly(m);
    }
    assertThat(fx.ledger.verifier().verify(network.id()).firstDiscrepancy()).isEmpty();
  }

  /** The ref-th most recent item: operations mostly touch what just happened. */
  private static <T> T recent(List<T> items, int ref) {
    return items.get(items.size() - 1 - ref % items.size());
  }

  private static TransferCommand posted(List<Account> accounts, Pay p) {
    return TransferCommand.posted(
        LedgerFixture.key(),
        StrandKind.COOPERATION,
        accounts.get(p.from()).id(),
        accounts.get(p.to()).id(),
        Amount.of(p.amount()),
        TransferCode.PAYMENT);
  }

  record Expected(boolean posted, boolean replayed, RejectionReason reason) {
    static final Expected NEW = new Expected(true, false, null);
    static final Expected REPLAY = new Expected(true, true, null);

    static Expected rejected(RejectionReason reason) {
      return new Expected(false, false, reason);
    }
  }

  /** The rules, written plainly over maps. */
  static final class Model {
    final Map<Long, long[]> balances =
        new HashMap<>(); // debitsPosted, creditsPosted, debitsPending, creditsPending
    final Map<String, TransferCommand> postedCommands = new HashMap<>();
    final Map<Long, Transfer> transfers = new HashMap<>();
    final Map<Long, String> pendingState = new HashMap<>(); // pending id -> OPEN/POSTED/VOIDED
    final Map<Long, Long> reversed = new HashMap<>();

    long[] balance(long id) {
      return balances.computeIfAbsent(id, k -> new long[4]);
    }

    long limit(long id) {
      // account creation order in the property: issuance first (unlimited), then m1 (10.00), m2, m3
      return id == firstId ? Long.MAX_VALUE : id == firstId + 1 ? 1_000 : 0;
    }

    long firstId = -1;

    void remember(TransferCommand c, Transfer t) {
      postedCommands.putIfAbsent(c.key().value(), c);
      transfers.put(t.id().value(), t);
    }

    List<Expected> decide(List<TransferCommand> commands) {
      var saved = copy();
      var result = new ArrayList<Expected>();
      var keys = new java.util.HashSet<String>();
      boolean failed = false;
      for (TransferCommand c : commands) {
        Expected e =
            !keys.add(c.key().value())
                ? Expected.rejected(RejectionReason.DUPLICATE_KEY_IN_REQUEST)
                : decideOne(c);
        failed |= !e.posted();
        result.add(e);
      }
      if (failed) {
        restore(saved);
        result.replaceAll(
            e ->
                e.posted() && !e.replayed()
                    ? Expected.rejected(RejectionReason.LINKED_TRANSFER_FAILED)
                    : e);
      }
      return result;
    }

    private Expected decideOne(TransferCommand c) {
      TransferCommand earlier = postedCommands.get(c.key().value());
      if (earlier != null) {
        return earlier.equals(c)
            ? Expected.REPLAY
            : Expected.rejected(RejectionReason.EXISTS_WITH_DIFFERENT_FIELDS);
      }
      if (c.kind().resolvesPending()) {
        Transfer pending = transfers.get(c.pendingId().value());
        String state = pendingState.getOrDefault(c.pendingId().value(), "OPEN");
        if (state.equals("POSTED"))
          return Expected.rejected(RejectionReason.PENDING_TRANSFER_ALREADY_POSTED);
        if (state.equals("VOIDED"))
          return Expected.rejected(RejectionReason.PENDING_TRANSFER_ALREADY_VOIDED);
        long amount = c.amount() == null ? pending.amount() : c.amount().minorUnits();
        if (amount > pending.amount())
          return Expected.rejected(RejectionReason.EXCEEDS_PENDING_AMOUNT);
        long[] d = balance(pending.debit().value());
        long[] cr = balance(pending.credit().value());
        d[2] -= pending.amount();
        cr[3] -= pending.amount();
        if (c.kind() == TransferKind.POST_PENDING) {
          d[0] += amount;
          cr[1] += amount;
        }
        pendingState.put(
            pending.id().value(), c.kind() == TransferKind.POST_PENDING ? "POSTED" : "VOIDED");
        return Expected.NEW;
      }
      if (firstId < 0) throw new IllegalStateException("set firstId");
      if (c.debit().equals(c.credit())) return Expected.rejected(RejectionReason.SAME_ACCOUNT);
      // the issuance account is a system account: it takes no payment
      if (c.code() == TransferCode.PAYMENT && c.credit().value() == firstId)
        return Expected.rejected(RejectionReason.CREDIT_ACCOUNT_NOT_PAYABLE);
      long amount = c.amount().minorUnits();
      if (c.reverses() != null) {
        Transfer original = transfers.get(c.reverses().value());
        long soFar = reversed.getOrDefault(original.id().value(), 0L);
        if (amount > original.amount() - soFar)
          return Expected.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL);
      }
      long[] d = balance(c.debit().value());
      boolean pending = c.kind() == TransferKind.PENDING;
      long available = d[1] - d[0] - d[2] - amount;
      if (available < -limit(c.debit().value()))
        return Expected.rejected(RejectionReason.INSUFFICIENT_FUNDS);
      long[] cr = balance(c.credit().value());
      if (pending) {
        d[2] += amount;
        cr[3] += amount;
      } else {
        d[0] += amount;
        cr[1] += amount;
      }
      if (c.reverses() != null) reversed.merge(c.reverses().value(), amount, Long::sum);
      return Expected.NEW;
    }

    private Object[] copy() {
      var b = new HashMap<Long, long[]>();
      balances.forEach((k, v) -> b.put(k, v.clone()));
      return new Object[] {b, new HashMap<>(pendingState), new HashMap<>(reversed)};
    }

    @SuppressWarnings("unchecked")
    private void restore(Object[] saved) {
      balances.clear();
      balances.putAll((Map<Long, long[]>) saved[0]);
      pendingState.clear();
      pendingState.putAll((Map<Long, String>) saved[1]);
      reversed.clear();
      reversed.putAll((Map<Long, Long>) saved[2]);
    }
  }
}
