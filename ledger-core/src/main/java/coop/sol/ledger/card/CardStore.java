package coop.sol.ledger.card;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The {@code member_card*} tables. Every change of a card's state or of its wrong-PIN counter is
 * one conditional UPDATE, so that tills on several instances at once count wrong PINs together and
 * cannot both replace, block or unblock a card.
 */
public final class CardStore {
  private static final String COLUMNS =
      "card_id, version, network_id, card_number, holder_account_id, holder_name, holder_user_id,"
          + " state, blocked_reason, wrong_pins, daily_cap, issued_at, issued_by, blocked_at,"
          + " replaced_at";

  private final DSLContext sql;

  public CardStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  private CardStore(DSLContext sql) {
    this.sql = sql;
  }

  /** A card payment as recorded. */
  public record CardPayment(
      NetworkId network,
      TransferId transfer,
      CardId card,
      int version,
      long amount,
      AccountId merchant,
      long tillUserId,
      Instant paidAt,
      Instant offlineAt) {}

  /** A card's version and state as a till's revocation list holds it. */
  public record CardStatus(CardId card, int version, CardState state) {}

  CardId nextId() {
    return new CardId(sql.fetchOne("SELECT nextval('member_card_id_seq')").get(0, Long.class));
  }

  void insert(Card card, String pinHash) {
    sql.execute(
        "INSERT INTO member_card ("
            + COLUMNS
            + ", pin_hash) VALUES"
            + " ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14},"
            + " {15})",
        DSL.val(card.id().value()),
        DSL.val(card.version()),
        DSL.val(card.network().value()),
        DSL.val(card.number()),
        DSL.val(card.holderAccount().value()),
        DSL.val(card.holderName()),
        DSL.val(card.holderUserId(), Long.class),
        DSL.val(card.state().name()),
        DSL.val(card.blockedReason() == null ? null : card.blockedReason().name(), String.class),
        DSL.val(card.wrongPins()),
        DSL.val(card.holderDailyCap(), Long.class),
        DSL.val(utc(card.issuedAt())),
        DSL.val(card.issuedBy()),
        DSL.val(utc(card.blockedAt()), OffsetDateTime.class),
        DSL.val(utc(card.replacedAt()), OffsetDateTime.class),
        DSL.val(pinHash));
  }

  /** The card's current (not replaced) version. */
  public Optional<Card> current(NetworkId network, CardId id) {
    return sql.fetchOptional(
            "SELECT "
                + COLUMNS
                + " FROM member_card"
                + " WHERE network_id = ? AND card_id = ? AND state <> 'REPLACED'",
            network.value(),
            id.value())
        .map(CardStore::card);
  }

  public Optional<Card> version(NetworkId network, CardId id, int version) {
    return sql.fetchOptional(
            "SELECT "
                + COLUMNS
                + " FROM member_card"
                + " WHERE network_id = ? AND card_id = ? AND version = ?",
            network.value(),
            id.value(),
            version)
        .map(CardStore::card);
  }

  /** The card version with this printed number, in one of {@code networks}. */
  public Optional<Card> byNumber(Collection<NetworkId> networks, String number) {
    if (networks.isEmpty()) {
      return Optional.empty();
    }
    return sql.fetchOptional(
            "SELECT "
                + COLUMNS
                + " FROM member_card WHERE card_number = {0}"
                + " AND network_id = ANY({1})",
            DSL.val(number),
            DSL.val(networks.stream().map(NetworkId::value).toArray(Long[]::new)))
        .map(CardStore::card);
  }

  /** Every version of the cards issued for these accounts, newest first. */
  public List<Card> ofAccounts(NetworkId network, Collection<AccountId> accounts) {
    return sql.fetch(
            "SELECT "
                + COLUMNS
                + " FROM member_card WHERE network_id = {0}"
                + " AND holder_account_id = ANY({1}) ORDER BY card_id DESC, version DESC",
            DSL.val(network.value()),
            DSL.val(accounts.stream().map(AccountId::value).toArray(Long[]::new)))
        .map(CardStore::card);
  }

  /** Every card's current version and state in the network: a till's revocation list. */
  public List<CardStatus> statuses(NetworkId network) {
    return sql.fetch(
            "SELECT card_id, version, state FROM member_card"
                + " WHERE network_id = ? AND state <> 'REPLACED' ORDER BY card_id",
            network.value())
        .map(
            r ->
                new CardStatus(
                    new CardId(r.get(0, Long.class)),
                    r.get(1, Integer.class),
                    CardState.valueOf(r.get(2, String.class))));
  }

  String pinHash(CardId id, int version) {
    return sql.fetchOne(
            "SELECT pin_hash FROM member_card WHERE card_id = ? AND version = ?",
            id.value(),
            version)
        .get(0, String.class);
  }

  /**
   * Counts a PIN attempt before the PIN is checked, if the version is active and has had fewer than
   * three wrong PINs in a row: so that no more than three guesses are ever checked, however many
   * tills try at once. False: refused, nothing counted.
   */
  boolean admitPinAttempt(CardId id, int version) {
    return sql.execute(
            "UPDATE member_card SET wrong_pins = wrong_pins + 1"
                + " WHERE card_id = ? AND version = ? AND state = 'ACTIVE' AND wrong_pins < 3",
            id.value(),
            version)
        == 1;
  }

  /** The PIN was right: the wrong ones in a row start again from none. */
  void pinWasRight(CardId id, int version) {
    sql.execute(
        "UPDATE member_card SET wrong_pins = 0"
            + " WHERE card_id = ? AND version = ? AND state = 'ACTIVE'",
        id.value(),
        version);
  }

  /**
   * After a wrong PIN: blocks the version if it has had three in a row. True if this blocked it.
   */
  boolean blockIfThreeWrong(CardId id, int version, Instant now) {
    return sql.execute(
            "UPDATE member_card SET state = 'BLOCKED', blocked_reason = 'WRONG_PINS',"
                + " blocked_at = {0} WHERE card_id = {1} AND version = {2} AND state = 'ACTIVE'"
                + " AND wrong_pins >= 3",
            DSL.val(utc(now)), DSL.val(id.value()), DSL.val(version))
        == 1;
  }

  boolean block(CardId id, int version, BlockReason reason, Instant now) {
    return sql.execute(
            "UPDATE member_card SET state = 'BLOCKED', blocked_reason = {0}, blocked_at = {1}"
                + " WHERE card_id = {2} AND version = {3} AND state = 'ACTIVE'",
            DSL.val(reason.name()), DSL.val(utc(now)), DSL.val(id.value()), DSL.val(version))
        == 1;
  }

  boolean unblock(CardId id, int version) {
    return sql.execute(
            "UPDATE member_card SET state = 'ACTIVE', blocked_reason = NULL, blocked_at = NULL,"
                + " wrong_pins = 0 WHERE card_id = ? AND version = ? AND state = 'BLOCKED'",
            id.value(),
            version)
        == 1;
  }

  /**
   * Replaces version {@code from.version()} by {@code next} (same card, the next version, its own
   * number), keeping the PIN hash: one transaction, in which the older version turns REPLACED.
   * False if the version was replaced meanwhile.
   */
  boolean replace(Card from, Card next, Instant now) {
    return sql.transactionResult(
        cfg -> {
          var tx = new CardStore(cfg.dsl());
          int changed =
              tx.sql.execute(
                  "UPDATE member_card SET state = 'REPLACED', blocked_reason = NULL,"
                      + " replaced_at = {0} WHERE card_id = {1} AND version = {2}"
                      + " AND state <> 'REPLACED'",
                  DSL.val(utc(now)), DSL.val(from.id().value()), DSL.val(from.version()));
          if (changed != 1) {
            return false;
          }
          tx.insert(next, tx.pinHash(from.id(), from.version()));
          return true;
        });
  }

  boolean setPinHash(CardId id, int version, String hash) {
    return sql.execute(
            "UPDATE member_card SET pin_hash = ?, wrong_pins = 0"
                + " WHERE card_id = ? AND version = ? AND state <> 'REPLACED'",
            hash,
            id.value(),
            version)
        == 1;
  }

  boolean setDailyCap(CardId id, int version, Long cap) {
    return sql.execute(
            "UPDATE member_card SET daily_cap = {0}"
                + " WHERE card_id = {1} AND version = {2} AND state <> 'REPLACED'",
            DSL.val(cap, Long.class), DSL.val(id.value()), DSL.val(version))
        == 1;
  }

  /** The network's caps: its own, or the defaults. */
  public CardCaps caps(NetworkId network) {
    return sql.fetchOptional(
            "SELECT daily_cap, payment_cap, offline_cap FROM member_card_settings"
                + " WHERE network_id = ?",
            network.value())
        .map(r -> new CardCaps(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class)))
        .orElse(CardCaps.DEFAULTS);
  }

  void setCaps(NetworkId network, CardCaps caps) {
    sql.execute(
        "INSERT INTO member_card_settings (network_id, daily_cap, payment_cap, offline_cap)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (network_id) DO UPDATE SET"
            + " daily_cap = excluded.daily_cap, payment_cap = excluded.payment_cap,"
            + " offline_cap = excluded.offline_cap",
        network.value(),
        caps.dailyCap(),
        caps.paymentCap(),
        caps.offlineCap());
  }

  /**
   * Reserves {@code amount} of the card's spending on {@code day}, if it stays within {@code cap}:
   * one upsert, so that concurrent tills cannot both pass the cap. True if reserved.
   */
  boolean reserve(NetworkId network, CardId id, LocalDate day, long amount, long cap) {
    if (amount > cap) {
      return false;
    }
    return sql.fetchOptional(
            "INSERT INTO member_card_day AS d (network_id, card_id, day, spent)"
                + " VALUES ({4}, {0}, {1}, {2})"
                + " ON CONFLICT (network_id, card_id, day) DO UPDATE SET spent = d.spent + {2}"
                + " WHERE d.spent + {2} <= {3} RETURNING spent",
            DSL.val(id.value()),
            DSL.val(day),
            DSL.val(amount),
            DSL.val(cap),
            DSL.val(network.value()))
        .isPresent();
  }

  /** Gives back a reservation whose payment did not post. */
  void release(NetworkId network, CardId id, LocalDate day, long amount) {
    sql.execute(
        "UPDATE member_card_day SET spent = greatest(spent - {0}, 0)"
            + " WHERE network_id = {3} AND card_id = {1} AND day = {2}",
        DSL.val(amount), DSL.val(id.value()), DSL.val(day), DSL.val(network.value()));
  }

  /** What the card has spent on {@code day}, minor units. */
  public long spent(CardId id, LocalDate day) {
    return sql.fetchOptional(
            "SELECT spent FROM member_card_day WHERE card_id = {0} AND day = {1}",
            DSL.val(id.value()), DSL.val(day))
        .map(r -> r.get(0, Long.class))
        .orElse(0L);
  }

  void recordPayment(CardPayment payment) {
    sql.execute(
        "INSERT INTO member_card_payment (network_id, transfer_id, card_id, version, amount,"
            + " merchant_account_id, till_user_id, paid_at, offline_at)"
            + " VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})"
            + " ON CONFLICT (network_id, transfer_id) DO NOTHING",
        DSL.val(payment.network().value()),
        DSL.val(payment.transfer().value()),
        DSL.val(payment.card().value()),
        DSL.val(payment.version()),
        DSL.val(payment.amount()),
        DSL.val(payment.merchant().value()),
        DSL.val(payment.tillUserId()),
        DSL.val(utc(payment.paidAt())),
        DSL.val(utc(payment.offlineAt()), OffsetDateTime.class));
  }

  /** The payments made with a card (all its versions), newest first, at most {@code limit}. */
  public List<CardPayment> payments(NetworkId network, CardId id, int limit) {
    return sql.fetch(
            "SELECT network_id, transfer_id, card_id, version, amount, merchant_account_id,"
                + " till_user_id, paid_at, offline_at FROM member_card_payment"
                + " WHERE network_id = {0} AND card_id = {1} ORDER BY paid_at DESC, transfer_id DESC"
                + " LIMIT {2}",
            DSL.val(network.value()), DSL.val(id.value()), DSL.val(limit))
        .map(
            r ->
                new CardPayment(
                    new NetworkId(r.get(0, Long.class)),
                    new TransferId(r.get(1, Long.class)),
                    new CardId(r.get(2, Long.class)),
                    r.get(3, Integer.class),
                    r.get(4, Long.class),
                    new AccountId(r.get(5, Long.class)),
                    r.get(6, Long.class),
                    instant(r.get(7, OffsetDateTime.class)),
                    instant(r.get(8, OffsetDateTime.class))));
  }

  void event(Card card, CardEvent kind, String detail, String actor, Instant at) {
    sql.execute(
        "INSERT INTO member_card_event (network_id, card_id, version, kind, detail, actor, at)"
            + " VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})",
        DSL.val(card.network().value()),
        DSL.val(card.id().value()),
        DSL.val(card.version()),
        DSL.val(kind.name()),
        DSL.val(detail, String.class),
        DSL.val(actor),
        DSL.val(utc(at)));
  }

  /**
   * A new PIN-reset activation for the card; an unused older one is superseded, in the same
   * transaction.
   */
  void insertPinActivation(
      NetworkId network, CardId id, byte[] codeHash, String by, Instant now, Instant expiresAt) {
    sql.transaction(
        cfg -> {
          DSLContext t = cfg.dsl();
          t.execute(
              "UPDATE member_card_pin_activation SET superseded_at = {0} WHERE network_id = {1}"
                  + " AND card_id = {2} AND used_at IS NULL AND superseded_at IS NULL",
              DSL.val(utc(now)), DSL.val(network.value()), DSL.val(id.value()));
          t.execute(
              "INSERT INTO member_card_pin_activation (network_id, card_id, code_hash, issued_by,"
                  + " issued_at, expires_at) VALUES ({0}, {1}, {2}, {3}, {4}, {5})",
              DSL.val(network.value()),
              DSL.val(id.value()),
              DSL.val(codeHash),
              DSL.val(by),
              DSL.val(utc(now)),
              DSL.val(utc(expiresAt)));
        });
  }

  /** The card of a usable (unused, not superseded, unexpired) PIN-reset activation. */
  record PinActivation(long activationId, NetworkId network, CardId card) {}

  Optional<PinActivation> usablePinActivation(byte[] codeHash, Instant now) {
    return sql.fetchOptional(
            "SELECT activation_id, network_id, card_id FROM member_card_pin_activation"
                + " WHERE code_hash = {0} AND used_at IS NULL AND superseded_at IS NULL"
                + " AND expires_at > {1}",
            DSL.val(codeHash), DSL.val(utc(now)))
        .map(
            r ->
                new PinActivation(
                    r.get(0, Long.class),
                    new NetworkId(r.get(1, Long.class)),
                    new CardId(r.get(2, Long.class))));
  }

  /**
   * Uses the activation and sets the card version's PIN hash, in one transaction: the wrong-PIN
   * count starts again and a version blocked by wrong PINs is unblocked. False if the activation
   * was used, superseded or expired meanwhile, or the version replaced.
   */
  boolean resetPin(PinActivation activation, Card card, String hash, Instant now) {
    try {
      return resetPinOnce(activation, card, hash, now);
    } catch (ReplacedMeanwhile replaced) {
      return false;
    }
  }

  private boolean resetPinOnce(PinActivation activation, Card card, String hash, Instant now) {
    return sql.transactionResult(
        cfg -> {
          DSLContext t = cfg.dsl();
          int used =
              t.execute(
                  "UPDATE member_card_pin_activation SET used_at = {0} WHERE activation_id = {1}"
                      + " AND used_at IS NULL AND superseded_at IS NULL AND expires_at > {0}",
                  DSL.val(utc(now)), DSL.val(activation.activationId()));
          if (used != 1) {
            return false;
          }
          int set =
              t.execute(
                  "UPDATE member_card SET pin_hash = {0}, wrong_pins = 0,"
                      + " state = CASE WHEN blocked_reason = 'WRONG_PINS' THEN 'ACTIVE' ELSE state"
                      + " END, blocked_at = CASE WHEN blocked_reason = 'WRONG_PINS' THEN NULL ELSE"
                      + " blocked_at END, blocked_reason = CASE WHEN blocked_reason = 'WRONG_PINS'"
                      + " THEN NULL ELSE blocked_reason END"
                      + " WHERE network_id = {1} AND card_id = {2} AND version = {3}"
                      + " AND state <> 'REPLACED'",
                  DSL.val(hash),
                  DSL.val(card.network().value()),
                  DSL.val(card.id().value()),
                  DSL.val(card.version()));
          if (set != 1) {
            throw new ReplacedMeanwhile();
          }
          return true;
        });
  }

  /** Rolls the activation's use back when the version was replaced meanwhile. */
  static final class ReplacedMeanwhile extends RuntimeException {
    ReplacedMeanwhile() {
      super("the card version was replaced meanwhile", null, false, false);
    }
  }

  /** How many events of each kind the network's cards had in [from, to). */
  public Map<CardEvent, Long> countEvents(NetworkId network, Instant from, Instant to) {
    var counts = new EnumMap<CardEvent, Long>(CardEvent.class);
    for (CardEvent kind : CardEvent.values()) {
      counts.put(kind, 0L);
    }
    sql.fetch(
            "SELECT kind, count(*) FROM member_card_event WHERE network_id = {0}"
                + " AND at >= {1} AND at < {2} GROUP BY kind",
            DSL.val(network.value()), DSL.val(utc(from)), DSL.val(utc(to)))
        .forEach(r -> counts.put(CardEvent.valueOf(r.get(0, String.class)), r.get(1, Long.class)));
    return counts;
  }

  private static Card card(Record r) {
    String reason = r.get("blocked_reason", String.class);
    return new Card(
        new CardId(r.get("card_id", Long.class)),
        r.get("version", Integer.class),
        new NetworkId(r.get("network_id", Long.class)),
        r.get("card_number", String.class),
        new AccountId(r.get("holder_account_id", Long.class)),
        r.get("holder_name", String.class),
        r.get("holder_user_id", Long.class),
        CardState.valueOf(r.get("state", String.class)),
        reason == null ? null : BlockReason.valueOf(reason),
        r.get("wrong_pins", Integer.class),
        r.get("daily_cap", Long.class),
        instant(r.get("issued_at", OffsetDateTime.class)),
        r.get("issued_by", String.class),
        instant(r.get("blocked_at", OffsetDateTime.class)),
        instant(r.get("replaced_at", OffsetDateTime.class)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
