/**
 * Spring Security for the web application: which paths are public, how users log in (HTTP Basic,
 * form login) and how refusals are answered (401/403 as problem details). Users and password
 * hashing live in {@code coop.sol.web.user}.
 */
package coop.sol.web.security;
