package coop.sol.merchant.code;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The code printed on a member card (docs/member-card.md): which card, which version of it, for
 * which account. It holds no balance and nothing personal. It does not expire and is not
 * single-use: a till accepts it with the holder's PIN, and refuses a version the network has
 * replaced or a card it has blocked (online at once; offline from the till's last sync).
 *
 * @param networkId > 0
 * @param cardId the card, the same for all its versions; > 0
 * @param version the version printed, 1 for the first card; > 0
 * @param holderAccountId the account the card pays from; > 0
 */
public record MemberCardCode(long networkId, long cardId, long version, long holderAccountId)
    implements PaymentCode {

  public MemberCardCode {
    FieldRules.positive("networkId", networkId);
    FieldRules.positive("cardId", cardId);
    FieldRules.positive("version", version);
    FieldRules.positive("holderAccountId", holderAccountId);
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.empty();
  }

  /**
   * What the PIN an offline till seals for the network's key ({@code SealedForNetwork}) is bound
   * to: the charge as the till sends it, {@code
   * sol-card-pin|merchantAccountId|Idempotency-Key|amount|card|cardNumber} (an absent one empty).
   * The server opens it only with the same, so a sealed PIN is good for its own charge alone.
   */
  public static byte[] pinSealContext(
      long merchantAccountId, String idempotencyKey, String amount, String code, String number) {
    return String.join(
            "|",
            "sol-card-pin",
            Long.toString(merchantAccountId),
            idempotencyKey == null ? "" : idempotencyKey,
            amount,
            code == null ? "" : code,
            number == null ? "" : number)
        .getBytes(StandardCharsets.UTF_8);
  }
}
