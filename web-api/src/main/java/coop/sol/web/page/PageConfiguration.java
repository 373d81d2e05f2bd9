package coop.sol.web.page;

import coop.sol.web.auth.Caller;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * <p>Language: French unless the user chose English with {@code ?lang=en} (any page; {@code
 * ?lang=fr} back), remembered for a year in the {@code sol-lang} cookie. The browser's
 * Accept-Language is deliberately not consulted: a SOL network is local and French-speaking, and a
 * shared till tablet must not switch language with whoever configured its browser.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {
  static final String LANGUAGE_PARAMETER = "lang";
  static final Set<String> LANGUAGES = Set.of("fr", "en");

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("sol-lang");
    resolver.setDefaultLocale(Locale.FRENCH);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(new LanguageSwitch())
        .excludePathPatterns("/api/**", "/actuator/**", "/v3/**", "/swagger-ui/**");
    registry
        .addInterceptor(new LayoutModel())
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
   * logged in), the path the language links point at, and the page's language.
   */
  static final class LayoutModel implements HandlerInterceptor {
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

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
