package coop.sol.ledger.card;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.AccountStatus;
import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.payment.Paid;
import coop.sol.ledger.payment.PaymentOrder;
import coop.sol.ledger.payment.PaymentRequests;
import coop.sol.ledger.payment.Payments;
import coop.sol.ledger.payment.Source;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.Transfers;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Member cards: issue, block and unblock, replace, the PIN and the holder's cap, and the card rules
 * of a payment. A card payment is checked here — the version shown is the card's current one and
 * active, the amount within the network's payment cap (and its offline cap, for a charge an offline
 * till accepted), the PIN right (a wrong one counted in the database; the third in a row blocks the
 * card), the day's spending within the card's daily cap (reserved atomically) — and then paid by
 * the one payment path ({@link Payments}) from the holder's account, or from their earmarked
 * vouchers valid for this merchant when the till takes SOL Affecté, with the till's key: the same
 * ledger rules, idempotency and receipt as any payment.
 *
 * <p>Who may ask (the holder, a coordinator or exchange office of the network, a merchant's till)
 * is the caller's to check; this class never trusts a PIN it did not check itself.
 */
public final class Cards {
  /** How many wrong PINs in a row block a card. */
  public static final int MAX_WRONG_PINS = 3;

  private final CardStore store;
  private final Accounts accounts;
  private final Payments payments;
  private final Transfers transfers;
  private final Clock clock;
  private final ZoneId zone;
  private final SecureRandom random;
  private final PinHash pins;
  private final Listener listener;

  /** Told of every card event once it is stored (the application's audit log). */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param detail the block's reason, the new cap... or null
     * @param actor who did it (a username), or "pin" for a block after three wrong PINs
     */
    void happened(Card card, CardEvent kind, String detail, String actor, Instant at);
  }

  /**
   * @param zone the time zone of a card's day (its daily cap)
   */
  public Cards(
      CardStore store,
      Accounts accounts,
      Payments payments,
      Transfers transfers,
      Clock clock,
      ZoneId zone,
      SecureRandom random) {
    this(store, accounts, payments, transfers, clock, zone, random, (c, k, d, a, t) -> {});
  }

  /**
   * @param zone the time zone of a card's day (its daily cap)
   * @param listener told of each card event after it is stored
   */
  public Cards(
      CardStore store,
      Accounts accounts,
      Payments payments,
      Transfers transfers,
      Clock clock,
      ZoneId zone,
      SecureRandom random,
      Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.store = store;
    this.accounts = accounts;
    this.payments = payments;
    this.transfers = transfers;
    this.clock = clock;
    this.zone = zone;
    this.random = random;
    this.pins = new PinHash(random);
  }

  /**
   * A new card for a member's account.
   *
   * @param holderName the name printed on the card (its first word is shown at tills)
   * @param holderUserId the user who holds the account online, if any (null for a person without a
   *     login)
   * @param pin typed by the holder, never by staff
   */
  public record Issue(
      NetworkId network,
      AccountId holderAccount,
      String holderName,
      Long holderUserId,
      Pin pin,
      Actor by) {
    public Issue {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(holderAccount, "holderAccount");
      Objects.requireNonNull(pin, "pin");
      Objects.requireNonNull(by, "by");
      if (holderName == null || holderName.isBlank() || holderName.length() > 200) {
        throw new IllegalArgumentException("a holder's name has 1 to 200 characters");
      }
    }
  }

  public Outcome<Card> issue(Issue issue) {
    Optional<Account> account = accounts.find(issue.network(), issue.holderAccount());
    if (account.isEmpty()
        || account.get().ownerKind() != OwnerKind.MEMBER
        || account.get().status() != AccountStatus.OPEN) {
      return Outcome.refused(OperationReason.CARD_ACCOUNT_NOT_ELIGIBLE);
    }
    Instant now = clock.instant();
    Card card =
        new Card(
            store.nextId(),
            1,
            issue.network(),
            CardNumbers.next(random),
            issue.holderAccount(),
            issue.holderName().strip(),
            issue.holderUserId(),
            CardState.ACTIVE,
            null,
            0,
            null,
            now,
            issue.by().id(),
            null,
            null);
    store.insert(card, pins.hash(issue.pin()));
    event(card, CardEvent.ISSUED, null, issue.by().id(), now);
    return Outcome.done(card);
  }

  /** The card's current version. */
  public Optional<Card> current(NetworkId network, CardId id) {
    return store.current(network, id);
  }

  /** A version of a card, current or replaced. */
  public Optional<Card> version(NetworkId network, CardId id, int version) {
    return store.version(network, id, version);
  }

  /** The card version with this printed number (spaces ignored), in one of these networks. */
  public Optional<Card> byNumber(Collection<NetworkId> networks, String number) {
    String digits = CardNumbers.normalize(number);
    if (digits == null || !CardNumbers.valid(digits)) {
      return Optional.empty();
    }
    return store.byNumber(networks, digits);
  }

  /** Every version of the cards of these accounts, newest first. */
  public List<Card> ofAccounts(NetworkId network, Collection<AccountId> accounts) {
    return accounts.isEmpty() ? List.of() : store.ofAccounts(network, accounts);
  }

  /** The payments made with a card, newest first. */
  public List<CardStore.CardPayment> payments(NetworkId network, CardId id, int limit) {
    return store.payments(network, id, limit);
  }

  /** Every card's current version and state: what an offline till refuses. */
  public List<CardStore.CardStatus> statuses(NetworkId network) {
    return store.statuses(network);
  }

  public CardCaps caps(NetworkId network) {
    return store.caps(network);
  }

  /** Sets the network's caps; holders' own daily caps above the new one are capped by it. */
  public void setCaps(NetworkId network, CardCaps caps) {
    store.setCaps(network, caps);
  }

  /**
   * Sets the network's caps (minor units), refusing them unless all are positive and offline cap ≤
   * payment cap ≤ daily cap; the caps now in force.
   */
  public Outcome<CardCaps> changeCaps(
      NetworkId network, long dailyCap, long paymentCap, long offlineCap) {
    if (dailyCap <= 0
        || paymentCap <= 0
        || offlineCap <= 0
        || paymentCap > dailyCap
        || offlineCap > paymentCap) {
      return Outcome.refused(OperationReason.CARD_CAPS_INVALID);
    }
    CardCaps caps = new CardCaps(dailyCap, paymentCap, offlineCap);
    store.setCaps(network, caps);
    return Outcome.done(caps);
  }

  /**
   * Issues a PIN-reset activation for the card's current version (not a replaced one): the code's
   * SHA-256 {@code codeHash} (the code itself is shown once by the caller, never stored), usable
   * once until {@code expiresAt}; an unused older one for the card stops being usable.
   */
  public Outcome<Card> issuePinReset(
      NetworkId network, CardId id, byte[] codeHash, Instant expiresAt, Actor by) {
    Optional<Card> found = store.current(network, id);
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("an activation expires after it is issued");
    }
    store.insertPinActivation(network, id, codeHash.clone(), by.id(), now, expiresAt);
    event(found.get(), CardEvent.PIN_RESET_ISSUED, null, by.id(), now);
    return Outcome.done(found.get());
  }

  /**
   * The holder sets a new PIN with a PIN-reset activation's code ({@code codeHash}, its SHA-256):
   * the activation is used once; the wrong-PIN count starts again and a card blocked by wrong PINs
   * is unblocked (one blocked by its holder or staff stays blocked). The card's current version.
   */
  public Outcome<Card> resetPin(byte[] codeHash, Pin pin, Actor by) {
    Instant now = clock.instant();
    Optional<CardStore.PinActivation> activation = store.usablePinActivation(codeHash, now);
    if (activation.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID);
    }
    Optional<Card> card = store.current(activation.get().network(), activation.get().card());
    if (card.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID);
    }
    if (!store.resetPin(activation.get(), card.get(), pins.hash(pin), now)) {
      return Outcome.refused(OperationReason.CARD_PIN_RESET_INVALID);
    }
    event(card.get(), CardEvent.PIN_RESET, null, by.id(), now);
    return reloaded(card.get().network(), card.get().id());
  }

  /** The card a usable PIN-reset code is for (its current version), without using the code. */
  public Optional<Card> pinResetCard(byte[] codeHash) {
    return store
        .usablePinActivation(codeHash, clock.instant())
        .flatMap(a -> store.current(a.network(), a.card()));
  }

  /** What the card has spent today (its daily cap's day), minor units. */
  public long spentToday(CardId id) {
    return store.spent(id, today());
  }

  /** How many cards were issued, blocked, replaced... in the network in [from, to). */
  public Map<CardEvent, Long> counts(NetworkId network, Instant from, Instant to) {
    return store.countEvents(network, from, to);
  }

  public Outcome<Card> block(NetworkId network, CardId id, BlockReason reason, Actor by) {
    Optional<Card> card = store.current(network, id);
    if (card.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    Instant now = clock.instant();
    if (store.block(id, card.get().version(), reason, now)) {
      event(card.get(), CardEvent.BLOCKED, reason.name(), by.id(), now);
    }
    return reloaded(network, id); // blocking a blocked card changes nothing
  }

  public Outcome<Card> unblock(NetworkId network, CardId id, Actor by) {
    Optional<Card> card = store.current(network, id);
    if (card.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    if (!store.unblock(id, card.get().version())) {
      return Outcome.refused(OperationReason.CARD_NOT_BLOCKED);
    }
    event(card.get(), CardEvent.UNBLOCKED, null, by.id(), clock.instant());
    return reloaded(network, id);
  }

  /**
   * A new version of the card, with its own number and the same PIN, holder and cap; every older
   * version is refused from this commit on, online at once and offline from a till's next sync.
   */
  public Outcome<Card> replace(NetworkId network, CardId id, Actor by) {
    Optional<Card> found = store.current(network, id);
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    Card from = found.get();
    Instant now = clock.instant();
    Card next =
        new Card(
            id,
            from.version() + 1,
            network,
            CardNumbers.next(random),
            from.holderAccount(),
            from.holderName(),
            from.holderUserId(),
            CardState.ACTIVE,
            null,
            0,
            from.holderDailyCap(),
            now,
            by.id(),
            null,
            null);
    if (!store.replace(from, next, now)) {
      return Outcome.refused(OperationReason.CARD_REPLACED);
    }
    event(from, CardEvent.REPLACED, null, by.id(), now);
    event(next, CardEvent.ISSUED, "replacement", by.id(), now);
    return Outcome.done(next);
  }

  /**
   * The holder changes their PIN with the old one; a wrong old PIN counts as any wrong PIN (three
   * in a row block the card).
   */
  public Outcome<Card> changePin(NetworkId network, CardId id, Pin old, Pin next, Actor by) {
    Optional<Card> found = store.current(network, id);
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    Card card = found.get();
    Optional<OperationReason> pin = checkPin(card, old);
    if (pin.isPresent()) {
      return Outcome.refused(pin.get());
    }
    store.setPinHash(id, card.version(), pins.hash(next));
    event(card, CardEvent.PIN_CHANGED, null, by.id(), clock.instant());
    return reloaded(network, id);
  }

  /**
   * The holder's own daily cap (minor units, at most the network's), or null to follow the
   * network's.
   */
  public Outcome<Card> setDailyCap(NetworkId network, CardId id, Long cap, Actor by) {
    Optional<Card> found = store.current(network, id);
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    if (cap != null && (cap <= 0 || cap > store.caps(network).dailyCap())) {
      return Outcome.refused(OperationReason.CARD_CAP_ABOVE_NETWORK);
    }
    store.setDailyCap(id, found.get().version(), cap);
    event(
        found.get(),
        CardEvent.CAP_CHANGED,
        cap == null ? "network" : Long.toString(cap),
        by.id(),
        clock.instant());
    return reloaded(network, id);
  }

  /**
   * A till's charge of a card.
   *
   * @param version the version the till read (the QR code's, or the typed number's)
   * @param key the payment's key (the till's Idempotency-Key, prefixed for its user)
   * @param merchant the till's merchant account, credited; SOL Affecté is paid from the holder's
   *     voucher lots valid for this merchant, any other strand from the card's account
   * @param offlineAt when an offline till accepted the card, for a charge it sends later; null live
   */
  public record Charge(
      NetworkId network,
      CardId card,
      int version,
      Pin pin,
      IdempotencyKey key,
      long tillUserId,
      AccountId merchant,
      StrandKind strand,
      Amount amount,
      Instant offlineAt) {
    public Charge {
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(card, "card");
      Objects.requireNonNull(pin, "pin");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(merchant, "merchant");
      Objects.requireNonNull(strand, "strand");
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** Charges a card; see the class comment. Never throws for a business reason. */
  public Outcome<Paid> charge(Charge charge) {
    NetworkId network = charge.network();
    Optional<Card> found = store.version(network, charge.card(), charge.version());
    if (found.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    Card card = found.get();
    Optional<Account> holder = accounts.find(network, card.holderAccount());
    if (holder.isEmpty()) {
      return Outcome.refused(OperationReason.CARD_UNKNOWN);
    }
    PaymentOrder order =
        new PaymentOrder(
            network,
            charge.key(),
            // the card and its PIN stand for the holder, who holds the account the card names
            Payer.holderOf(holder.get()),
            charge.strand() == StrandKind.AFFECTE && holder.get().strand() != StrandKind.AFFECTE
                ? Source.vouchers()
                : Source.account(card.holderAccount()),
            charge.strand(),
            charge.merchant(),
            charge.amount(),
            "card " + card.id() + "/" + card.version(),
            "");
    if (transfers.findByKey(network, charge.key()).isPresent()) {
      // the till's retry of a payment already authorized: the ledger answers the original (or
      // refuses a key used for another payment); nothing is counted twice
      return payments.pay(order);
    }
    if (card.state() == CardState.REPLACED) {
      return Outcome.refused(OperationReason.CARD_REPLACED);
    }
    if (card.state() == CardState.BLOCKED) {
      return Outcome.refused(OperationReason.CARD_BLOCKED);
    }
    CardCaps caps = store.caps(network);
    long amount = charge.amount().minorUnits();
    if (charge.offlineAt() != null && amount > caps.offlineCap()) {
      return Outcome.refused(OperationReason.CARD_OFFLINE_CAP_EXCEEDED);
    }
    if (amount > caps.paymentCap()) {
      return Outcome.refused(OperationReason.CARD_PAYMENT_CAP_EXCEEDED);
    }
    Optional<OperationReason> pin = checkPin(card, charge.pin());
    if (pin.isPresent()) {
      return Outcome.refused(pin.get());
    }
    LocalDate day = today();
    if (!store.reserve(card.network(), card.id(), day, amount, card.dailyCap(caps))) {
      return Outcome.refused(OperationReason.CARD_DAILY_CAP_EXCEEDED);
    }
    Outcome<Paid> outcome = payments.pay(order);
    if (outcome instanceof Outcome.Done<Paid> done) {
      if (done.value().replayed()) {
        store.release(card.network(), card.id(), day, amount); // a concurrent retry posted it
      } else {
        store.recordPayment(
            new CardStore.CardPayment(
                network,
                done.value().first().id(),
                card.id(),
                card.version(),
                done.value().amount(),
                charge.merchant(),
                charge.tillUserId(),
                done.value().first().createdAt(),
                charge.offlineAt()));
      }
    } else if (!(outcome instanceof Outcome.Rejected<Paid> r
        && PaymentRequests.unknown(r.reason()))) {
      // nothing posted: the day's reservation is given back (kept while the outcome is unknown)
      store.release(card.network(), card.id(), day, amount);
    }
    return outcome;
  }

  /**
   * Checks a PIN against the card's current hash, counting the attempt first: empty if right; the
   * refusal otherwise (CARD_WRONG_PIN, or CARD_BLOCKED when it is blocked or this attempt was the
   * third wrong one in a row, or CARD_BUSY while three attempts are being checked at other tills).
   */
  private Optional<OperationReason> checkPin(Card card, Pin pin) {
    if (card.state() == CardState.REPLACED) {
      return Optional.of(OperationReason.CARD_REPLACED);
    }
    if (!store.admitPinAttempt(card.id(), card.version())) {
      CardState now =
          store
              .version(card.network(), card.id(), card.version())
              .map(Card::state)
              .orElse(CardState.REPLACED);
      return Optional.of(
          switch (now) {
            case REPLACED -> OperationReason.CARD_REPLACED;
            case BLOCKED -> OperationReason.CARD_BLOCKED;
            // three attempts being checked elsewhere: their outcome decides
            case ACTIVE -> OperationReason.CARD_BUSY;
          });
    }
    if (PinHash.matches(pin, store.pinHash(card.id(), card.version()))) {
      store.pinWasRight(card.id(), card.version());
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (store.blockIfThreeWrong(card.id(), card.version(), now)) {
      event(card, CardEvent.BLOCKED, BlockReason.WRONG_PINS.name(), "pin", now);
      return Optional.of(OperationReason.CARD_BLOCKED);
    }
    return Optional.of(OperationReason.CARD_WRONG_PIN);
  }

  private void event(Card card, CardEvent kind, String detail, String actor, Instant at) {
    store.event(card, kind, detail, actor, at);
    listener.happened(card, kind, detail, actor, at);
  }

  private Outcome<Card> reloaded(NetworkId network, CardId id) {
    return store
        .current(network, id)
        .<Outcome<Card>>map(Outcome::done)
        .orElse(Outcome.refused(OperationReason.CARD_UNKNOWN));
  }

  private LocalDate today() {
    return clock.instant().atZone(zone).toLocalDate();
  }
}
