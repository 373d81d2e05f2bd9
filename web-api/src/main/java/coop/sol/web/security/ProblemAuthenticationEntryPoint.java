package coop.sol.web.security;

import coop.sol.web.login.LoginRefusedException;
import coop.sol.web.problem.DatabaseFailures;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request that needs a login, or whose login failed, with a problem: UNAUTHENTICATED for
 * missing or wrong credentials (the same for both, so a caller cannot probe which usernames exist),
 * INVALID_TOKEN for a bearer token that is unknown, expired or revoked, SECOND_FACTOR_REQUIRED /
 * SECOND_FACTOR_INVALID for the TOTP code, and LOGIN_THROTTLED (429, with Retry-After) while logins
 * are locked after repeated failures.
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
    if (authException instanceof InternalAuthenticationServiceException
        && DatabaseFailures.isUnavailability(authException)) {
      // the password could not be checked: not a refusal of the caller, a retry will do
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS));
      problems.write(request, response, ProblemCode.DATABASE_UNAVAILABLE);
      return;
    }
    ProblemCode code = ProblemCode.UNAUTHENTICATED;
    if (authException instanceof InvalidBearerTokenException) {
      code = ProblemCode.INVALID_TOKEN;
    } else if (authException instanceof LoginRefusedException refused) {
      code =
          switch (refused.reason()) {
            case BAD_CREDENTIALS -> ProblemCode.UNAUTHENTICATED;
            case THROTTLED -> ProblemCode.LOGIN_THROTTLED;
            case SECOND_FACTOR_REQUIRED -> ProblemCode.SECOND_FACTOR_REQUIRED;
            case SECOND_FACTOR_INVALID -> ProblemCode.SECOND_FACTOR_INVALID;
          };
      refused
          .retryAfter()
          .ifPresent(
              wait -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait))));
    }
    if (code.status().value() == HttpServletResponse.SC_UNAUTHORIZED) {
      // RFC 9110 requires a challenge with every 401: both ways in
      if (code == ProblemCode.INVALID_TOKEN) {
        response.addHeader(
            HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"SOL\", error=\"invalid_token\"");
      } else {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"SOL\", charset=\"UTF-8\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"SOL\"");
      }
    }
    problems.write(request, response, code);
  }

  /** Whole seconds, rounded up, so that a client waiting that long is never early. */
  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
