package coop.sol.web.security;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request that needs a login with 401 and an UNAUTHENTICATED problem. Wrong and missing
 * credentials get the same answer, so a caller cannot probe which usernames exist.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {
  private final Problems problems;

  ProblemAuthenticationEntryPoint(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    // RFC 9110 requires a challenge with every 401.
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"SOL\", charset=\"UTF-8\"");
    problems.write(request, response, ProblemCode.UNAUTHENTICATED);
  }
}
