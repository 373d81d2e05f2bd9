package coop.sol.ledger.user;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.HolderAccounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.testing.LedgerFixture;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People without a password and their one-time activation codes, on a real PostgreSQL: a code works
 * once even when many use it at once, expires, and a reset replaces it; the holder accounts' rule
 * opens every strand of a role once.
 */
class PeopleStoreIT {
  private static LedgerFixture fixture;
  private static PeopleStore store;
  private static int sequence;

  @BeforeAll
  static void start() {
    fixture = LedgerFixture.create();
    store = new PeopleStore(fixture.dataSource);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static byte[] hash(String code) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(code.getBytes());
  }

  private static AuditEntry audit(String action) {
    return new AuditEntry(
        action, Set.of(fixture.network.id()), false, null, "test", "", "127.0.0.1", "{}");
  }

  private static long person(String code, Instant now) throws Exception {
    String username = "personne-" + (++sequence);
    return store
        .create(
            new PeopleStore.NewPerson(
                username,
                "Personne",
                null,
                "fr",
                List.of(new StoredRole("MEMBER", fixture.network.id().value(), null)),
                List.of()),
            new NewActivation(hash(code), null, now, now.plusSeconds(14 * 24 * 3600)),
            null,
            id -> audit("PERSON_CREATED"))
        .orElseThrow();
  }

  @Test
  void a_code_works_once_however_many_use_it_at_once() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    long id = person("CODE-ONCE-1", now);
    assertThat(store.sessionVersion(id)).as("no password, no session").isEmpty();
    UsableActivation usable = store.usable(hash("CODE-ONCE-1"), now).orElseThrow();
    assertThat(usable.user().passwordHash()).isNull();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String hashOfPassword = "$argon2id$v=19$m=16384,t=2,p=1$fake-hash-number-" + i;
      Callable<Boolean> use =
          () -> {
            start.await();
            return store.activate(usable, hashOfPassword, null, now, audit("ACCESS_ACTIVATED"));
          };
      results.add(pool.submit(use));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> result : results) {
      if (result.get()) {
        won++;
      }
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    assertThat(store.usable(hash("CODE-ONCE-1"), now)).isEmpty();
    assertThat(store.sessionVersion(id)).hasValue(1);
  }

  @Test
  void a_code_expires_and_a_reset_replaces_it() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    long id = person("CODE-EXPIRES", now);
    assertThat(store.usable(hash("CODE-EXPIRES"), now.plusSeconds(14 * 24 * 3600 - 1))).isPresent();
    assertThat(store.usable(hash("CODE-EXPIRES"), now.plusSeconds(14 * 24 * 3600))).isEmpty();
    store.reissue(
        id,
        new NewActivation(hash("CODE-NEW"), null, now, now.plusSeconds(3600)),
        audit("ACCESS_RESET"));
    assertThat(store.usable(hash("CODE-EXPIRES"), now)).as("replaced").isEmpty();
    assertThat(store.usable(hash("CODE-NEW"), now)).isPresent();
  }

  @Test
  void a_holders_accounts_are_opened_once_in_every_strand_of_their_role() {
    var holders = new HolderAccounts(fixture.ledger.accounts());
    var first = holders.open(fixture.network.id(), OwnerKind.MERCHANT, "boutique-x", "Boutique");
    var again = holders.open(fixture.network.id(), OwnerKind.MERCHANT, "boutique-x", "Boutique");
    assertThat(first)
        .extracting(a -> a.strand())
        .containsExactly(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);
    assertThat(again).isEqualTo(first);
    assertThat(HolderAccounts.strands(OwnerKind.FUNDER)).containsExactly(StrandKind.AFFECTE);
  }
}
