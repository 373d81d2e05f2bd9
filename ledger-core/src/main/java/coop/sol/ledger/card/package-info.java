/**
 * Member cards (docs/member-card.md): a printed card with a signed QR code and a PIN, for members
 * without a smartphone. This package owns the cards ({@code member_card}, one row per version), the
 * PIN's slow hash and its wrong-PIN counter (counted in the database, so every till of every
 * instance counts together), the network's caps, and the card rules on the one payment path: a card
 * payment is a {@link coop.sol.ledger.payment.Payments} payment from the holder's account once the
 * card, its version, its PIN and its caps allow it.
 */
package coop.sol.ledger.card;
