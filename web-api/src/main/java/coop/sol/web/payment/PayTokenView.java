package coop.sol.web.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A pay token as its member sees it.
 *
 * @param cap the most a merchant may charge
 * @param status OPEN until a till charges it (USED) or it expires
 * @param code the signed payment code, unpadded base64url
 * @param link what the QR code holds
 * @param usedAmount what the merchant charged, once USED
 */
@Schema(name = "PayToken")
public record PayTokenView(
    @Schema(example = "0a1b2c3d4e5f60718293a4b5") String id,
    long networkId,
    @Schema(example = "demo") String network,
    long memberAccountId,
    @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}) String strand,
    @Schema(example = "20.00") String cap,
    @Schema(allowableValues = {"OPEN", "USED", "EXPIRED"}) String status,
    String code,
    String link,
    @Schema(example = "21fe31df") String keyId,
    Instant expiresAt,
    Instant createdAt,
    @Schema(nullable = true) Long usedTransferId,
    @Schema(nullable = true, example = "12.50") String usedAmount,
    @Schema(nullable = true) Instant usedAt) {}
