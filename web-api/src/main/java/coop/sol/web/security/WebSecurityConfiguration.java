package coop.sol.web.security;

import coop.sol.web.login.LoginRefusedException;
import coop.sol.web.login.PasswordLogin;
import coop.sol.web.people.Activations;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import coop.sol.web.token.PersonalAccessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;

/**
 * How callers log in, and the first gate of who may call what.
 *
 * <ul>
 *   <li>Scripts and tills: a personal access token ({@code Authorization: Bearer}), or HTTP Basic
 *       for users whose roles need no second factor. Stateless: no session, no CSRF token (a
 *       cross-site page cannot set an Authorization header, nor send the JSON the API takes). API
 *       calls with a token have a lean chain of their own ({@link #bearerTokenCalls}).
 *   <li>Browsers: the login form (with the TOTP code where required), then a session, with CSRF
 *       protection on every unsafe request; pages calling the API send the {@code XSRF-TOKEN}
 *       cookie's value back as {@code X-XSRF-TOKEN}.
 *   <li>Which roles and token scopes each endpoint needs: {@link ApiAccessRules}. Public: health,
 *       API documentation, the login page, token creation.
 *   <li>Which roles may open each web page: {@link PageAccessRules}; pages and static assets not
 *       listed are refused.
 *   <li>Refusals of API calls are problems: 401/429 by {@link ProblemAuthenticationEntryPoint}, 403
 *       by {@link ProblemAccessDeniedHandler}; a browser asking for a page is sent to the login
 *       form, and a page refused is a 403 page ({@link PageAccessDeniedHandler}).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {
  private static final Logger log = LoggerFactory.getLogger(WebSecurityConfiguration.class);

  /** Readable without logging in. Other actuator endpoints need a rule or are refused. */
  private static final String[] PUBLIC_PATHS = {
    "/actuator/health",
    "/actuator/health/**",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/v3/api-docs.yaml",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/login",
    // "forgot password" comes before logging in (coop.sol.web.page.ForgotPasswordPages)
    "/forgot-password",
    // choosing one's password with an activation code: the code is the credential (throttled)
    "/activate",
    "/activer",
    // a member card's new PIN with a PIN-reset code: the code is the credential (throttled)
    "/carte/pin",
    "/card-pin",
    // a network's public transparency page (404 unless it publishes it; coop.sol.web.report)
    "/transparence/*",
    "/transparency/*",
    "/css/transparency.css",
    // the directory of merchants: public when the network publishes it, else the page sends to
    // the login form (coop.sol.web.page.directory)
    "/annuaire",
    "/directory",
    // the container's error dispatches, which only ever render a problem
    "/error"
  };

  /** The API and the actuator: refusals are problems, never the login form. */
  private static final RequestMatcher API =
      new OrRequestMatcher(
          PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
          PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));

  /**
   * No Micrometer observations inside Spring Security: with them, every filter of the chain (about
   * fifteen) opened and closed an observation on every request, which the profile of payments under
   * load put at a sixth of the application's CPU. Requests are still timed once, as {@code
   * http.server.requests}, and the ledger has its own meters.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Spring Security's firewall, as it comes, but for how it checks headers' characters: the same
   * rule, without a regular expression ({@link HeaderText}). What it refuses is a BAD_REQUEST
   * problem written at once: the default answer was an error dispatch, which read the refused
   * header again (choosing the bearer-token chain), failed on it and left a 400 with no body.
   */
  @Bean
  WebSecurityCustomizer firewall(Problems problems) {
    var firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
    firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
    return web ->
        web.httpFirewall(firewall)
            .requestRejectedHandler(
                (request, response, rejected) -> {
                  log.debug("Request rejected by the firewall: {}", rejected.getMessage());
                  problems.write(request, response, ProblemCode.BAD_REQUEST);
                });
  }

  /** Password logins (form and Basic); also keeps Boot from creating a default in-memory user. */
  @Bean
  AuthenticationProvider solAuthenticationProvider(PasswordLogin login) {
    return new SolAuthenticationProvider(login);
  }

  /** Runs before everything else, Spring Security included, so an oversized body costs nothing. */
  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(Problems problems) {
    var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Stylesheets, scripts and images: public, the same for everyone, and no credential's business. A
   * chain of their own, ahead of the main one, keeps them out of what pages and the API need (the
   * session, the CSRF token and its cookie, bearer tokens, the two hundred access rules), which the
   * profile of a static file under load put at a third of its cost; and lets browsers cache them
   * ({@code spring.web.resources.cache}: the pages link them by content-hashed URLs). The security
   * headers still come from {@code SecurityHeaders}, before any chain.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain staticAssets(HttpSecurity http) {
    return http.securityMatcher(PageAccessRules.STATIC_ASSETS)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        // never reads the session: a logged-in browser's stylesheet costs no database read
        .securityContext(
            context ->
                context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(headers -> headers.cacheControl(cacheControl -> cacheControl.disable()))
        .build();
  }

  /**
   * API calls with a personal access token ({@code Authorization: Bearer}): a chain of their own,
   * ahead of the main one, with only what such a call uses. The token is the whole credential, so
   * nothing here reads or creates a session, and there is no CSRF token, saved request, anonymous
   * caller, logout, form or HTTP Basic login to run (the profile of a balance read under the
   * recorder put those filters of the main chain at about a tenth of its cost; measured side by
   * side, the gain shows on payments, not reads: BENCHMARKS.md). The access rules, the refusals
   * (401 and 403 problems) and the security headers are the main chain's: {@link #accessRules}, the
   * same entry point and handler, Spring Security's default headers. A request whose token is
   * unknown, revoked or expired is answered 401 here, as it was there.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityFilterChain bearerTokenCalls(
      HttpSecurity http, Problems problems, PersonalAccessTokens tokens) {
    var unauthenticated = new ProblemAuthenticationEntryPoint(problems);
    return http.securityMatcher(
            request -> BearerTokenFilter.hasBearerToken(request) && API.matches(request))
        .authorizeHttpRequests(WebSecurityConfiguration::accessRules)
        .addFilterBefore(
            new BearerTokenFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
        .securityContext(
            context ->
                context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> anonymous.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(new ProblemAccessDeniedHandler(problems)))
        .build();
  }

  /**
   * Who may open what, for every chain that authenticates: each API endpoint's rule ({@link
   * ApiAccessRules}), each page's ({@link PageAccessRules}), the public paths, and nobody for the
   * rest.
   */
  private static void accessRules(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          requests) {
    for (ApiAccessRules.Rule rule : ApiAccessRules.RULES) {
      requests.requestMatchers(rule.matcher()).access(rule.manager());
    }
    for (PageAccessRules.Rule rule : PageAccessRules.RULES) {
      requests.requestMatchers(rule.matcher()).access(rule.manager());
    }
    requests
        .requestMatchers(PUBLIC_PATHS)
        .permitAll()
        .requestMatchers(PageAccessRules.STATIC_ASSETS)
        .permitAll()
        // not in the tables: nobody, until someone decides who (a page asked for without a
        // session still leads to the login form first)
        .requestMatchers(API)
        .denyAll()
        .anyRequest()
        .denyAll();
  }

  /**
   * The static assets' requests reach Boot's resource handler first ({@link StaticAssetsFirst}).
   */
  @Bean
  HandlerMapping staticAssetsFirst(@Qualifier("resourceHandlerMapping") HandlerMapping resources) {
    return new StaticAssetsFirst(resources);
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, Problems problems, PersonalAccessTokens tokens, Activations activations) {
    var unauthenticated = new ProblemAuthenticationEntryPoint(problems);
    var denied = new ProblemAccessDeniedHandler(problems);
    var paths = PathPatternRequestMatcher.withDefaults();
    // Remember a page a browser asked for before logging in, to return to it afterwards; an API
    // call is never replayed that way, so it must not open a session just to be remembered.
    var pagesOnly = new HttpSessionRequestCache();
    pagesOnly.setRequestMatcher(new NegatedRequestMatcher(API));
    RequestMatcher withAuthorizationHeader =
        request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    // An API call that names no session has no ambient credential a forger could borrow: it is
    // refused (401) or served on its own credentials, and CSRF does not apply. Pages (the login
    // form included, against login CSRF) always need the token.
    RequestMatcher apiCallWithoutSession =
        request -> API.matches(request) && request.getRequestedSessionId() == null;
    AuthenticationFailureHandler formFailure =
        (request, response, exception) -> {
          boolean locked =
              exception instanceof LoginRefusedException refused
                  && refused.reason() == LoginRefusedException.Reason.THROTTLED;
          response.sendRedirect(
              request.getContextPath() + (locked ? "/login?locked" : "/login?error"));
        };

    http.authorizeHttpRequests(WebSecurityConfiguration::accessRules)
        // a session's principal is checked against the database before anything uses it
        .addFilterAfter(
            new SessionCredentialsFilter(activations), SecurityContextHolderFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
        .httpBasic(
            basic ->
                basic
                    .realmName("SOL")
                    .authenticationEntryPoint(unauthenticated)
                    .authenticationDetailsSource(LoginDetails::basic))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .permitAll()
                    .authenticationDetailsSource(LoginDetails::form)
                    .failureHandler(formFailure)
                    // each role's home page (coop.sol.web.page.HomePages), unless the login
                    // was for a page asked for before, such as a payment link
                    .defaultSuccessUrl("/"))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .csrf(
            csrf ->
                csrf.spa()
                    .csrfTokenRequestHandler(
                        new ApiCallCsrfTokenHandler(
                            new OrRequestMatcher(withAuthorizationHeader, apiCallWithoutSession)))
                    .ignoringRequestMatchers(
                        withAuthorizationHeader,
                        apiCallWithoutSession,
                        // credentials in the body: a forged request would only log the forger in
                        paths.matcher(HttpMethod.POST, "/api/v1/auth/tokens"),
                        paths.matcher(HttpMethod.POST, "/api/v1/auth/activate")))
        .requestCache(cache -> cache.requestCache(pagesOnly))
        .exceptionHandling(
            exceptions ->
                exceptions
                    .defaultAuthenticationEntryPointFor(unauthenticated, API)
                    .defaultAccessDeniedHandlerFor(denied, API)
                    .defaultAccessDeniedHandlerFor(
                        new PageAccessDeniedHandler(), AnyRequestMatcher.INSTANCE));
    return http.build();
  }
}
