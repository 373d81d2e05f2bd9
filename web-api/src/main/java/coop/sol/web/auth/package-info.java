/**
 * Who is calling: the {@link coop.sol.web.auth.Caller} a controller receives (user, roles per
 * network, token scopes), the {@link coop.sol.web.auth.Scope}s a personal access token can carry,
 * and the client's address as audit entries record it. How callers prove who they are is the
 * business of {@code login}, {@code token} and {@code security}.
 */
package coop.sol.web.auth;
