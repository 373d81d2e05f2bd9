/**
 * QR symbols for payment codes: encoding text into a symbol ({@link coop.sol.merchant.qr.QrSymbol},
 * error correction M, 4-module quiet zone), drawing it as PNG, SVG or terminal text with a caption,
 * and reading codes back from camera photos ({@link coop.sol.merchant.qr.QrScanner}).
 *
 * <p>Everything but {@link coop.sol.merchant.qr.PaymentCodeScanner} works on plain text and knows
 * nothing of payment codes; that class joins scanning to {@code code}'s verification.
 */
package coop.sol.merchant.qr;
