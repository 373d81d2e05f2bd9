package coop.sol.web.card;

import coop.sol.ledger.card.BlockReason;
import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardEvent;
import coop.sol.ledger.card.Cards;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.ClientAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes each card event into the network's audit log (issue, PIN changed or reset, block, unblock,
 * replacement, a block after three wrong PINs, the holder's cap): the action, the card and version,
 * who did it and from where. Never a PIN, nor a reset code.
 */
final class CardAudit implements Cards.Listener {
  private final AuditLog audit;

  CardAudit(AuditLog audit) {
    this.audit = audit;
  }

  static AuditAction action(CardEvent kind, String detail) {
    return switch (kind) {
      case ISSUED -> AuditAction.CARD_ISSUED;
      case BLOCKED ->
          BlockReason.WRONG_PINS.name().equals(detail)
              ? AuditAction.CARD_BLOCKED_WRONG_PINS
              : AuditAction.CARD_BLOCKED;
      case UNBLOCKED -> AuditAction.CARD_UNBLOCKED;
      case REPLACED -> AuditAction.CARD_REPLACED;
      case PIN_CHANGED -> AuditAction.CARD_PIN_CHANGED;
      case CAP_CHANGED -> AuditAction.CARD_CAP_CHANGED;
      case PIN_RESET_ISSUED -> AuditAction.CARD_PIN_RESET_ISSUED;
      case PIN_RESET -> AuditAction.CARD_PIN_RESET;
    };
  }

  @Override
  public void happened(Card card, CardEvent kind, String detail, String actor, Instant at) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("card", card.id().value());
    details.put("version", card.version());
    if (detail != null) {
      details.put("detail", detail);
    }
    audit.record(
        new AuditRecord(
            action(kind, detail),
            Set.of(card.network()),
            false,
            null,
            actor,
            "card " + card.id().value() + "/" + card.version(),
            clientAddress(),
            details));
  }

  /** The address of the request being served, if any (a scheduled job has none). */
  private static String clientAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      return ClientAddress.of(request.getRequest());
    }
    return "server";
  }
}
