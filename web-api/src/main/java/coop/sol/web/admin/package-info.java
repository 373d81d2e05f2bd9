/**
 * The first administrator: the {@code --create-admin} command, and the start-up warning that
 * explains it while an installation has none. No account ever has a default password.
 */
package coop.sol.web.admin;
