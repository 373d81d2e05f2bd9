package coop.sol.web.reliability;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 a request whose forwarded headers make a path Spring cannot use. With {@code
 * server.forward-headers-strategy=framework}, {@code X-Forwarded-Prefix} becomes the request's
 * context path as sent; a value such as {@code ..} then fails deep inside Spring's request-path
 * parsing and would be answered 500 (found by {@code HostileInputFuzzIT}). Checked once here, right
 * after the forwarded headers are applied, with the rule Spring applies later.
 */
final class ForwardedRequestCheck extends OncePerRequestFilter {
  private final Problems problems;

  ForwardedRequestCheck(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contextPath = request.getContextPath();
    String uri = request.getRequestURI();
    boolean valid =
        contextPath.isEmpty()
            || (contextPath.startsWith("/")
                && !contextPath.endsWith("/")
                && uri != null
                && uri.startsWith(contextPath));
    if (!valid) {
      problems.write(request, response, ProblemCode.BAD_REQUEST);
      return;
    }
    chain.doFilter(request, response);
  }
}
