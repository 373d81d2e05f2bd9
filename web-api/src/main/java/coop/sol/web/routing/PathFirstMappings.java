package coop.sol.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The controllers' mapping, which tests a mapping's path patterns before its other conditions.
 *
 * <p>A path such as {@code /api/v1/accounts/12} has no mapping of its own (it holds a variable), so
 * Spring MVC tests it against every mapping of the application, a few hundred, and for each one
 * tests the method, the parameters, the headers, the media types and only then the patterns; each
 * of those reads the request (its method, headers and attributes) through every wrapper the filters
 * put around it. That was 28 % of a balance read's CPU under load (JFR, {@code
 * -Dwrk.profile=balance}). This mapping first matches the mapping's patterns against the request's
 * parsed path, read once per lookup, and leaves out the mappings none of whose patterns matches:
 * the same test Spring makes with the same patterns and path, only earlier and without the
 * wrappers. The mappings it keeps go through all of Spring's conditions as before, so the same
 * method wins, and a path that matches none still gets the same 404, 405 or 415, which Spring
 * explains from all the mappings.
 */
public class PathFirstMappings extends RequestMappingHandlerMapping {

  /** The path this thread is looking up, while it looks it up. */
  private static final ThreadLocal<PathContainer> LOOKING_UP = new ThreadLocal<>();

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
      return super.lookupHandlerMethod(lookupPath, request);
    }
    LOOKING_UP.set(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      LOOKING_UP.remove();
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    PathContainer path = LOOKING_UP.get();
    if (path != null && !mayMatch(info, path)) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  /**
   * False when the mapping has path patterns and none matches {@code path}; Spring's own path
   * condition would then refuse it too.
   */
  static boolean mayMatch(RequestMappingInfo info, PathContainer path) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null) {
      return true;
    }
    for (PathPattern pattern : condition.getPatterns()) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
