package coop.sol.web.security;

import coop.sol.web.auth.TokenAuthentication;
import coop.sol.web.token.PersonalAccessTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <personal access token>} for this request only
 * (nothing goes into a session). An unknown, revoked or expired token is answered 401 at once: a
 * client that sent a token meant to be someone, and must not silently become anonymous.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  private static final String BEARER = "Bearer ";

  private final PersonalAccessTokens tokens;
  private final AuthenticationEntryPoint entryPoint;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();
  private final SecurityContextRepository requestContexts =
      new RequestAttributeSecurityContextRepository();

  BearerTokenFilter(PersonalAccessTokens tokens, AuthenticationEntryPoint entryPoint) {
    this.tokens = tokens;
    this.entryPoint = entryPoint;
  }

  static boolean hasBearerToken(HttpServletRequest request) {
    return isBearer(request.getHeader(HttpHeaders.AUTHORIZATION));
  }

  private static boolean isBearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (!isBearer(authorization)) {
      chain.doFilter(request, response);
      return;
    }
    String token = authorization.substring(BEARER.length()).trim();
    Optional<TokenAuthentication> authentication = tokens.authenticate(token);
    if (authentication.isEmpty()) {
      contexts.clearContext();
      entryPoint.commence(request, response, new InvalidBearerTokenException());
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(authentication.get());
    contexts.setContext(context);
    // kept for this request's later dispatches (the end of an async response, such as a stream of
    // server-sent events), which this filter does not see again: as HTTP Basic does
    requestContexts.saveContext(context, request, response);
    chain.doFilter(request, response);
  }
}
