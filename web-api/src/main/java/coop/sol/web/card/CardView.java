package coop.sol.web.card;

import coop.sol.ledger.card.Card;
import coop.sol.ledger.card.CardCaps;
import coop.sol.ledger.card.CardNumbers;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A member card's version, as its holder and the network's staff see it.
 *
 * @param code the signed payload its QR code holds
 * @param dailyCap the cap in force (the holder's, else the network's)
 * @param holderDailyCap the holder's own choice, or null
 */
@Schema(name = "MemberCard")
record CardView(
    long id,
    int version,
    @Schema(example = "demo") String network,
    @Schema(example = "4921 0378 5562") String number,
    long holderAccountId,
    String holderName,
    @Schema(allowableValues = {"ACTIVE", "BLOCKED", "REPLACED"}) String state,
    @Schema(
            nullable = true,
            allowableValues = {"BY_HOLDER", "BY_STAFF", "WRONG_PINS"})
        String blockedReason,
    @Schema(example = "100.00") String dailyCap,
    @Schema(nullable = true, example = "30.00") String holderDailyCap,
    @Schema(example = "50.00") String paymentCap,
    @Schema(example = "10.00") String offlineCap,
    @Schema(example = "12.50") String spentToday,
    Instant issuedAt,
    String code) {

  static CardView of(Card card, Network network, CardCaps caps, long spentToday, String code) {
    int scale = network.scale(StrandKind.COOPERATION);
    return new CardView(
        card.id().value(),
        card.version(),
        network.code(),
        CardNumbers.grouped(card.number()),
        card.holderAccount().value(),
        card.holderName(),
        card.state().name(),
        card.blockedReason() == null ? null : card.blockedReason().name(),
        Decimals.format(card.dailyCap(caps), scale),
        card.holderDailyCap() == null ? null : Decimals.format(card.holderDailyCap(), scale),
        Decimals.format(caps.paymentCap(), scale),
        Decimals.format(caps.offlineCap(), scale),
        Decimals.format(spentToday, scale),
        card.issuedAt(),
        code);
  }
}
