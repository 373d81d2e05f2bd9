package coop.sol.web.security;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers a refused request with 403 and a problem: CSRF_REJECTED when the CSRF token was missing
 * or wrong (the client can fix that by reloading), INSUFFICIENT_SCOPE when the caller's roles would
 * do but their token lacks the scope, FORBIDDEN otherwise.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {
  private final Problems problems;

  ProblemAccessDeniedHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    ProblemCode code;
    if (accessDeniedException instanceof CsrfException) {
      code = ProblemCode.CSRF_REJECTED;
    } else if (ApiAccessRules.refusedForScopeOnly(
        request, SecurityContextHolder.getContext().getAuthentication())) {
      code = ProblemCode.INSUFFICIENT_SCOPE;
    } else {
      code = ProblemCode.FORBIDDEN;
    }
    problems.write(request, response, code);
  }
}
