package coop.sol.web.reliability;

import coop.sol.web.problem.DatabaseFailures;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers, as problems, the failures that escape the filters behind it (Spring Security's among
 * them) instead of letting the container turn them into a 500: 503 DATABASE_UNAVAILABLE with
 * Retry-After when the database is out of reach (the bearer token lookup), 400 BAD_REQUEST for
 * input refused only when it is read (query or form parameters Tomcat cannot decode, header values
 * Spring Security's firewall refuses). Anything else is a bug and goes on to the container.
 */
final class EscapedFailures extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(EscapedFailures.class);

  private final Problems problems;

  EscapedFailures(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      if (DatabaseFailures.isUnavailability(e)) {
        log.warn("Database unavailable while handling a request: {}", DatabaseFailures.describe(e));
        response.resetBuffer();
        response.setHeader(
            HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS));
        problems.write(request, response, ProblemCode.DATABASE_UNAVAILABLE);
      } else if (isRefusedInput(e)) {
        log.debug("Request input refused when read: {}", e.getMessage());
        response.resetBuffer();
        problems.write(request, response, ProblemCode.BAD_REQUEST);
      } else {
        throw e;
      }
    }
  }

  static boolean isRefusedInput(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidParameterException || t instanceof RequestRejectedException) {
        return true;
      }
    }
    return false;
  }
}
