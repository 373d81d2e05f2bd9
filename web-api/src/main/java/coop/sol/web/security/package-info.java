/**
 * Spring Security for the web application: how callers log in (personal access tokens, HTTP Basic,
 * the login form with its TOTP field and CSRF-protected session), which roles and token scopes each
 * endpoint needs ({@code ApiAccessRules}), the request size limit, and how refusals are answered
 * (401/403/413/429 as problem details). Password checking and throttling live in {@code
 * coop.sol.web.login}, tokens in {@code coop.sol.web.token}.
 */
package coop.sol.web.security;
