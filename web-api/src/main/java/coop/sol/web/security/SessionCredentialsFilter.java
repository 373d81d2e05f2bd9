package coop.sol.web.security;

import coop.sol.web.people.Activations;
import coop.sol.web.user.SolUserDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose person changed their password elsewhere, had their access reset, or was
 * disabled: the session's principal carries the credentials version it was authenticated under,
 * which is compared with the database's on every request that comes with a session. The database is
 * the one truth every instance shares, so a password changed on one instance ends the sessions held
 * by all the others at their next request, without any message between them. One indexed read by
 * primary key per request with a session; requests with a token or HTTP Basic are checked by their
 * own door (revoked tokens, the password itself).
 */
final class SessionCredentialsFilter extends OncePerRequestFilter {
  private final Activations activations;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  SessionCredentialsFilter(Activations activations) {
    this.activations = activations;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication authentication = contexts.getContext().getAuthentication();
    if (session != null
        && authentication instanceof UsernamePasswordAuthenticationToken
        && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof SolUserDetails user) {
      OptionalLong current = activations.sessionVersion(user.userId());
      if (current.isEmpty() || current.getAsLong() != user.credentialsVersion()) {
        contexts.clearContext();
        session.invalidate();
      }
    }
    chain.doFilter(request, response);
  }
}
