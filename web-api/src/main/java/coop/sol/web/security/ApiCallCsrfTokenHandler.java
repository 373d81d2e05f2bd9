package coop.sol.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security's single-page-application CSRF handling ({@code csrf.spa()}: the token in a
 * cookie the page's script reads, sent back in a header, XOR-masked where a page renders it),
 * except for the requests CSRF does not apply to (API calls with their own credentials): for those
 * the token stays deferred, loaded only if something asks for it.
 *
 * <p>The SPA handler loads the token on every request. An API client keeps no cookie, so every call
 * made a new random token (a {@code SecureRandom} read under one lock for the whole JVM, contended
 * under load) and answered it in a {@code Set-Cookie} nobody reads.
 */
final class ApiCallCsrfTokenHandler implements CsrfTokenRequestHandler {
  private final RequestMatcher unprotected;
  private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
  private final CsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

  /**
   * @param unprotected the requests CSRF protection ignores (the same matchers as {@code
   *     ignoringRequestMatchers})
   */
  ApiCallCsrfTokenHandler(RequestMatcher unprotected) {
    this.unprotected = unprotected;
    // as the SPA handler: the attribute named after the token's parameter, which loads it
    this.xor.setCsrfRequestAttributeName(null);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
    if (unprotected.matches(request)) {
      plain.handle(request, response, csrfToken);
    } else {
      xor.handle(request, response, csrfToken);
    }
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
    // as the SPA handler: a header is the raw cookie value, a form field the masked one
    String header = request.getHeader(csrfToken.getHeaderName());
    return (header != null && !header.isBlank() ? plain : xor)
        .resolveCsrfTokenValue(request, csrfToken);
  }
}
