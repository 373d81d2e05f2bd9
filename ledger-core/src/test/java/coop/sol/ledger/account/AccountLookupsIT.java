package coop.sol.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lookups by id that share a statement still answer each caller within its own networks. */
class AccountLookupsIT {
  static LedgerFixture fx;
  static NetworkId here;
  static NetworkId there;
  static Account alice;
  static Account stranger;

  @BeforeAll
  static void start() {
    fx = LedgerFixture.create();
    here = fx.network.id();
    there = fx.ledger.networks().create("lookups-" + System.nanoTime() % 100000, "Ailleurs").id();
    alice = fx.aMember().withBalance("12.34");
    stranger =
        fx.ledger
            .accounts()
            .open(there, StrandKind.COOPERATION, OwnerKind.MEMBER, "s", "S", OptionalLong.of(0));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void one_statement_answers_each_lookup_within_its_own_networks() {
    AccountId missing = new AccountId(Long.MAX_VALUE);
    List<Optional<Account>> answers =
        fx.ledger
            .accounts()
            .lookUp(
                List.of(
                    new Accounts.Lookup(Set.of(here), alice.id()),
                    new Accounts.Lookup(Set.of(here), stranger.id()),
                    new Accounts.Lookup(Set.of(there), alice.id()),
                    new Accounts.Lookup(Set.of(here, there), stranger.id()),
                    new Accounts.Lookup(Set.of(there), missing),
                    new Accounts.Lookup(Set.of(here), alice.id())));

    assertThat(answers).hasSize(6);
    assertThat(answers.get(0).map(Account::id)).contains(alice.id());
    assertThat(answers.get(0).get().balance().posted()).isEqualTo(1234);
    assertThat(answers.get(1)).isEmpty();
    assertThat(answers.get(2)).isEmpty();
    assertThat(answers.get(3).map(Account::network)).contains(there);
    assertThat(answers.get(3).map(Account::id)).contains(stranger.id());
    assertThat(answers.get(4)).isEmpty();
    assertThat(answers.get(5)).isEqualTo(answers.get(0));
  }

  @Test
  void concurrent_lookups_get_the_answers_they_would_get_alone() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> mistakes = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        mistakes.add(
            pool.submit(
                () -> {
                  int wrong = 0;
                  for (int i = 0; i < 300; i++) {
                    boolean fromHere = (i + thread) % 2 == 0;
                    Set<NetworkId> scope = fromHere ? Set.of(here) : Set.of(there);
                    Optional<Account> a = fx.ledger.accounts().findIn(scope, alice.id());
                    Optional<Account> s = fx.ledger.accounts().findIn(scope, stranger.id());
                    if (a.isPresent() != fromHere || s.isPresent() == fromHere) {
                      wrong++;
                    }
                  }
                  return wrong;
                }));
      }
      for (Future<Integer> wrong : mistakes) {
        assertThat(wrong.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
