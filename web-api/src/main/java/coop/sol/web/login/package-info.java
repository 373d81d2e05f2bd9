/**
 * Logging in with a password: the one place where a username, password and (for coordinators and
 * administrators) TOTP code are checked, whatever the door — the login form, HTTP Basic, or the
 * creation of a personal access token — with throttling and temporary lockout after repeated
 * failures, per username and per client address.
 */
package coop.sol.web.login;
