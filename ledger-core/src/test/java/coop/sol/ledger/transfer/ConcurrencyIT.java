package coop.sol.ledger.transfer;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import coop.sol.ledger.transfer.TransferOutcome.Posted;
import coop.sol.ledger.transfer.TransferOutcome.Rejected;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads pay at once, mostly into one hot merchant, retrying some transfers (also
 * concurrently). Afterwards every balance equals what the acknowledged outcomes imply, no limit was
 * crossed, nothing was posted twice, and the journal verifies.
 */
class ConcurrencyIT {

  @Test
  void concurrent_payments_with_retries_keep_every_invariant() throws Exception {
    try (LedgerFixture fx =
        LedgerFixture.create(
            new WriterSettings(
                200, 10_000, java.time.Duration.ZERO, java.time.Duration.ofMinutes(1)),
            Clock.systemUTC())) {
      List<Account> members = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        members.add(fx.aMember().withBalance("20.00"));
      }
      Account hot = fx.aMerchant().withCreditLimit("5.00").withBalance("0");
      List<Account> everyone = new ArrayList<>(members);
      everyone.add(hot);
      Map<Long, Long> startBalance = new HashMap<>();
      for (Account a : everyone) {
        startBalance.put(a.id().value(), fx.balance(a).posted());
      }

      Map<String, TransferOutcome> firstOutcome = new ConcurrentHashMap<>();
      List<TransferOutcome> all = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<CompletableFuture<Void>> work = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        work.add(
            CompletableFuture.runAsync(
                () -> {
                  var random = ThreadLocalRandom.current();
                  for (int i = 0; i < 150; i++) {
                    Account from = everyone.get(random.nextInt(everyone.size()));
                    Account to =
                        random.nextInt(10) < 7
                            ? hot
                            : everyone.get(random.nextInt(everyone.size()));
                    var command =
                        TransferCommand.posted(
                            key(),
                            StrandKind.COOPERATION,
                            from.id(),
                            to.id(),
                            Amount.of(1 + random.nextInt(700)),
                            TransferCode.PAYMENT);
                    int copies = random.nextInt(10) == 0 ? 3 : 1; // some are retried, concurrently
                    var futures = new ArrayList<CompletableFuture<TransferOutcome>>();
                    for (int c = 0; c < copies; c++) {
                      futures.add(fx.ledger.transfers().submit(fx.network.id(), command));
                    }
                    for (var f : futures) {
                      TransferOutcome o = f.join();
                      all.add(o);
                      firstOutcome.merge(command.key().value(), o, (a, b) -> a.isPosted() ? a : b);
                    }
                  }
                },
                pool));
      }
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
      pool.shutdown();

      // every acknowledged posting appears once; duplicates of a key share one transfer id
      Map<String, Long> idByKey = new HashMap<>();
      Map<Long, Long> expected = new HashMap<>(startBalance);
      for (TransferOutcome o : all) {
        if (o instanceof Posted p) {
          Transfer t = p.transfer();
          Long previous = idByKey.putIfAbsent(t.key().value(), t.id().value());
          if (previous == null) {
            expected.merge(t.debit().value(), -t.amount(), Long::sum);
            expected.merge(t.credit().value(), t.amount(), Long::sum);
          } else {
            assertThat(t.id().value()).as("one transfer per key").isEqualTo(previous);
          }
        } else {
          assertThat(((Rejected) o).reason())
              .isIn(RejectionReason.INSUFFICIENT_FUNDS, RejectionReason.SAME_ACCOUNT);
        }
      }
      assertThat(idByKey).isNotEmpty();
      for (Account a : everyone) {
        var balance = fx.balance(a);
        assertThat(balance.posted())
            .as("balance of %s", a.name())
            .isEqualTo(expected.get(a.id().value()));
        assertThat(balance.available()).isGreaterThanOrEqualTo(-a.creditLimit().orElseThrow());
      }
      long rows =
          fx.ledger.transfers().history(fx.network.id(), hot.id(), HistoryQuery.latest(500)).size();
      assertThat(rows).isPositive();
      fx.assertInvariants();
    }
  }

  @Test
  void several_processes_write_one_network_one_batch_at_a_time() throws Exception {
    try (LedgerFixture fx = LedgerFixture.create()) {
      List<Account> payers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        payers.add(fx.aMember().withBalance("10.00"));
      }
      Account shop = fx.aMerchant().open();
      // two more "processes": other Ledgers on the same database, each with its own writer
      try (Ledger second =
              new Ledger(
                  fx.dataSource, WriterSettings.DEFAULTS, Clock.systemUTC(), WriteObserver.NONE);
          Ledger third =
              new Ledger(
                  fx.dataSource, WriterSettings.DEFAULTS, Clock.systemUTC(), WriteObserver.NONE)) {
        List<Ledger> instances = List.of(fx.ledger, second, third);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<CompletableFuture<TransferOutcome>> payments = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          Ledger instance = instances.get(i % 3);
          Account payer = payers.get(i % payers.size());
          TransferCommand pay =
              TransferCommand.posted(
                  key(),
                  StrandKind.COOPERATION,
                  payer.id(),
                  shop.id(),
                  Amount.of(1 + i % 5),
                  TransferCode.PAYMENT);
          payments.add(
              CompletableFuture.supplyAsync(
                  () -> instance.transfers().execute(fx.network.id(), pay), pool));
        }
        long paid = 0;
        for (CompletableFuture<TransferOutcome> payment : payments) {
          TransferOutcome outcome = payment.get(60, TimeUnit.SECONDS);
          assertThat(outcome).as("%s", outcome).isInstanceOf(Posted.class);
          paid += ((Posted) outcome).transfer().amount();
        }
        pool.shutdown();
        assertThat(fx.balance(shop).posted()).isEqualTo(paid);
        // one chain per strand, whoever wrote: seq follows the commits, and so do the ids
        List<Transfer> journal = new ArrayList<>();
        fx.ledger
            .transfers()
            .forEachInJournal(fx.network.id(), StrandKind.COOPERATION, journal::add);
        for (int k = 1; k < journal.size(); k++) {
          assertThat(journal.get(k).seq()).isEqualTo(journal.get(k - 1).seq() + 1);
          assertThat(journal.get(k).id().value()).isGreaterThan(journal.get(k - 1).id().value());
        }
        fx.assertInvariants();
      }
    }
  }

  @Test
  void a_full_queue_answers_busy_instead_of_waiting() {
    try (LedgerFixture fx =
        LedgerFixture.create(
            new WriterSettings(1, 1, java.time.Duration.ZERO, java.time.Duration.ofMinutes(1)),
            Clock.systemUTC())) {
      Account alice = fx.aMember().withBalance("100.00");
      Account shop = fx.aMerchant().open();
      var futures = new ArrayList<CompletableFuture<TransferOutcome>>();
      for (int i = 0; i < 200; i++) {
        futures.add(
            fx.ledger
                .transfers()
                .submit(
                    fx.network.id(),
                    TransferCommand.posted(
                        key(),
                        StrandKind.COOPERATION,
                        alice.id(),
                        shop.id(),
                        Amount.of(1),
                        TransferCode.PAYMENT)));
      }
      var outcomes = futures.stream().map(CompletableFuture::join).toList();
      long busy =
          outcomes.stream()
              .filter(o -> o.equals(new Rejected(RejectionReason.LEDGER_BUSY)))
              .count();
      long posted = outcomes.stream().filter(TransferOutcome::isPosted).count();
      assertThat(busy).isPositive();
      assertThat(busy + posted).isEqualTo(200);
      assertThat(fx.balance(shop).posted()).isEqualTo(posted);
      fx.assertInvariants();
    }
  }

  static AccountId id(Account a) {
    return a.id();
  }
}
