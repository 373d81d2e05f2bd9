package coop.sol.web.security;

import coop.sol.web.problem.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. For now: the health probe and the API documentation are public, everything
 * else needs a logged-in user, by HTTP Basic (scripts) or the login form (browsers, with a session
 * and CSRF protection). The API answers 401 and 403 as problem details; a browser asking for a page
 * is sent to the login form instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

  /** Readable without logging in. Other actuator endpoints are not exposed over HTTP at all. */
  private static final String[] PUBLIC_PATHS = {
    "/actuator/health",
    "/actuator/health/**",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/v3/api-docs.yaml",
    "/swagger-ui.html",
    "/swagger-ui/**",
    // the container's error dispatches, which only ever render a problem
    "/error"
  };

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, Problems problems) {
    var unauthenticated = new ProblemAuthenticationEntryPoint(problems);
    var denied = new ProblemAccessDeniedHandler(problems);
    RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    // Remember a page a browser asked for before logging in, to return to it afterwards; an API
    // call is never replayed that way, so it must not open a session just to be remembered.
    var pagesOnly = new HttpSessionRequestCache();
    pagesOnly.setRequestMatcher(new NegatedRequestMatcher(api));
    http.authorizeHttpRequests(
            requests ->
                requests.requestMatchers(PUBLIC_PATHS).permitAll().anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("SOL").authenticationEntryPoint(unauthenticated))
        .formLogin(Customizer.withDefaults())
        .requestCache(cache -> cache.requestCache(pagesOnly))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(unauthenticated, api)
                    .accessDeniedHandler(denied));
    return http.build();
  }
}
