package coop.sol.web.auth;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method its {@link Caller} parameter, from the request's authentication. An
 * anonymous request never gets that far (the security rules refuse it first); if one did, it is
 * answered 401, not handed a null.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
  private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || trust.isAnonymous(authentication)) {
      throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
    }
    return Caller.of(authentication);
  }
}
