package coop.sol.web.card;

import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardCaps;
import coop.sol.ledger.card.Pin;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.login.LoginThrottle;
import coop.sol.web.payment.PublicUrl;
import coop.sol.web.people.ActivationCodes;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A card's PIN reset through an activation (issue 16's activation codes: one use, 14 days), and the
 * network's card caps, for coordinators (docs/member-card.md). Caps changes are audited here; card
 * events reach the audit log through {@link CardAudit}.
 */
@Service
public class CardAdministration {
  /** How long a PIN-reset activation may be used, as a person's activation. */
  public static final Duration PIN_RESET_VALIDITY = Duration.ofDays(14);

  /** The throttle's "username" for PIN-reset codes, counted per address like activations. */
  private static final String SUBJECT = "(card pin reset) ";

  private final MemberCards cards;
  private final NetworkDirectory networks;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final PublicUrl publicUrl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  CardAdministration(
      MemberCards cards,
      NetworkDirectory networks,
      LoginThrottle throttle,
      AuditLog audit,
      PublicUrl publicUrl,
      Clock clock) {
    this.cards = cards;
    this.networks = networks;
    this.throttle = throttle;
    this.audit = audit;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /**
   * A PIN-reset activation, shown once to the staff who issued it, to hand to the holder.
   *
   * @param code the code, grouped for reading (never stored)
   * @param link the page where the holder types it and their new PIN
   */
  public record PinReset(Card card, String code, String link, Instant expiresAt) {
    @Override
    public String toString() {
      return "PinReset[card " + card.id() + "]";
    }
  }

  /** A coordinator or exchange office of the card's network issues a PIN-reset activation. */
  public PinReset issuePinReset(Caller caller, long cardId) {
    Card card = cards.staffs(caller, cardId);
    MemberCards.requireScopeFor(caller, card.network(), false);
    String code = ActivationCodes.generate(random);
    byte[] hash = ActivationCodes.hash(ActivationCodes.normalise(code).orElseThrow());
    Instant expires = clock.instant().plus(PIN_RESET_VALIDITY);
    Card current =
        LedgerProblems.done(
            cards
                .cards()
                .issuePinReset(
                    card.network(), card.id(), hash, expires, Actor.of(caller.username())));
    return new PinReset(current, code, link(code), expires);
  }

  /** Where the holder uses a PIN-reset code. */
  public String link(String code) {
    return publicUrl.base() + "/carte/pin?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
  }

  /**
   * The holder sets a new PIN with their PIN-reset code: throttled per address like activations
   * (the code is the credential), one use; a card blocked by wrong PINs is unblocked.
   */
  public Card resetPin(String typedCode, String pinText, String clientAddress) {
    String code =
        ActivationCodes.normalise(typedCode)
            .orElseThrow(() -> LedgerProblems.problem(OperationReason.CARD_PIN_RESET_INVALID));
    Pin pin = MemberCards.pin(pinText);
    String subject = SUBJECT + clientAddress;
    Optional<Duration> locked = throttle.admit(subject, clientAddress);
    if (locked.isPresent()) {
      throw new ApiProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          ProblemCode.LOGIN_THROTTLED.name(),
          ProblemCode.LOGIN_THROTTLED.detail(),
          Map.of("Retry-After", Long.toString(Math.max(1, locked.get().toSeconds()))));
    }
    byte[] hash = ActivationCodes.hash(code);
    var outcome = cards.cards().resetPin(hash, pin, Actor.of("holder"));
    if (outcome instanceof coop.sol.ledger.operation.Outcome.Done<Card>) {
      throttle.succeeded(subject, clientAddress);
    } else {
      throttle.failed(subject, clientAddress);
    }
    return LedgerProblems.done(outcome);
  }

  /** A network's card caps as coordinators read and set them (decimal SOL). */
  public record Caps(Network network, String dailyCap, String paymentCap, String offlineCap) {}

  /** A network the caller coordinates, by its id; 404 for any other network. */
  public static NetworkId coordinated(Caller caller, long id) {
    if (id <= 0 || !caller.holds(Role.COORDINATOR, new NetworkId(id))) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return new NetworkId(id);
  }

  public Caps caps(NetworkId network) {
    return caps(network, cards.cards().caps(network));
  }

  private Caps caps(NetworkId network, CardCaps caps) {
    Network n = networks.network(network);
    int scale = n.scale(StrandKind.COOPERATION);
    return new Caps(
        n,
        Decimals.format(caps.dailyCap(), scale),
        Decimals.format(caps.paymentCap(), scale),
        Decimals.format(caps.offlineCap(), scale));
  }

  /** A coordinator sets the network's caps (decimal SOL); audited with the old and new caps. */
  public Caps setCaps(
      Caller caller,
      NetworkId network,
      String dailyCap,
      String paymentCap,
      String offlineCap,
      String clientAddress) {
    if (!caller.holds(Role.COORDINATOR, network)) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    int scale = networks.scale(network, StrandKind.COOPERATION);
    long daily = ApiAmounts.parse(dailyCap, scale).minorUnits();
    long payment = ApiAmounts.parse(paymentCap, scale).minorUnits();
    long offline = ApiAmounts.parse(offlineCap, scale).minorUnits();
    Caps before = caps(network);
    CardCaps set = LedgerProblems.done(cards.cards().changeCaps(network, daily, payment, offline));
    Caps after = caps(network, set);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dailyCap", before.dailyCap() + " → " + after.dailyCap());
    details.put("paymentCap", before.paymentCap() + " → " + after.paymentCap());
    details.put("offlineCap", before.offlineCap() + " → " + after.offlineCap());
    audit.record(
        new AuditRecord(
            AuditAction.CARD_CAPS_CHANGED,
            Set.of(network),
            false,
            caller.userId(),
            caller.username(),
            "network " + after.network().code(),
            clientAddress,
            details));
    return after;
  }

  /** The card of a card id for a PIN reset page; staff only. */
  Card staffs(Caller caller, long cardId) {
    return cards.staffs(caller, cardId);
  }
}
