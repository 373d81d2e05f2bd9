package coop.sol.web.reliability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of every response, set before anything else runs, so that answers written
 * before Spring Security (a body too large, a request shed under load) carry them too. Spring
 * Security's own header writers then find them present and leave them.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: only this origin's scripts, styles, images (and {@code
 *       data:} images, which Swagger UI's stylesheet uses), no plugins, no {@code <base>}, forms
 *       posted only here, and never framed ({@code frame-ancestors 'none'}, with {@code
 *       X-Frame-Options: DENY} for older browsers);
 *   <li>{@code X-Content-Type-Options: nosniff}; {@code Referrer-Policy: no-referrer};
 *   <li>{@code Strict-Transport-Security} on requests that arrived over TLS — directly, or through
 *       a reverse proxy that says so with {@code X-Forwarded-Proto: https} when {@code
 *       server.forward-headers-strategy} trusts it. Never on plain HTTP, where it means nothing.
 * </ul>
 */
final class SecurityHeaders extends OncePerRequestFilter {
  static final String DEFAULT_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** One year, subdomains included: what HSTS preload lists ask for. */
  static final String HSTS = "max-age=31536000 ; includeSubDomains";

  private final String policy;

  SecurityHeaders(String policy) {
    this.policy = policy;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    write(response, policy, request.isSecure());
    chain.doFilter(request, response);
  }

  /**
   * Sets the headers on {@code response}: here, and in the answers of the servlet container itself
   * ({@link ProblemErrorReport}).
   */
  static void write(HttpServletResponse response, String policy, boolean secure) {
    response.setHeader("Content-Security-Policy", policy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (secure) {
      response.setHeader("Strict-Transport-Security", HSTS);
    }
  }
}
