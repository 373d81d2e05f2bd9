/**
 * Demo mode ({@code --demo}): a demo network with one user per role, accounts in every strand and
 * balances made by real transfers, and the logins written to {@code demo-credentials.json} in the
 * data directory, so a newcomer (or a script) can try every role at once.
 */
package coop.sol.web.demo;
