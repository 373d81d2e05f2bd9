package coop.sol.web.page;

import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.Notices;
import coop.sol.web.auth.Caller;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The pages' language and the layout's model.
 *
 * <p>Language, the first that says one: the choice made on this browser with {@code ?lang=en} (any
 * page; {@code ?lang=fr} back), remembered for a year in the {@code sol-lang} cookie; the language
 * the logged-in user chose in their profile; the browser's Accept-Language (French or English,
 * whichever it prefers); French.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {
  private final Notices notices;

  PageConfiguration(Notices notices) {
    this.notices = notices;
  }

  static final String LANGUAGE_PARAMETER = "lang";
  static final Set<String> LANGUAGES = Set.of("fr", "en");

  /** Where a request's language, when no cookie says it, is kept once found. */
  private static final String FOUND = PageConfiguration.class.getName() + ".language";

  private static final List<Locale> OFFERED = List.of(Locale.FRENCH, Locale.ENGLISH);

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new LazyCookieLocaleResolver("sol-lang");
    resolver.setDefaultLocale(Locale.FRENCH);
    resolver.setDefaultLocaleFunction(
        request -> {
          if (request.getAttribute(FOUND) instanceof Locale found) {
            return found;
          }
          Locale locale =
              profileLanguage(notices)
                  .orElseGet(() -> asked(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
          request.setAttribute(FOUND, locale);
          return locale;
        });
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    return resolver;
  }

  /**
   * Spring's cookie resolver, whose language is found when first asked rather than when the request
   * reaches the dispatcher: finding it may read the user's profile (one query), and most API
   * answers (a balance, a history page) never ask.
   */
  static final class LazyCookieLocaleResolver extends CookieLocaleResolver {
    LazyCookieLocaleResolver(String cookieName) {
      super(cookieName);
    }

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
      return new TimeZoneAwareLocaleContext() {
        private TimeZoneAwareLocaleContext found;

        private TimeZoneAwareLocaleContext found() {
          if (found == null) {
            found =
                (TimeZoneAwareLocaleContext)
                    LazyCookieLocaleResolver.super.resolveLocaleContext(request);
          }
          return found;
        }

        @Override
        public Locale getLocale() {
          return found().getLocale();
        }

        @Override
        public TimeZone getTimeZone() {
          return found().getTimeZone();
        }
      };
    }
  }

  /** The language the logged-in user chose in their profile, if any. */
  private static Optional<Locale> profileLanguage(Notices notices) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || new AuthenticationTrustResolverImpl().isAnonymous(authentication)) {
      return Optional.empty();
    }
    try {
      return notices
          .contact(Caller.of(authentication).userId())
          .flatMap(Contact::language)
          .filter(LANGUAGES::contains)
          .map(Locale::forLanguageTag);
    } catch (IllegalStateException notASolUser) {
      return Optional.empty();
    }
  }

  /** The offered language the browser prefers (Accept-Language), French if none or unreadable. */
  static Locale asked(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.FRENCH;
    }
    try {
      Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), OFFERED);
      return found == null ? Locale.FRENCH : found;
    } catch (IllegalArgumentException unreadable) {
      return Locale.FRENCH;
    }
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new LanguageSwitch())
        .excludePathPatterns("/api/**", "/actuator/**", "/v3/**", "/swagger-ui/**");
    registry
        .addInterceptor(new LayoutModel(notices))
        .excludePathPatterns("/api/**", "/actuator/**", "/v3/**", "/swagger-ui/**");
  }

  /** {@code ?lang=en} or {@code ?lang=fr} on any page; any other value is ignored. */
  static final class LanguageSwitch implements HandlerInterceptor {
    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      String language = request.getParameter(LANGUAGE_PARAMETER);
      if (language != null && LANGUAGES.contains(language)) {
        LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
        if (resolver != null) {
          resolver.setLocale(request, response, Locale.forLanguageTag(language));
        }
      }
      return true;
    }
  }

  /**
   * What the layout shows around every page: the user's name and navigation (none when nobody is
   * logged in), how many of their notifications are unread, the path the language links point at,
   * and the page's language.
   */
  static final class LayoutModel implements HandlerInterceptor {
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();
    private final Notices notices;

    LayoutModel(Notices notices) {
      this.notices = notices;
    }

    @Override
    public void postHandle(
        HttpServletRequest request,
        HttpServletResponse response,
        Object handler,
        ModelAndView view) {
      if (view == null || !view.hasView() || isRedirect(view)) {
        return;
      }
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (authentication != null
          && authentication.isAuthenticated()
          && !trust.isAnonymous(authentication)) {
        try {
          Caller caller = Caller.of(authentication);
          view.addObject("currentUser", caller.displayName());
          view.addObject("navigation", HomePages.navigation(caller));
          view.addObject("unreadNotices", notices.unread(caller.userId()));
        } catch (IllegalStateException notASolUser) {
          // only SOL users log in; nothing to show otherwise
        }
      }
      view.addObject("currentPath", pagePath(request));
      view.addObject("language", RequestContextUtils.getLocale(request).getLanguage());
    }

    private static boolean isRedirect(ModelAndView view) {
      String name = view.getViewName();
      return name != null && (name.startsWith("redirect:") || name.startsWith("forward:"));
    }

    /** The page the language links reload: this one if it was a GET, else the home page. */
    private static String pagePath(HttpServletRequest request) {
      Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      if (errorUri instanceof String uri) {
        return uri;
      }
      return "GET".equals(request.getMethod()) ? request.getRequestURI() : "/";
    }
  }
}
