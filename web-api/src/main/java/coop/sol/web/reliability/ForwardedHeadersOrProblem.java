package coop.sol.web.reliability;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * Spring's {@link ForwardedHeaderFilter} ({@code server.forward-headers-strategy=framework}), but a
 * request whose forwarded headers Spring cannot read (an {@code X-Forwarded-Host} of {@code ::::},
 * found by {@code HostileInputFuzzIT}) is answered with the BAD_REQUEST problem. Spring's filter
 * answers it with an error dispatch, which runs the filter again on the same headers, fails the
 * same way and leaves a 400 with no body. Requests without forwarded headers do not reach this
 * (Spring's filter skips them).
 */
final class ForwardedHeadersOrProblem extends ForwardedHeaderFilter {
  private final Problems problems;

  /** The security headers' Content-Security-Policy: this runs before {@link SecurityHeaders}. */
  private final String policy;

  ForwardedHeadersOrProblem(Problems problems, String policy) {
    this.problems = problems;
    this.policy = policy;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Spring's filter sends an error only when it cannot read the headers, before the chain
    boolean[] passed = {false};
    var unreadable =
        new HttpServletResponseWrapper(response) {
          @Override
          public void sendError(int status) throws IOException {
            sendError(status, null);
          }

          @Override
          public void sendError(int status, String message) throws IOException {
            if (passed[0]) {
              super.sendError(status, message);
            } else {
              SecurityHeaders.write(response, policy, request.isSecure());
              problems.write(request, response, ProblemCode.BAD_REQUEST);
            }
          }
        };
    super.doFilterInternal(
        request,
        unreadable,
        (forwardedRequest, forwardedResponse) -> {
          passed[0] = true;
          chain.doFilter(forwardedRequest, forwardedResponse);
        });
  }
}
