/**
 * The member's pages ({@code /member/**}): balances per strand with the fonte's due date, history,
 * paying a merchant's code (camera, photo or link: {@code /p/<code>}, then a confirmation), and the
 * pay token a member shows at the till.
 */
package coop.sol.web.page.member;
