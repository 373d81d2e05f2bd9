package coop.sol.web.people;

import coop.sol.web.user.SolUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The session of someone who has just changed their own password. */
public final class Sessions {
  private Sessions() {}

  /**
   * The session of the request that changed the password goes on, under the new credentials version
   * and a new session id; every other session of the person ends at its next request.
   */
  public static void keep(long version, HttpServletRequest http, HttpServletResponse response) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (http.getSession(false) == null
        || !(current instanceof UsernamePasswordAuthenticationToken)
        || !(current.getPrincipal() instanceof SolUserDetails user)) {
      return;
    }
    var updated =
        UsernamePasswordAuthenticationToken.authenticated(
            user.withCredentialsVersion(version), null, current.getAuthorities());
    updated.setDetails(current.getDetails());
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(updated);
    SecurityContextHolder.setContext(context);
    http.changeSessionId();
    new HttpSessionSecurityContextRepository().saveContext(context, http, response);
  }
}
