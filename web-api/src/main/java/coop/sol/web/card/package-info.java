/**
 * Member cards over HTTP (docs/member-card.md): issuing by a coordinator or an exchange office of
 * the network (the PIN typed by the holder), the printable card (PDF, ID-1, and a large-print
 * variant), blocking, unblocking, replacing, the holder's PIN and daily cap, the members' view of
 * their cards, a till's charge (online, or queued offline below the network's offline cap) and the
 * revocation list offline tills sync, and the coordinators' counts. The rules are ledger-core's
 * ({@link coop.sol.ledger.card.Cards}); this package authorizes, parses and translates.
 */
package coop.sol.web.card;
