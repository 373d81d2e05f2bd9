package coop.sol.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * the same test Spring makes with the same patterns and path, only earlier and without the wrappers
 * (and, before it, a comparison of the raw path with the patterns' literal beginnings, which spares
 * most mappings the pattern matcher's allocations). The mappings it keeps go through all of
 * Spring's conditions as before, so the same method wins, and a path that matches none still gets
 * the same 404, 405 or 415, which Spring explains from all the mappings.
 */
public class PathFirstMappings extends RequestMappingHandlerMapping {

  /** The path this thread is looking up, while it looks it up. */
  private static final ThreadLocal<PathContainer> LOOKING_UP = new ThreadLocal<>();

  /**
   * Each mapping's patterns' literal beginnings (up to the first variable or wildcard), compared
   * with the raw path before the patterns themselves: no allocation, and most mappings stop there.
   */
  private final Map<RequestMappingInfo, String[]> beginnings = new ConcurrentHashMap<>();

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
    if (path != null && (!mayBegin(path.value(), beginningsOf(info)) || !mayMatch(info, path))) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  /**
   * A plain read once known: {@code computeIfAbsent} would lock a bin of the map whenever the key
   * is not its first entry, on every request's lookup of every mapping.
   */
  private String[] beginningsOf(RequestMappingInfo info) {
    String[] known = beginnings.get(info);
    return known != null ? known : beginnings.computeIfAbsent(info, PathFirstMappings::beginnings);
  }

  /**
   * False when no beginning is the beginning of {@code rawPath}, in which case no pattern matches
   * it. A raw path with {@code %} or {@code ;} is matched decoded and without its matrix variables,
   * so it may differ from its raw text: it passes, for the patterns to decide.
   */
  static boolean mayBegin(String rawPath, String[] beginnings) {
    if (rawPath.indexOf('%') >= 0 || rawPath.indexOf(';') >= 0) {
      return true;
    }
    for (String beginning : beginnings) {
      if (rawPath.startsWith(beginning)) {
        return true;
      }
    }
    return false;
  }

  /** The literal beginnings of the mapping's patterns; the empty one when it has no patterns. */
  static String[] beginnings(RequestMappingInfo info) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null) {
      return new String[] {""};
    }
    return condition.getPatterns().stream()
        .map(pattern -> literalBeginning(pattern.getPatternString()))
        .toArray(String[]::new);
  }

  /** The pattern up to its first variable ({@code {}) or wildcard ({@code *}, {@code ?}). */
  static String literalBeginning(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '{' || c == '*' || c == '?') {
        return pattern.substring(0, i);
      }
    }
    return pattern;
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
