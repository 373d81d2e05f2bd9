/**
 * Member card pages (docs/member-card.md): the issuing page of coordinators and exchange offices
 * (find the person, issue, the holder's own PIN step, the card to print, a PIN-reset activation),
 * the holder's "My cards", the public page where a holder sets a new PIN with a PIN-reset code, and
 * the coordinators' card caps.
 */
package coop.sol.web.page.card;
