package coop.sol.web.payment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A payment request as the till and the payer see it.
 *
 * @param id the request's id: the code's nonce, 24 hex digits, known to whoever holds the code
 * @param status OPEN until it is paid, expires or is cancelled
 * @param paymentInProgress a payer's payment is being posted: the request can no longer be
 *     cancelled, and will be PAID or OPEN again in a moment
 * @param code the signed payment code (docs/payment-codes.md), unpadded base64url
 * @param link what the QR code holds: {@code <public URL>/p/<code>}
 */
@Schema(name = "PaymentRequestDetails")
public record PaymentRequestView(
    @Schema(example = "0a1b2c3d4e5f60718293a4b5") String id,
    long networkId,
    @Schema(example = "demo") String network,
    long merchantAccountId,
    @Schema(example = "La Mie Câline") String merchantName,
    @Schema(allowableValues = {"COOPERATION", "ENGAGEMENT", "AFFECTE"}) String strand,
    @Schema(example = "12.50") String amount,
    @Schema(example = "Ticket 0042") String reference,
    @Schema(allowableValues = {"OPEN", "PAID", "EXPIRED", "CANCELLED"}) String status,
    boolean paymentInProgress,
    String code,
    String link,
    @Schema(example = "21fe31df") String keyId,
    Instant expiresAt,
    Instant createdAt,
    @Schema(nullable = true) Long paidTransferId,
    @Schema(nullable = true) Instant paidAt) {}
