package coop.sol.ledger.card;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.Paid;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.voucher.VoucherGrant;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Member cards on the one payment path: the PIN (wrong ones counted in the database, whichever
 * instance checks them), the version, the caps, replacement, and the ledger's own rules.
 */
class CardsIT {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Pin PIN = Pin.of("4821").orElseThrow();
  static final Pin WRONG = Pin.of("1111").orElseThrow();
  static final Actor COORD = Actor.of("coord1");
  static final AtomicInteger PEOPLE = new AtomicInteger();

  static OperationsFixture of;
  static Cards cards;

  /** A second instance's Cards over the same database. */
  static Cards otherInstance;

  static Account shop;

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    cards = cards();
    otherInstance = cards();
    shop = of.aMerchant().in(StrandKind.COOPERATION).named("boulangerie").open();
  }

  static Cards cards() {
    return new Cards(
        new CardStore(of.fx.dataSource),
        of.fx.ledger.accounts(),
        of.ops.payments(),
        of.fx.ledger.transfers(),
        of.clock,
        PARIS,
        new SecureRandom());
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static Account member(String balance) {
    return of.aMember()
        .in(StrandKind.COOPERATION)
        .named("membre-" + PEOPLE.incrementAndGet())
        .withBalance(balance);
  }

  static Card issue(Account account) {
    return cards
        .issue(new Cards.Issue(of.network(), account.id(), "Jeanne Martin", null, PIN, COORD))
        .orElseThrow();
  }

  static Outcome<Paid> charge(Cards on, Card card, Pin pin, String amount, IdempotencyKey key) {
    return on.charge(
        new Cards.Charge(
            of.network(),
            card.id(),
            card.version(),
            pin,
            key,
            7,
            shop.id(),
            StrandKind.COOPERATION,
            sol(amount),
            null));
  }

  static Outcome<Paid> charge(Card card, Pin pin, String amount) {
    return charge(cards, card, pin, amount, key());
  }

  @Test
  void a_card_with_its_pin_pays_once_per_key_from_the_holders_account() {
    Account jeanne = member("60.00");
    Card card = issue(jeanne);
    assertThat(card.number()).matches("[1-9][0-9]{11}");
    assertThat(CardNumbers.valid(card.number())).isTrue();
    assertThat(card.holderFirstName()).isEqualTo("Jeanne");

    IdempotencyKey key = key();
    Paid paid = charge(cards, card, PIN, "12.50", key).orElseThrow();
    assertThat(paid.replayed()).isFalse();
    assertThat(paid.first().debit()).isEqualTo(jeanne.id());
    assertThat(paid.first().credit()).isEqualTo(shop.id());
    assertThat(of.balance(jeanne)).isEqualTo(4750);

    Paid again = charge(otherInstance, card, PIN, "12.50", key).orElseThrow();
    assertThat(again.replayed()).isTrue();
    assertThat(again.first().id()).isEqualTo(paid.first().id());
    assertThat(of.balance(jeanne)).isEqualTo(4750);
    assertThat(cards.spentToday(card.id())).as("a retry is not counted twice").isEqualTo(1250);
    assertThat(cards.payments(of.network(), card.id(), 10))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.transfer()).isEqualTo(paid.first().id());
              assertThat(p.amount()).isEqualTo(1250);
              assertThat(p.version()).isEqualTo(1);
            });
    // the ledger's own rules still decide: funds
    assertThat(charge(card, PIN, "40.00").isDone()).isTrue();
    assertThat(charge(card, PIN, "10.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(cards.spentToday(card.id()))
        .as("a payment the ledger refused gives its reservation back")
        .isEqualTo(5250);
  }

  @Test
  void three_wrong_pins_in_a_row_block_the_card_whichever_instance_checks_them() {
    Card card = issue(member("100.00"));
    assertThat(charge(cards, card, WRONG, "1.00", key()))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(charge(otherInstance, card, WRONG, "1.00", key()))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(charge(cards, card, WRONG, "1.00", key()))
        .isEqualTo(Outcome.refused(OperationReason.CARD_BLOCKED));
    Card blocked = cards.current(of.network(), card.id()).orElseThrow();
    assertThat(blocked.state()).isEqualTo(CardState.BLOCKED);
    assertThat(blocked.blockedReason()).isEqualTo(BlockReason.WRONG_PINS);
    assertThat(charge(otherInstance, card, PIN, "1.00", key()))
        .as("the right PIN no longer helps")
        .isEqualTo(Outcome.refused(OperationReason.CARD_BLOCKED));

    cards.unblock(of.network(), card.id(), COORD).orElseThrow();
    assertThat(charge(card, PIN, "1.00").isDone()).isTrue();
    assertThat(cards.unblock(of.network(), card.id(), COORD))
        .isEqualTo(Outcome.refused(OperationReason.CARD_NOT_BLOCKED));
  }

  @Test
  void a_right_pin_starts_the_count_again() {
    Card card = issue(member("100.00"));
    charge(card, WRONG, "1.00");
    charge(card, WRONG, "1.00");
    assertThat(charge(card, PIN, "1.00").isDone()).isTrue();
    assertThat(charge(card, WRONG, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(cards.current(of.network(), card.id()).orElseThrow().state())
        .isEqualTo(CardState.ACTIVE);
  }

  @Test
  void twenty_guesses_at_once_on_two_instances_check_three_pins_and_block() throws Exception {
    Card card = issue(member("100.00"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Outcome<Paid>>> guesses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Cards on = i % 2 == 0 ? cards : otherInstance;
        Pin guess = Pin.of(String.format("%04d", 5000 + i)).orElseThrow();
        Callable<Outcome<Paid>> attempt = () -> charge(on, card, guess, "1.00", key());
        guesses.add(pool.submit(attempt));
      }
      long wrong = 0;
      long blocked = 0;
      long busy = 0;
      for (Future<Outcome<Paid>> g : guesses) {
        Outcome<Paid> o = g.get();
        if (o.equals(Outcome.refused(OperationReason.CARD_WRONG_PIN))) {
          wrong++;
        } else if (o.equals(Outcome.refused(OperationReason.CARD_BLOCKED))) {
          blocked++;
        } else if (o.equals(Outcome.refused(OperationReason.CARD_BUSY))) {
          busy++; // refused while the third guess was being checked
        }
      }
      assertThat(wrong).as("PINs checked and found wrong, before the block").isEqualTo(2);
      assertThat(blocked).as("the third, and those after the block").isPositive();
      assertThat(blocked + busy).isEqualTo(18);
    } finally {
      pool.shutdown();
    }
    assertThat(cards.current(of.network(), card.id()).orElseThrow().state())
        .isEqualTo(CardState.BLOCKED);
  }

  @Test
  void a_replaced_version_is_refused_at_once_and_the_new_one_pays_with_the_same_pin() {
    Account holder = member("100.00");
    Card first = issue(holder);
    Card second = cards.replace(of.network(), first.id(), COORD).orElseThrow();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.number()).isNotEqualTo(first.number());

    assertThat(charge(first, PIN, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_REPLACED));
    assertThat(charge(second, PIN, "1.00").isDone()).isTrue();
    assertThat(cards.version(of.network(), first.id(), 1).orElseThrow().state())
        .isEqualTo(CardState.REPLACED);
    assertThat(cards.byNumber(Set.of(of.network()), first.number()).orElseThrow().state())
        .as("the old number typed in finds the replaced version")
        .isEqualTo(CardState.REPLACED);
    assertThat(cards.statuses(of.network()))
        .filteredOn(s -> s.card().equals(first.id()))
        .singleElement()
        .isEqualTo(new CardStore.CardStatus(first.id(), 2, CardState.ACTIVE));
    // a replacement of a replaced version is refused: one current version only
    assertThat(cards.replace(of.network(), first.id(), COORD).orElseThrow().version()).isEqualTo(3);
    assertThat(charge(second, PIN, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_REPLACED));
  }

  @Test
  void the_payment_cap_and_the_daily_cap_chosen_by_the_holder_apply_all_tills_together()
      throws Exception {
    Card card = issue(member("500.00"));
    assertThat(charge(card, PIN, "50.01"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_PAYMENT_CAP_EXCEEDED));
    assertThat(cards.setDailyCap(of.network(), card.id(), 10_001L, COORD))
        .isEqualTo(Outcome.refused(OperationReason.CARD_CAP_ABOVE_NETWORK));
    assertThat(
            cards
                .setDailyCap(of.network(), card.id(), 9_000L, COORD)
                .orElseThrow()
                .holderDailyCap())
        .isEqualTo(9_000L);

    // three tills at once (more would be told CARD_BUSY while three PINs are being checked)
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Outcome<Paid>>> charges = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Cards on = i % 2 == 0 ? cards : otherInstance;
        charges.add(pool.submit(() -> charge(on, card, PIN, "20.00", key())));
      }
      int paid = 0;
      for (Future<Outcome<Paid>> c : charges) {
        Outcome<Paid> o = c.get();
        if (o.isDone()) {
          paid++;
        } else {
          assertThat(o).isEqualTo(Outcome.refused(OperationReason.CARD_DAILY_CAP_EXCEEDED));
        }
      }
      assertThat(paid).as("90.00 a day: four payments of 20.00").isEqualTo(4);
    } finally {
      pool.shutdown();
    }
    assertThat(cards.spentToday(card.id())).isEqualTo(8_000);
    assertThat(charge(card, PIN, "10.01"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_DAILY_CAP_EXCEEDED));
    assertThat(charge(card, PIN, "10.00").isDone()).isTrue();
    // the next local day (Paris) starts afresh
    of.clock.advance(Duration.ofDays(1));
    assertThat(charge(card, PIN, "20.00").isDone()).isTrue();
  }

  @Test
  void an_offline_charge_is_refused_above_the_offline_cap() {
    Card card = issue(member("100.00"));
    Instant accepted = of.clock.instant();
    Outcome<Paid> over =
        cards.charge(
            new Cards.Charge(
                of.network(),
                card.id(),
                1,
                PIN,
                key(),
                7,
                shop.id(),
                StrandKind.COOPERATION,
                sol("10.01"),
                accepted));
    assertThat(over).isEqualTo(Outcome.refused(OperationReason.CARD_OFFLINE_CAP_EXCEEDED));
    Outcome<Paid> under =
        cards.charge(
            new Cards.Charge(
                of.network(),
                card.id(),
                1,
                PIN,
                key(),
                7,
                shop.id(),
                StrandKind.COOPERATION,
                sol("10.00"),
                accepted));
    assertThat(under.isDone()).isTrue();
    assertThat(cards.payments(of.network(), card.id(), 1).get(0).offlineAt()).isEqualTo(accepted);
  }

  @Test
  void the_holder_changes_the_pin_with_the_old_one_and_a_wrong_old_one_counts() {
    Card card = issue(member("100.00"));
    Pin next = Pin.of("902716").orElseThrow();
    assertThat(cards.changePin(of.network(), card.id(), WRONG, next, Actor.of("jeanne")))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(cards.current(of.network(), card.id()).orElseThrow().wrongPins()).isEqualTo(1);
    cards.changePin(of.network(), card.id(), PIN, next, Actor.of("jeanne")).orElseThrow();
    assertThat(charge(card, PIN, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(charge(card, next, "1.00").isDone()).isTrue();
  }

  @Test
  void blocked_by_its_holder_a_card_pays_nothing_until_unblocked() {
    Card card = issue(member("100.00"));
    Card blocked =
        cards
            .block(of.network(), card.id(), BlockReason.BY_HOLDER, Actor.of("jeanne"))
            .orElseThrow();
    assertThat(blocked.state()).isEqualTo(CardState.BLOCKED);
    assertThat(charge(card, PIN, "1.00")).isEqualTo(Outcome.refused(OperationReason.CARD_BLOCKED));
    assertThat(cards.current(of.network(), card.id()).orElseThrow().wrongPins())
        .as("a blocked card checks no PIN")
        .isZero();
    cards.unblock(of.network(), card.id(), Actor.of("jeanne")).orElseThrow();
    assertThat(charge(card, PIN, "1.00").isDone()).isTrue();
  }

  @Test
  void at_a_shop_taking_sol_affecte_the_card_pays_with_vouchers_valid_there() {
    var settings = of.ops.settings();
    settings.defineCategory(of.network(), new MerchantCategory("FOOD", "Alimentation"));
    settings.defineCategory(of.network(), new MerchantCategory("BOOKS", "Livres"));
    Account grocer = of.aMerchant().in(StrandKind.AFFECTE).named("epicerie").open();
    settings
        .changeMerchantCategories(of.network(), "epicerie", Set.of("FOOD"), OperationsFixture.ADMIN)
        .orElseThrow();
    Account bookshop = of.aMerchant().in(StrandKind.AFFECTE).named("librairie").open();
    settings
        .changeMerchantCategories(
            of.network(), "librairie", Set.of("BOOKS"), OperationsFixture.ADMIN)
        .orElseThrow();
    Account funder = of.an(OwnerKind.FUNDER).in(StrandKind.AFFECTE).withBalance("100.00");
    Account holder = member("0.01");
    of.ops
        .vouchers()
        .grant(
            new VoucherGrant(
                of.network(),
                key(),
                funder.id(),
                holder.ownerRef(),
                sol("20.00"),
                of.clock.instant().plus(Duration.ofDays(30)),
                Set.of("FOOD"),
                "Chèque alimentation"))
        .orElseThrow();
    Card card = issue(holder);

    Outcome<Paid> atBookshop = chargeAt(card, bookshop, "5.00");
    assertThat(atBookshop)
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    Paid atGrocer = chargeAt(card, grocer, "5.00").orElseThrow();
    assertThat(atGrocer.first().credit()).isEqualTo(grocer.id());
    assertThat(cards.spentToday(card.id())).isEqualTo(500);
  }

  static Outcome<Paid> chargeAt(Card card, Account merchant, String amount) {
    return cards.charge(
        new Cards.Charge(
            of.network(),
            card.id(),
            card.version(),
            PIN,
            key(),
            7,
            merchant.id(),
            merchant.strand(),
            sol(amount),
            null));
  }

  @Test
  void only_a_members_open_account_gets_a_card_and_the_reports_count_what_happened() {
    Instant from = of.clock.instant();
    assertThat(
            cards.issue(
                new Cards.Issue(of.network(), shop.id(), "La Boulangerie", null, PIN, COORD)))
        .isEqualTo(Outcome.refused(OperationReason.CARD_ACCOUNT_NOT_ELIGIBLE));
    Card card = issue(member("1.00"));
    cards.block(of.network(), card.id(), BlockReason.BY_STAFF, COORD);
    cards.replace(of.network(), card.id(), COORD);
    var counts = cards.counts(of.network(), from, of.clock.instant().plusSeconds(1));
    assertThat(counts.get(CardEvent.ISSUED)).isGreaterThanOrEqualTo(2);
    assertThat(counts.get(CardEvent.BLOCKED)).isGreaterThanOrEqualTo(1);
    assertThat(counts.get(CardEvent.REPLACED)).isGreaterThanOrEqualTo(1);
    assertThat(cards.current(of.network(), card.id()).orElseThrow().state())
        .as("a blocked card's replacement is active")
        .isEqualTo(CardState.ACTIVE);
  }

  static byte[] codeHash(String code) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(code.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_pin_reset_activation_sets_a_new_pin_once_and_unblocks_a_card_blocked_by_wrong_pins() {
    Account jeanne = member("60.00");
    Card card = issue(jeanne);
    for (int i = 0; i < 3; i++) {
      charge(card, WRONG, "1.00");
    }
    assertThat(cards.current(of.network(), card.id()).orElseThrow().state())
        .isEqualTo(CardState.BLOCKED);
    Instant expires = of.clock.instant().plus(Duration.ofDays(14));
    byte[] older = codeHash("OLDERCODE" + PEOPLE.incrementAndGet());
    cards.issuePinReset(of.network(), card.id(), older, expires, COORD).orElseThrow();
    byte[] code = codeHash("RESETCODE" + PEOPLE.incrementAndGet());
    cards.issuePinReset(of.network(), card.id(), code, expires, COORD).orElseThrow();
    assertThat(cards.resetPin(older, WRONG, Actor.of("holder")))
        .as("a newer activation supersedes an unused older one")
        .isEqualTo(Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID));
    assertThat(cards.pinResetCard(code)).map(Card::id).contains(card.id());

    Pin fresh = Pin.of("902716").orElseThrow();
    Card reset = otherInstance.resetPin(code, fresh, Actor.of("holder")).orElseThrow();
    assertThat(reset.state()).isEqualTo(CardState.ACTIVE);
    assertThat(reset.wrongPins()).isZero();
    assertThat(cards.resetPin(code, PIN, Actor.of("holder")))
        .as("once")
        .isEqualTo(Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID));
    assertThat(charge(card, PIN, "1.00"))
        .isEqualTo(Outcome.refused(OperationReason.CARD_WRONG_PIN));
    assertThat(charge(card, fresh, "1.00").orElseThrow().first().debit()).isEqualTo(jeanne.id());
  }

  @Test
  void a_pin_reset_activation_expires_and_leaves_a_card_blocked_by_its_holder_blocked() {
    Card card = issue(member("10.00"));
    cards.block(of.network(), card.id(), BlockReason.BY_HOLDER, COORD).orElseThrow();
    byte[] late = codeHash("LATECODE" + PEOPLE.incrementAndGet());
    cards
        .issuePinReset(
            of.network(), card.id(), late, of.clock.instant().plus(Duration.ofDays(14)), COORD)
        .orElseThrow();
    byte[] code = codeHash("BLOCKEDCODE" + PEOPLE.incrementAndGet());
    Card other = issue(member("10.00"));
    cards
        .issuePinReset(
            of.network(), other.id(), code, of.clock.instant().plus(Duration.ofDays(14)), COORD)
        .orElseThrow();
    Card reset = cards.resetPin(late, Pin.of("5555").orElseThrow(), COORD).orElseThrow();
    assertThat(reset.state())
        .as("blocked by its holder: stays blocked")
        .isEqualTo(CardState.BLOCKED);
    of.clock.advance(Duration.ofDays(15));
    assertThat(cards.resetPin(code, PIN, COORD))
        .isEqualTo(Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID));
  }

  @Test
  void network_caps_are_checked_before_they_are_set() {
    assertThat(cards.changeCaps(of.network(), 100, 200, 10))
        .isEqualTo(Outcome.refused(OperationReason.CARD_CAPS_INVALID));
    assertThat(cards.changeCaps(of.network(), 100, 50, 0))
        .isEqualTo(Outcome.refused(OperationReason.CARD_CAPS_INVALID));
    CardCaps before = cards.caps(of.network());
    assertThat(cards.changeCaps(of.network(), 20_000, 6_000, 1_500).orElseThrow())
        .isEqualTo(new CardCaps(20_000, 6_000, 1_500));
    assertThat(cards.caps(of.network())).isEqualTo(new CardCaps(20_000, 6_000, 1_500));
    cards.setCaps(of.network(), before);
  }
}
