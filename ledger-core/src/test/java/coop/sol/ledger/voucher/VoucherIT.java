package coop.sol.ledger.voucher;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.Paid;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.refund.RefundRequest;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VoucherIT {
  static OperationsFixture of;
  static Vouchers vouchers;
  static Account grocer; // FOOD
  static Account bookshop; // BOOKS
  static Account supermarket; // FOOD and BOOKS
  static Account uncategorised;
  static final AtomicInteger PEOPLE = new AtomicInteger();

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    vouchers = of.ops.vouchers();
    var settings = of.ops.settings();
    settings.defineCategory(of.network(), new MerchantCategory("FOOD", "Alimentation"));
    settings.defineCategory(of.network(), new MerchantCategory("BOOKS", "Livres"));
    settings.defineCategory(of.network(), new MerchantCategory("CULTURE", "Culture"));
    grocer = merchant("epicerie", "FOOD");
    bookshop = merchant("librairie", "BOOKS");
    supermarket = merchant("supermarche", "FOOD", "BOOKS");
    uncategorised = of.aMerchant().in(StrandKind.AFFECTE).named("sans-categorie").open();
  }

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static Account merchant(String ref, String... categories) {
    Account account = of.aMerchant().in(StrandKind.AFFECTE).named(ref).open();
    of.ops
        .settings()
        .changeMerchantCategories(of.network(), ref, Set.of(categories), OperationsFixture.ADMIN)
        .orElseThrow();
    return account;
  }

  static Account funder() {
    return of.an(OwnerKind.FUNDER).in(StrandKind.AFFECTE).withBalance("10000.00");
  }

  static String beneficiary() {
    return "beneficiary-" + PEOPLE.incrementAndGet();
  }

  static VoucherGrant grant(
      Account funder, String who, String amount, Duration validFor, String... categories) {
    return new VoucherGrant(
        of.network(),
        key(),
        funder.id(),
        who,
        sol(amount),
        of.clock.instant().plus(validFor),
        Set.of(categories),
        "Chèque " + String.join("+", categories));
  }

  static VoucherLot lot(Account funder, String who, String amount, Duration validFor, String... c) {
    return vouchers.grant(grant(funder, who, amount, validFor, c)).orElseThrow().lot();
  }

  static Outcome<Paid> pay(String who, Account merchant, String amount) {
    return pay(order(key(), who, merchant.id(), sol(amount), ""));
  }

  static Outcome<Paid> pay(PaymentOrder order) {
    return of.ops.payments().pay(order);
  }

  /** A payment with the beneficiary's vouchers, through the one payment path. */
  static PaymentOrder order(
      IdempotencyKey key, String who, AccountId merchant, Amount amount, String reference) {
    return new PaymentOrder(
        of.network(),
        key,
        new Payer(who, Set.of(OwnerKind.MEMBER)),
        Source.vouchers(),
        StrandKind.AFFECTE,
        merchant,
        amount,
        reference,
        "");
  }

  static long remaining(VoucherLot lot) {
    return vouchers.lot(of.network(), lot.account()).orElseThrow().remaining();
  }

  static Map<AccountId, Long> draws(Paid paid) {
    var draws = new HashMap<AccountId, Long>();
    paid.legs().forEach(t -> draws.put(t.debit(), t.amount()));
    return draws;
  }

  @Test
  void a_grant_opens_a_lot_account_of_the_beneficiary_funded_by_the_funder() {
    Account mairie = funder();
    String alice = beneficiary();
    VoucherGrant g = grant(mairie, alice, "50.00", Duration.ofDays(30), "FOOD");

    VoucherGranted granted = vouchers.grant(g).orElseThrow();

    VoucherLot lot = granted.lot();
    assertThat(granted.transfer().code()).isEqualTo(TransferCode.GRANT);
    assertThat(granted.transfer().debit()).isEqualTo(mairie.id());
    assertThat(granted.transfer().credit()).isEqualTo(lot.account());
    Account account = of.fx.ledger.accounts().find(of.network(), lot.account()).orElseThrow();
    assertThat(account.ownerKind()).isEqualTo(OwnerKind.MEMBER);
    assertThat(account.ownerRef()).isEqualTo(alice);
    assertThat(account.strand()).isEqualTo(StrandKind.AFFECTE);
    assertThat(account.name()).isEqualTo("Chèque FOOD");
    assertThat(vouchers.holdings(of.network(), alice))
        .containsExactly(
            new VoucherHolding(lot, 5_000, coop.sol.ledger.account.AccountStatus.OPEN));
    assertThat(of.balance(mairie)).isEqualTo(995_000);

    VoucherGranted again = vouchers.grant(g).orElseThrow();
    assertThat(again.replayed()).isTrue();
    assertThat(again.lot()).isEqualTo(lot);
    assertThat(vouchers.holdings(of.network(), alice)).hasSize(1);
    VoucherGrant otherAmount =
        new VoucherGrant(
            of.network(),
            g.key(),
            mairie.id(),
            alice,
            sol("60.00"),
            g.expiresAt(),
            g.categories(),
            "x");
    assertThat(vouchers.grant(otherAmount))
        .isEqualTo(Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
  }

  @Test
  void a_grant_needs_a_funder_with_the_sol_known_categories_and_a_future_expiry() {
    Account mairie = funder();
    Account poorFunder = of.an(OwnerKind.FUNDER).in(StrandKind.AFFECTE).withBalance("1.00");
    Account member = of.aMember().in(StrandKind.AFFECTE).withBalance("100.00");
    String bruno = beneficiary();

    assertThat(vouchers.grant(grant(mairie, bruno, "10", Duration.ofDays(1), "FOOD", "SHOES")))
        .isEqualTo(Outcome.refused(OperationReason.UNKNOWN_CATEGORY));
    assertThat(vouchers.grant(grant(mairie, bruno, "10", Duration.ZERO, "FOOD")))
        .isEqualTo(Outcome.refused(OperationReason.EXPIRY_NOT_IN_FUTURE));
    assertThat(vouchers.grant(grant(member, bruno, "10", Duration.ofDays(1), "FOOD")))
        .isEqualTo(Outcome.refused(OperationReason.WRONG_OWNER_KIND));
    assertThat(vouchers.grant(grant(poorFunder, bruno, "1.01", Duration.ofDays(1), "FOOD")))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(vouchers.holdings(of.network(), bruno)).allMatch(h -> h.remaining() == 0);
  }

  @Test
  void payments_draw_on_allowed_lots_earliest_expiry_first() {
    Account mairie = funder();
    String chloe = beneficiary();
    VoucherLot food = lot(mairie, chloe, "20.00", Duration.ofDays(10), "FOOD");
    VoucherLot both = lot(mairie, chloe, "30.00", Duration.ofDays(20), "FOOD", "BOOKS");
    VoucherLot books = lot(mairie, chloe, "40.00", Duration.ofDays(5), "BOOKS");
    long shopsBefore = of.balance(grocer) + of.balance(bookshop) + of.balance(supermarket);

    Paid atGrocer = pay(chloe, grocer, "25.00").orElseThrow();
    assertThat(draws(atGrocer)).isEqualTo(Map.of(food.account(), 2_000L, both.account(), 500L));
    assertThat(atGrocer.legs()).allMatch(t -> t.code() == TransferCode.PAYMENT);
    assertThat(atGrocer.legs().get(0).debit()).isEqualTo(food.account()); // expires first

    Paid atBookshop = pay(chloe, bookshop, "10.00").orElseThrow();
    assertThat(draws(atBookshop)).isEqualTo(Map.of(books.account(), 1_000L));

    Paid atSupermarket = pay(chloe, supermarket, "40.00").orElseThrow();
    assertThat(draws(atSupermarket))
        .isEqualTo(Map.of(books.account(), 3_000L, both.account(), 1_000L));
    assertThat(vouchers.holdings(of.network(), chloe))
        .extracting(VoucherHolding::remaining)
        .containsExactly(0L, 0L, 1_500L); // books (day 5), food (day 10), both (day 20)
    assertThat(of.balance(grocer) + of.balance(bookshop) + of.balance(supermarket) - shopsBefore)
        .isEqualTo(7_500);
    // a frozen lot (say, reported stolen) is passed over; the next one pays
    VoucherLot later = lot(mairie, chloe, "5.00", Duration.ofDays(30), "FOOD");
    of.fx
        .ledger
        .accounts()
        .setStatus(of.network(), both.account(), coop.sol.ledger.account.AccountStatus.FROZEN);
    assertThat(draws(pay(chloe, grocer, "5.00").orElseThrow()))
        .isEqualTo(Map.of(later.account(), 500L));
  }

  @Test
  void a_merchant_outside_the_vouchers_categories_is_refused_and_nothing_is_paid() {
    Account mairie = funder();
    String dan = beneficiary();
    VoucherLot books = lot(mairie, dan, "40.00", Duration.ofDays(5), "BOOKS");
    long grocerBefore = of.balance(grocer);

    assertThat(pay(dan, grocer, "1.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(pay(dan, uncategorised, "1.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(remaining(books)).isEqualTo(4_000);
    assertThat(of.balance(grocer)).isEqualTo(grocerBefore);
    // allowed lots that do not cover the amount: the ledger's reason, and still nothing paid
    lot(mairie, dan, "10.00", Duration.ofDays(5), "FOOD");
    assertThat(pay(dan, grocer, "10.01"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    assertThat(pay(beneficiary(), grocer, "1.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS));
    // a funder takes no payment in vouchers
    assertThat(pay(order(key(), dan, mairie.id(), sol("1"), "")))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(of.balance(grocer)).isEqualTo(grocerBefore);
  }

  @Test
  void a_lot_pays_until_just_before_its_expiry_and_then_returns_to_the_funder_once() {
    Account mairie = funder();
    String eve = beneficiary();
    VoucherLot lot = lot(mairie, eve, "30.00", Duration.ofDays(1), "FOOD");
    long funderAfterGrant = of.balance(mairie);

    of.clock.set(lot.expiresAt().minusNanos(1_000)); // one microsecond before
    Transfer paid = pay(eve, grocer, "10.00").orElseThrow().legs().get(0);
    assertThat(vouchers.expireDue(of.network()).returned())
        .noneMatch(t -> t.debit().equals(lot.account()));

    of.clock.set(lot.expiresAt());
    assertThat(pay(eve, grocer, "1.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.VOUCHERS_EXPIRED));
    ExpirySweep sweep = vouchers.expireDue(of.network());
    Transfer back =
        sweep.returned().stream()
            .filter(t -> t.debit().equals(lot.account()))
            .findFirst()
            .orElseThrow();
    assertThat(back.code()).isEqualTo(TransferCode.VOUCHER_EXPIRY);
    assertThat(back.credit()).isEqualTo(mairie.id());
    assertThat(back.amount()).isEqualTo(2_000);
    assertThat(remaining(lot)).isZero();
    assertThat(of.balance(mairie) - funderAfterGrant).isEqualTo(2_000);

    // running the job again returns nothing more
    assertThat(vouchers.expireDue(of.network()).returned())
        .noneMatch(t -> t.debit().equals(lot.account()));
    assertThat(of.balance(mairie) - funderAfterGrant).isEqualTo(2_000);

    // a refund after expiry lands in the lot, and the next run returns it to the funder too
    of.ops
        .refunds()
        .refund(RefundRequest.of(of.network(), key(), grocer.id(), paid.id(), sol("4.00")))
        .orElseThrow();
    assertThat(remaining(lot)).isEqualTo(400);
    assertThat(vouchers.expireDue(of.network()).returned())
        .filteredOn(t -> t.debit().equals(lot.account()))
        .extracting(Transfer::amount)
        .containsExactly(400L);
    assertThat(remaining(lot)).isZero();
    assertThat(of.balance(mairie) - funderAfterGrant).isEqualTo(2_400);
  }

  @Test
  void a_funder_sees_each_lot_it_granted_with_what_is_left_and_where_it_stands() {
    Account ccas = funder();
    String fay = beneficiary();
    VoucherLot spent = lot(ccas, fay, "5.00", Duration.ofDays(1), "FOOD");
    VoucherLot partly = lot(ccas, fay, "8.00", Duration.ofDays(1), "FOOD");
    VoucherLot untouched = lot(ccas, fay, "4.00", Duration.ofDays(1), "FOOD");
    pay(order(key(), fay, grocer.id(), sol("5.00"), "")).orElseThrow();
    assertThat(remaining(spent)).isZero();
    pay(order(key(), fay, grocer.id(), sol("3.00"), "")).orElseThrow();
    assertThat(remaining(partly)).isEqualTo(500);
    // at expiry the sweep returns what is left of the lots; a later grant is active
    of.clock.set(partly.expiresAt());
    vouchers.expireDue(of.network());
    VoucherLot active = lot(ccas, fay, "7.00", Duration.ofDays(2), "FOOD");

    FunderLots lots = vouchers.grantedBy(of.network(), List.of(ccas.id()), 10);

    assertThat(lots.count()).isEqualTo(4);
    assertThat(lots.lots())
        .extracting(l -> l.holding().lot().account())
        .containsExactly(active.account(), untouched.account(), partly.account(), spent.account());
    var now = of.clock.instant();
    assertThat(lots.lots())
        .extracting(l -> l.state(now))
        .containsExactly(
            GrantedLot.State.ACTIVE,
            GrantedLot.State.SWEPT,
            GrantedLot.State.SWEPT,
            GrantedLot.State.SPENT);
    assertThat(lots.lots()).extracting(GrantedLot::returned).containsExactly(0L, 400L, 500L, 0L);
    assertThat(lots.granted()).isEqualTo(2_400);
    assertThat(lots.remaining()).isEqualTo(700);
    assertThat(lots.returned()).isEqualTo(900);
    // capped list, totals of all
    FunderLots newest = vouchers.grantedBy(of.network(), List.of(ccas.id()), 1);
    assertThat(newest.lots()).hasSize(1);
    assertThat(newest.granted()).isEqualTo(2_400);
    // another funder's lots are not this one's
    assertThat(vouchers.grantedBy(of.network(), List.of(funder().id()), 10).count()).isZero();
  }

  @Test
  void a_lot_past_its_expiry_with_something_left_is_expired_until_swept() {
    Account ccas = funder();
    String gil = beneficiary();
    VoucherLot lot = lot(ccas, gil, "6.00", Duration.ofDays(1), "FOOD");
    GrantedLot granted = vouchers.grantedBy(of.network(), List.of(ccas.id()), 10).lots().get(0);
    assertThat(granted.state(of.clock.instant())).isEqualTo(GrantedLot.State.ACTIVE);
    assertThat(granted.state(lot.expiresAt())).isEqualTo(GrantedLot.State.EXPIRED);
  }

  @Test
  void a_payment_over_several_lots_is_refunded_from_the_lot_expiring_last() {
    Account mairie = funder();
    String fred = beneficiary();
    VoucherLot first = lot(mairie, fred, "20.00", Duration.ofDays(10), "FOOD");
    VoucherLot last = lot(mairie, fred, "30.00", Duration.ofDays(20), "FOOD");
    Paid paid = pay(fred, grocer, "25.00").orElseThrow();
    List<TransferId> legs = paid.legs().stream().map(Transfer::id).toList();

    var refunded =
        of.ops
            .refunds()
            .refund(
                new RefundRequest(of.network(), key(), grocer.id(), legs, sol("22.00"), "retour"))
            .orElseThrow();

    assertThat(refunded.transfers())
        .extracting(Transfer::credit, Transfer::amount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(first.account(), 1_700L),
            org.assertj.core.groups.Tuple.tuple(last.account(), 500L));
    assertThat(remaining(first)).isEqualTo(1_700);
    assertThat(remaining(last)).isEqualTo(3_000);
    assertThat(
            of.ops
                .refunds()
                .refund(new RefundRequest(of.network(), key(), grocer.id(), legs, sol("3.01"), "")))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
  }

  @Test
  void a_retried_payment_draws_once() {
    Account mairie = funder();
    String gina = beneficiary();
    lot(mairie, gina, "20.00", Duration.ofDays(10), "FOOD");
    lot(mairie, gina, "20.00", Duration.ofDays(20), "FOOD");
    var payment = order(key(), gina, grocer.id(), sol("30.00"), "ticket 7");

    Paid first = pay(payment).orElseThrow();
    Paid again = pay(payment).orElseThrow();

    assertThat(again.replayed()).isTrue();
    assertThat(again.legs()).isEqualTo(first.legs());
    assertThat(
            vouchers.holdings(of.network(), gina).stream()
                .mapToLong(VoucherHolding::remaining)
                .sum())
        .isEqualTo(1_000);
    assertThat(pay(order(payment.key(), gina, grocer.id(), sol("1"), "")))
        .isEqualTo(Outcome.refused(OperationReason.KEY_REUSED_WITH_DIFFERENT_REQUEST));
  }

  @Test
  void concurrent_payments_keep_every_lot_consistent_with_the_journal_and_its_categories()
      throws Exception {
    Account mairie = funder();
    String hugo = beneficiary();
    List<VoucherLot> lots = new ArrayList<>();
    String[][] categories = {
      {"FOOD"}, {"BOOKS"}, {"FOOD", "BOOKS"}, {"FOOD"}, {"BOOKS"}, {"CULTURE"}
    };
    for (int i = 0; i < categories.length; i++) {
      lots.add(lot(mairie, hugo, "60.00", Duration.ofDays(5 + 3L * i), categories[i]));
    }
    List<Account> shops = List.of(grocer, bookshop, supermarket);
    Map<AccountId, Long> shopsBefore = new HashMap<>();
    shops.forEach(s -> shopsBefore.put(s.id(), of.balance(s)));
    Map<AccountId, Long> paidTo = new java.util.concurrent.ConcurrentHashMap<>();
    List<Outcome<Paid>> refusals = Collections.synchronizedList(new ArrayList<>());

    var pool = Executors.newFixedThreadPool(8);
    var work = new ArrayList<CompletableFuture<Void>>();
    for (int t = 0; t < 8; t++) {
      work.add(
          CompletableFuture.runAsync(
              () -> {
                var random = ThreadLocalRandom.current();
                for (int i = 0; i < 25; i++) {
                  Account shop = shops.get(random.nextInt(shops.size()));
                  var outcome =
                      pay(
                          order(
                              new IdempotencyKey("hugo-" + java.util.UUID.randomUUID()),
                              hugo,
                              shop.id(),
                              Amount.of(1 + random.nextInt(800)),
                              ""));
                  if (outcome instanceof Outcome.Done<Paid> done) {
                    paidTo.merge(shop.id(), done.value().amount(), Long::sum);
                  } else {
                    refusals.add(outcome);
                  }
                }
              },
              pool));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
    pool.shutdown();

    assertThat(paidTo).isNotEmpty();
    // once the lots this shop may take are empty: the CULTURE lot is all that is left
    assertThat(refusals)
        .allMatch(
            o ->
                o.equals(Outcome.rejected(RejectionReason.INSUFFICIENT_FUNDS))
                    || o.equals(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED)));
    // every merchant received exactly what the payments acknowledged
    for (Account shop : shops) {
      assertThat(of.balance(shop) - shopsBefore.get(shop.id()))
          .isEqualTo(paidTo.getOrDefault(shop.id(), 0L));
    }
    // replaying the journal: each lot holds its grant minus its draws, and each draw was allowed
    Map<AccountId, VoucherLot> byAccount = new HashMap<>();
    lots.forEach(l -> byAccount.put(l.account(), l));
    Map<AccountId, Long> replayed = new HashMap<>();
    Map<AccountId, Set<String>> shopCategories =
        Map.of(
            grocer.id(), Set.of("FOOD"),
            bookshop.id(), Set.of("BOOKS"),
            supermarket.id(), Set.of("FOOD", "BOOKS"));
    of.fx
        .ledger
        .transfers()
        .forEachInJournal(
            of.network(),
            StrandKind.AFFECTE,
            t -> {
              if (byAccount.containsKey(t.credit())) {
                replayed.merge(t.credit(), t.amount(), Long::sum);
              }
              VoucherLot from = byAccount.get(t.debit());
              if (from != null) {
                replayed.merge(t.debit(), -t.amount(), Long::sum);
                assertThat(from.allows(shopCategories.get(t.credit())))
                    .as("lot %s %s paid %s", from.account(), from.categories(), t.credit())
                    .isTrue();
              }
            });
    long remaining = 0;
    for (VoucherLot l : lots) {
      long left = remaining(l);
      assertThat(left).isGreaterThanOrEqualTo(0).isEqualTo(replayed.get(l.account()));
      remaining += left;
    }
    long paid = paidTo.values().stream().mapToLong(Long::longValue).sum();
    assertThat(remaining).isEqualTo(lots.size() * 6_000L - paid);
    assertThat(remaining(lots.get(5))).isEqualTo(6_000); // CULTURE: no shop here may take it
  }
}
