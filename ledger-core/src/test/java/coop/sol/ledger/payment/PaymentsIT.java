package coop.sol.ledger.payment;

import static coop.sol.ledger.testing.LedgerFixture.key;
import static coop.sol.ledger.testing.LedgerFixture.sol;
import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.keys.SigningKey;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.refund.RefundOrder;
import coop.sol.ledger.refund.Refunded;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.ledger.signing.SigningKeyStore;
import coop.sol.ledger.signing.StoredSigningKey;
import coop.sol.ledger.testing.OperationsFixture;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.user.StoredRole;
import coop.sol.ledger.user.UserStore;
import coop.sol.ledger.voucher.VoucherGrant;
import coop.sol.ledger.voucher.VoucherLot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one payment path: whatever the door (a payment from an account, a payment request, a pay
 * token, vouchers), a voucher lot's rules, the payer's hold on the account and the payee's kind are
 * the ledger's, and a payment is refunded as a whole by any of its transfers.
 */
class PaymentsIT {
  static OperationsFixture of;
  static Payments payments;
  static Account grocer; // FOOD
  static Account bookshop; // BOOKS
  static Account funder;
  static long tillUser;
  static long payerUser;
  static final AtomicInteger PEOPLE = new AtomicInteger();
  static final List<String> CHANGED = new ArrayList<>();

  @BeforeAll
  static void start() {
    of = OperationsFixture.create();
    payments = of.ops.payments();
    var settings = of.ops.settings();
    settings.defineCategory(of.network(), new MerchantCategory("FOOD", "Alimentation"));
    settings.defineCategory(of.network(), new MerchantCategory("BOOKS", "Livres"));
    grocer = merchant("epicerie", "FOOD");
    bookshop = merchant("librairie", "BOOKS");
    funder = of.an(OwnerKind.FUNDER).in(StrandKind.AFFECTE).withBalance("10000.00");
    var users = new UserStore(of.fx.dataSource);
    tillUser = user(users, "caisse");
    payerUser = user(users, "payeur");
    // the key the codes name (their signatures are the web layer's to check)
    new SigningKeyStore(of.fx.dataSource)
        .insertFirst(
            new StoredSigningKey(
                of.network(), KEY.networkKey(), "A".repeat(114), of.clock.instant(), null),
            new AuditEntry(
                "NETWORK_KEY_CREATED",
                Set.of(of.network()),
                false,
                null,
                "test",
                "network key " + KEY_ID,
                "local",
                "{}"));
  }

  static final SigningKey KEY = SigningKey.generate(new java.security.SecureRandom());
  static final String KEY_ID = KEY.id().toString();

  @AfterAll
  static void stop() {
    of.close();
  }

  @AfterEach
  void invariantsHold() {
    of.assertInvariants();
  }

  static long user(UserStore users, String name) {
    return users
        .create(
            name + "-" + PEOPLE.incrementAndGet(),
            name,
            "$argon2id$v=19$m=16384,t=2,p=1$test-hash-not-a-real-one",
            null,
            List.of(new StoredRole("MEMBER", of.network().value(), null)))
        .orElseThrow();
  }

  static Account merchant(String ref, String... categories) {
    Account account = of.aMerchant().in(StrandKind.AFFECTE).named(ref).open();
    of.ops
        .settings()
        .changeMerchantCategories(of.network(), ref, Set.of(categories), OperationsFixture.ADMIN)
        .orElseThrow();
    return account;
  }

  static String beneficiary() {
    return "beneficiaire-" + PEOPLE.incrementAndGet();
  }

  static VoucherLot lot(String who, String amount, Duration validFor, String... categories) {
    return of.ops
        .vouchers()
        .grant(
            new VoucherGrant(
                of.network(),
                key(),
                funder.id(),
                who,
                sol(amount),
                of.clock.instant().plus(validFor),
                Set.of(categories),
                "Chèque " + String.join("+", categories)))
        .orElseThrow()
        .lot();
  }

  static Payer member(String who) {
    return new Payer(who, Set.of(OwnerKind.MEMBER));
  }

  static Outcome<Paid> payFrom(String who, AccountId from, Account to, String amount) {
    return payments.pay(
        new PaymentOrder(
            of.network(),
            key(),
            member(who),
            Source.account(from),
            StrandKind.AFFECTE,
            to.id(),
            sol(amount),
            "",
            ""));
  }

  @Test
  void a_lot_named_as_the_debit_account_pays_only_where_its_categories_allow() {
    String chloe = beneficiary();
    VoucherLot food = lot(chloe, "30.00", Duration.ofDays(10), "FOOD");
    Account friend = of.aMember().in(StrandKind.AFFECTE).open();

    assertThat(payFrom(chloe, food.account(), bookshop, "5.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(payFrom(chloe, food.account(), friend, "5.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(payFrom(chloe, food.account(), grocer, "5.00").isDone()).isTrue();
    assertThat(of.balance(food.account())).isEqualTo(2_500);
    assertThat(of.balance(friend)).isZero();
  }

  @Test
  void an_expired_lot_pays_no_one_even_before_the_sweep_returns_it() {
    String dan = beneficiary();
    VoucherLot food = lot(dan, "30.00", Duration.ofDays(1), "FOOD");
    of.clock.set(food.expiresAt());
    try {
      assertThat(payFrom(dan, food.account(), grocer, "1.00"))
          .isEqualTo(Outcome.rejected(RejectionReason.VOUCHERS_EXPIRED));
      assertThat(of.balance(food.account())).isEqualTo(3_000);
    } finally {
      of.clock.set(OperationsFixture.START);
    }
  }

  @Test
  void only_the_holder_of_the_account_pays_from_it() {
    String eve = beneficiary();
    VoucherLot food = lot(eve, "30.00", Duration.ofDays(10), "FOOD");

    assertThat(payFrom("someone-else", food.account(), grocer, "1.00"))
        .isEqualTo(Outcome.rejected(RejectionReason.DEBIT_NOT_ALLOWED));
    assertThat(
            payments.pay(
                new PaymentOrder(
                    of.network(),
                    key(),
                    new Payer(eve, Set.of(OwnerKind.MERCHANT)),
                    Source.account(food.account()),
                    StrandKind.AFFECTE,
                    grocer.id(),
                    sol("1.00"),
                    "",
                    "")))
        .isEqualTo(Outcome.rejected(RejectionReason.DEBIT_NOT_ALLOWED));
    assertThat(of.balance(food.account())).isEqualTo(3_000);
  }

  @Test
  void no_payment_goes_into_a_system_account() {
    Account alice = of.aMember().withBalance("10.00");
    assertThat(
            payments.pay(
                new PaymentOrder(
                    of.network(),
                    key(),
                    new Payer(alice.ownerRef(), Set.of(OwnerKind.MEMBER)),
                    Source.account(alice.id()),
                    StrandKind.COOPERATION,
                    of.system.fund(StrandKind.COOPERATION),
                    sol("1.00"),
                    "",
                    "")))
        .isEqualTo(Outcome.rejected(RejectionReason.CREDIT_ACCOUNT_NOT_PAYABLE));
  }

  @Test
  void a_payment_request_paid_from_a_lot_follows_the_lots_rules_and_stays_payable() {
    String fred = beneficiary();
    VoucherLot food = lot(fred, "30.00", Duration.ofDays(10), "FOOD");
    var requests =
        new PaymentRequests(
            new PaymentRequestStore(of.fx.dataSource),
            payments,
            of.fx.ledger.transfers(),
            of.clock,
            CHANGED::add);
    PaymentRequest atBookshop = request(requests, bookshop, 500);
    PaymentRequest atGrocer = request(requests, grocer, 500);

    assertThat(
            requests.pay(
                atBookshop,
                payerUser,
                "k1",
                member(fred),
                Source.account(food.account()),
                StrandKind.AFFECTE))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(requests.find(atBookshop.id(), Set.of(of.network())).orElseThrow().claimedAt())
        .as("the claim is released: the request may be paid otherwise")
        .isNull();
    Outcome<Paid> paid =
        requests.pay(
            atGrocer, payerUser, "k2", member(fred), Source.vouchers(), StrandKind.AFFECTE);
    assertThat(paid.isDone()).as("%s", paid).isTrue();
    assertThat(paid.orElseThrow().first().debit()).isEqualTo(food.account());
    // the payer's retry answers the payment; anyone else is told it is paid
    assertThat(
            requests
                .pay(atGrocer, payerUser, "k2", member(fred), Source.vouchers(), StrandKind.AFFECTE)
                .orElseThrow()
                .replayed())
        .isTrue();
    assertThat(
            requests.pay(
                requests.find(atGrocer.id(), Set.of(of.network())).orElseThrow(),
                tillUser,
                "k3",
                member(fred),
                Source.vouchers(),
                StrandKind.AFFECTE))
        .isEqualTo(Outcome.refused(OperationReason.PAYMENT_REQUEST_ALREADY_PAID));
    assertThat(CHANGED).contains(atGrocer.id());
  }

  @Test
  void a_pay_token_on_a_lot_is_charged_only_where_the_lot_may_pay_and_within_its_cap() {
    String gina = beneficiary();
    VoucherLot food = lot(gina, "30.00", Duration.ofDays(10), "FOOD");
    var tokens =
        new PayTokens(
            new PayTokenStore(of.fx.dataSource), payments, of.fx.ledger.transfers(), of.clock);
    PayToken token = token(tokens, food.account(), 1_000);

    assertThat(tokens.redeem(charge(token, bookshop, "t1", 500)))
        .isEqualTo(Outcome.rejected(RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED));
    assertThat(tokens.redeem(charge(token, grocer, "t2", 1_001)))
        .isEqualTo(Outcome.refused(OperationReason.PAY_TOKEN_CAP_EXCEEDED));
    assertThat(tokens.redeem(charge(token, grocer, "t3", 800)).isDone()).isTrue();
    assertThat(tokens.redeem(charge(token, grocer, "t4", 100)))
        .isEqualTo(Outcome.refused(OperationReason.PAY_TOKEN_ALREADY_USED));
    assertThat(of.balance(food.account())).isEqualTo(2_200);
  }

  @Test
  void a_payment_over_several_lots_is_refunded_whole_by_any_of_its_transfers() {
    String hugo = beneficiary();
    VoucherLot first = lot(hugo, "20.00", Duration.ofDays(10), "FOOD");
    VoucherLot last = lot(hugo, "30.00", Duration.ofDays(20), "FOOD");
    IdempotencyKey payKey = key();
    Paid paid =
        payments
            .pay(
                new PaymentOrder(
                    of.network(),
                    payKey,
                    member(hugo),
                    Source.vouchers(),
                    StrandKind.AFFECTE,
                    grocer.id(),
                    sol("25.00"),
                    "ticket 9",
                    ""))
            .orElseThrow();
    assertThat(paid.legs())
        .extracting(Transfer::debit)
        .containsExactly(first.account(), last.account());
    assertThat(paid.legs())
        .extracting(t -> t.key().value())
        .containsExactly(payKey.value(), payKey.value() + "/1");
    assertThat(payments.legs(of.network(), paid.legs().get(1).id())).contains(paid.legs());

    var refundKey = key();
    Refunded refunded =
        of.ops
            .refunds()
            .refund(
                new RefundOrder(
                    of.network(), refundKey, grocer.id(), paid.legs().get(1).id(), null, "retour"))
            .orElseThrow();
    assertThat(refunded.amount()).isEqualTo(2_500);
    assertThat(of.balance(first.account())).isEqualTo(2_000);
    assertThat(of.balance(last.account())).isEqualTo(3_000);
    // the retry answers the refund made; nothing is left to refund by another key
    assertThat(
            of.ops
                .refunds()
                .refund(
                    new RefundOrder(
                        of.network(), refundKey, grocer.id(), paid.legs().get(0).id(), null, ""))
                .orElseThrow()
                .replayed())
        .isTrue();
    assertThat(
            of.ops
                .refunds()
                .refund(
                    new RefundOrder(
                        of.network(), key(), grocer.id(), paid.legs().get(0).id(), null, "")))
        .isEqualTo(Outcome.rejected(RejectionReason.REVERSAL_EXCEEDS_ORIGINAL));
  }

  @Test
  void a_voucher_payment_keyed_the_old_way_is_still_found_and_answered() {
    String ines = beneficiary();
    VoucherLot food = lot(ines, "20.00", Duration.ofDays(10), "FOOD");
    IdempotencyKey base = key();
    // as voucher payments were keyed before the first leg took the payment's key: <key>/0
    var legacy =
        of.fx
            .ledger
            .transfers()
            .execute(
                of.network(),
                TransferCommand.posted(
                    new IdempotencyKey(base.value() + "/0"),
                    StrandKind.AFFECTE,
                    food.account(),
                    grocer.id(),
                    sol("4.00"),
                    TransferCode.PAYMENT));
    assertThat(legacy.isPosted()).isTrue();

    Outcome<Paid> retry =
        payments.pay(
            new PaymentOrder(
                of.network(),
                base,
                member(ines),
                Source.vouchers(),
                StrandKind.AFFECTE,
                grocer.id(),
                sol("4.00"),
                "",
                ""));
    assertThat(retry.orElseThrow().replayed()).isTrue();
    assertThat(of.balance(food.account())).isEqualTo(1_600);
  }

  private PaymentRequest request(PaymentRequests requests, Account merchant, long amount) {
    String id = HexFormat.of().formatHex(nonce());
    Instant now = of.clock.instant();
    var request =
        new PaymentRequest(
            of.network(),
            id,
            merchant.id(),
            amount,
            "",
            KEY_ID,
            "c2lnbmVkLWNvZGU",
            now.plusSeconds(300),
            PaymentRequest.Status.OPEN,
            tillUser,
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    requests.create(request);
    return request;
  }

  private PayToken token(PayTokens tokens, AccountId account, long cap) {
    Instant now = of.clock.instant();
    var token =
        new PayToken(
            of.network(),
            HexFormat.of().formatHex(nonce()),
            account,
            cap,
            KEY_ID,
            "c2lnbmVkLWNvZGU",
            now.plusSeconds(120),
            payerUser,
            now,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    tokens.issue(token);
    return token;
  }

  private PayTokens.Charge charge(PayToken token, Account merchant, String key, long amount) {
    return new PayTokens.Charge(
        of.network(),
        token.id(),
        of.clock.instant(),
        tillUser,
        key,
        merchant.id(),
        StrandKind.AFFECTE,
        amount,
        null);
  }

  private static byte[] nonce() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
