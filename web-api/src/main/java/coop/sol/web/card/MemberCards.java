package coop.sol.web.card;

import coop.sol.keys.SealedForNetwork;
import coop.sol.keys.TrustedKeys;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.card.BlockReason;
import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardId;
import coop.sol.ledger.card.Cards;
import coop.sol.ledger.card.Pin;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.payment.Paid;
import coop.sol.merchant.code.MemberCardCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.Scope;
import coop.sol.web.networkkey.NetworkKeys;
import coop.sol.web.payment.PaymentCodeProblems;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.user.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Who may do what with a card, and the translation to ledger-core's {@link Cards}. The holder is
 * whoever holds the card's account; staff are the coordinators and exchange offices of its network;
 * a till is a merchant's (or its cashier's) account in that network. A card outside what the caller
 * may see is answered as if it did not exist (404).
 */
@Service
public class MemberCards {
  /** How long after an offline till accepted a card it may still send the charge. */
  static final Duration OFFLINE_GRACE = Duration.ofHours(24);

  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final Cards cards;
  private final Ledger ledger;
  private final AccountAccess access;
  private final NetworkDirectory networks;
  private final NetworkKeys keys;
  private final Clock clock;

  MemberCards(
      Cards cards,
      Ledger ledger,
      AccountAccess access,
      NetworkDirectory networks,
      NetworkKeys keys,
      Clock clock) {
    this.cards = cards;
    this.ledger = ledger;
    this.access = access;
    this.networks = networks;
    this.keys = keys;
    this.clock = clock;
  }

  public Cards cards() {
    return cards;
  }

  /**
   * What a change to a card asks of the caller's token: {@code pay} for its holder and an exchange
   * office, {@code admin} for a coordinator (whose tokens never carry {@code pay}).
   */
  static void requireScopeFor(Caller caller, NetworkId network, boolean asHolder) {
    boolean coordinatorOnly = !asHolder && !caller.holds(Role.EXCHANGE_AGENT, network);
    Scope needed = coordinatorOnly ? Scope.ADMIN : Scope.PAY;
    if (!caller.has(needed)) {
      throw new ApiProblemException(ProblemCode.INSUFFICIENT_SCOPE);
    }
  }

  /** Whether the caller issues and replaces cards in {@code network}. */
  public static boolean isStaff(Caller caller, NetworkId network) {
    return caller.holds(Role.COORDINATOR, network) || caller.holds(Role.EXCHANGE_AGENT, network);
  }

  /**
   * Issues a card for a member's account of a network the caller is staff of. {@code pinText} is
   * the holder's, typed by them on the holder's step of the issuing page (docs/member-card.md).
   */
  public Card issue(Caller caller, long holderAccountId, String holderName, String pinText) {
    Account account =
        (holderAccountId <= 0 || caller.networks().isEmpty()
                ? Optional.<Account>empty()
                : ledger.accounts().findIn(caller.networks(), new AccountId(holderAccountId)))
            .filter(a -> isStaff(caller, a.network()))
            .orElseThrow(() -> LedgerProblems.problem(OperationReason.CARD_ACCOUNT_NOT_ELIGIBLE));
    requireScopeFor(caller, account.network(), false);
    Pin pin = pin(pinText);
    return LedgerProblems.done(
        cards.issue(
            new Cards.Issue(
                account.network(),
                account.id(),
                holderName,
                null,
                pin,
                Actor.of(caller.username()))));
  }

  /** The card's current version if the caller holds its account or is staff of its network. */
  public Card visible(Caller caller, long cardId) {
    return find(caller, cardId, true)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /** The card's current version if the caller holds its account. */
  public Card held(Caller caller, long cardId) {
    return find(caller, cardId, false)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /** The card if the caller is staff of its network (404 otherwise, as if it did not exist). */
  public Card staffs(Caller caller, long cardId) {
    Card card = visible(caller, cardId);
    if (!isStaff(caller, card.network())) {
      throw new ApiProblemException(ProblemCode.FORBIDDEN);
    }
    return card;
  }

  private Optional<Card> find(Caller caller, long cardId, boolean staffToo) {
    if (cardId <= 0) {
      return Optional.empty();
    }
    for (NetworkId network : caller.networks()) {
      Optional<Card> card = cards.current(network, new CardId(cardId));
      if (card.isPresent()) {
        boolean holder = holds(caller, card.get());
        return (holder || (staffToo && isStaff(caller, network))) ? card : Optional.empty();
      }
    }
    return Optional.empty();
  }

  public boolean holds(Caller caller, Card card) {
    return access
        .visible(caller, card.holderAccount().value())
        .filter(a -> access.holds(caller, a))
        .isPresent();
  }

  /** The cards of every account the caller holds, every version, newest first. */
  public List<Card> ofCaller(Caller caller) {
    return access.held(caller).stream()
        .collect(
            Collectors.groupingBy(
                Account::network, Collectors.mapping(Account::id, Collectors.toList())))
        .entrySet()
        .stream()
        .flatMap(e -> cards.ofAccounts(e.getKey(), e.getValue()).stream())
        .toList();
  }

  /** Blocks: the holder, or staff of the card's network. */
  public Card block(Caller caller, long cardId) {
    Card card = visible(caller, cardId);
    boolean holder = holds(caller, card);
    requireScopeFor(caller, card.network(), holder);
    BlockReason reason = holder ? BlockReason.BY_HOLDER : BlockReason.BY_STAFF;
    return LedgerProblems.done(
        cards.block(card.network(), card.id(), reason, Actor.of(caller.username())));
  }

  /** Unblocks: the holder, or a coordinator of the card's network (not an exchange office). */
  public Card unblock(Caller caller, long cardId) {
    Card card = visible(caller, cardId);
    boolean holder = holds(caller, card);
    if (!holder && !caller.holds(Role.COORDINATOR, card.network())) {
      throw new ApiProblemException(ProblemCode.FORBIDDEN);
    }
    requireScopeFor(caller, card.network(), holder);
    return LedgerProblems.done(
        cards.unblock(card.network(), card.id(), Actor.of(caller.username())));
  }

  public Card replace(Caller caller, long cardId) {
    Card card = staffs(caller, cardId);
    requireScopeFor(caller, card.network(), false);
    return LedgerProblems.done(
        cards.replace(card.network(), card.id(), Actor.of(caller.username())));
  }

  public Card changePin(Caller caller, long cardId, String oldPin, String newPin) {
    Card card = held(caller, cardId);
    requireScopeFor(caller, card.network(), true);
    return LedgerProblems.done(
        cards.changePin(
            card.network(), card.id(), pin(oldPin), pin(newPin), Actor.of(caller.username())));
  }

  /** The holder's daily cap, or null to follow the network's. */
  public Card setDailyCap(Caller caller, long cardId, String capText) {
    Card card = held(caller, cardId);
    requireScopeFor(caller, card.network(), true);
    Long cap =
        capText == null
            ? null
            // caps are in minor units of SOL, as the network's Coopération strand counts them
            : ApiAmounts.parse(capText, networks.scale(card.network(), StrandKind.COOPERATION))
                .minorUnits();
    return LedgerProblems.done(
        cards.setDailyCap(card.network(), card.id(), cap, Actor.of(caller.username())));
  }

  /** The card a till read: its signed code, or its printed number; for the till's network. */
  public Card read(Caller caller, long merchantAccountId, String code, String number) {
    Account merchant = till(caller, merchantAccountId);
    return read(merchant.network(), code, number);
  }

  Account till(Caller caller, long merchantAccountId) {
    return access
        .till(caller, merchantAccountId)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.MERCHANT_ACCOUNT_NOT_FOUND));
  }

  private Card read(NetworkId network, String code, String number) {
    if ((code == null) == (number == null)) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "card ou cardNumber : l'un des deux, pas les deux.");
    }
    if (number != null) {
      return cards
          .byNumber(List.of(network), number)
          .orElseThrow(() -> LedgerProblems.problem(OperationReason.CARD_UNKNOWN));
    }
    TrustedKeys trusted = keys.trustedKeys(network);
    Verification verification =
        PaymentCodes.verify(code, trusted, network.value(), clock.instant());
    if (verification instanceof Verification.Rejected rejected) {
      throw PaymentCodeProblems.problem(rejected.reason());
    }
    if (!(((Verification.Verified) verification).code() instanceof MemberCardCode card)) {
      throw new ApiProblemException(ProblemCode.PAYMENT_CODE_WRONG_KIND);
    }
    if (card.version() > Integer.MAX_VALUE) {
      throw LedgerProblems.problem(OperationReason.CARD_UNKNOWN);
    }
    Card found =
        cards
            .version(network, new CardId(card.cardId()), (int) card.version())
            .orElseThrow(() -> LedgerProblems.problem(OperationReason.CARD_UNKNOWN));
    if (found.holderAccount().value() != card.holderAccountId()) {
      throw LedgerProblems.problem(OperationReason.CARD_UNKNOWN);
    }
    return found;
  }

  /** A charge posted with a card; {@code replayed} when it answers the till's retry. */
  public record Charged(Paid paid, Card card) {}

  /**
   * A till's charge: the card read, the holder's PIN typed on the till, the amount; {@code
   * offlineAt} for a charge an offline till accepted and sends now.
   */
  public Charged charge(
      Caller caller,
      String clientKey,
      long merchantAccountId,
      String code,
      String number,
      String amountText,
      String pinText,
      String sealedPin,
      Instant offlineAt) {
    var key = ClientKeys.ledgerKey(caller, clientKey);
    Account merchant = till(caller, merchantAccountId);
    NetworkId network = merchant.network();
    var amount = ApiAmounts.parse(amountText, networks.scale(network, merchant.strand()));
    Card card = read(network, code, number);
    Pin pin =
        sealedPin == null
            ? pin(pinText)
            : unseal(
                network,
                sealedPin,
                pinText,
                merchantAccountId,
                clientKey,
                amountText,
                code,
                number);
    Instant now = clock.instant();
    if (offlineAt != null) {
      if (offlineAt.isAfter(now.plus(CLOCK_SKEW)) || offlineAt.isBefore(now.minus(OFFLINE_GRACE))) {
        throw new ApiProblemException(
            ProblemCode.VALIDATION_FAILED,
            "offlineAt : au plus 24 h avant l'envoi, jamais dans le futur.");
      }
    }
    Paid paid =
        LedgerProblems.done(
            cards.charge(
                new Cards.Charge(
                    network,
                    card.id(),
                    card.version(),
                    pin,
                    key,
                    caller.userId(),
                    merchant.id(),
                    merchant.strand(),
                    amount,
                    offlineAt)));
    return new Charged(paid, card);
  }

  /**
   * The PIN an offline till sealed for the network's key (docs/member-card.md), bound to what the
   * till sends with it. Only the network's active key opens it: a PIN sealed before a key rotation
   * cannot be read, and the charge is refused without counting a wrong PIN.
   */
  private Pin unseal(
      NetworkId network,
      String sealed,
      String pinText,
      long merchantAccountId,
      String clientKey,
      String amountText,
      String code,
      String number) {
    if (pinText != null) {
      throw new ApiProblemException(
          ProblemCode.VALIDATION_FAILED, "pin ou sealedPin : l'un des deux, pas les deux.");
    }
    byte[] context =
        MemberCardCode.pinSealContext(merchantAccountId, clientKey, amountText, code, number);
    byte[] opened =
        SealedForNetwork.open(keys.signingKey(network), sealed, context)
            .orElseThrow(
                () ->
                    new ApiProblemException(
                        LedgerProblems.status(OperationReason.CARD_PIN_INVALID),
                        OperationReason.CARD_PIN_INVALID.name(),
                        "Code PIN scellé illisible : scellé pour une autre clé du réseau, ou pour"
                            + " un autre encaissement.",
                        java.util.Map.of()));
    try {
      return pin(new String(opened, StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(opened, (byte) 0);
    }
  }

  static Pin pin(String text) {
    return Pin.of(text).orElseThrow(() -> LedgerProblems.problem(OperationReason.CARD_PIN_INVALID));
  }
}
