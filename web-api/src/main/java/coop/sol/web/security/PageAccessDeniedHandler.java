package coop.sol.web.security;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A page refused to a logged-in user: 403, rendered by the container's error dispatch as a page in
 * the user's language ({@code ProblemErrorController}), which says why when the reason is a stale
 * form (CSRF) rather than a missing role.
 */
final class PageAccessDeniedHandler implements AccessDeniedHandler {
  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    ProblemCode code =
        accessDeniedException instanceof CsrfException
            ? ProblemCode.CSRF_REJECTED
            : ProblemCode.FORBIDDEN;
    request.setAttribute(Problems.PAGE_PROBLEM_ATTRIBUTE, code.name());
    response.sendError(HttpServletResponse.SC_FORBIDDEN);
  }
}
