package coop.sol.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The controllers' mapping, which first compares a path with the literal beginning of each
 * mapping's patterns (up to the first variable or wildcard) and asks Spring's full conditions only
 * of the mappings that pass.
 *
 * <p>A path such as {@code /api/v1/accounts/12} has no mapping of its own (it holds a variable), so
 * Spring MVC tests it against every mapping of the application, a few hundred: for each, the
 * method, the parameters, the headers, the media types and then the patterns, each reading request
 * attributes through every wrapper the filters put around the request. That was 28 % of a balance
 * read's CPU under load (JFR, {@code -Dwrk.profile=balance}). A pattern whose literal beginning is
 * not the beginning of the path cannot match it, so leaving such mappings out changes no answer:
 * the same mapping wins, and a path that matches none still gets the same 404, 405 or 415, which
 * Spring explains from all the mappings, not from this test.
 *
 * <p>The test applies only to paths without {@code %} or {@code ;}: Spring matches patterns against
 * the decoded path without its matrix parameters, which the raw path compared here may differ from.
 */
public class LiteralPrefixMappings extends RequestMappingHandlerMapping {

  private static final String[] ANY_PATH = {""};

  /**
   * The path this thread is looking up, while it looks it up; null when the test does not apply.
   */
  private static final ThreadLocal<String> LOOKING_UP = new ThreadLocal<>();

  private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    boolean raw = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
    if (!raw) {
      return super.lookupHandlerMethod(lookupPath, request);
    }
    LOOKING_UP.set(lookupPath);
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      LOOKING_UP.remove();
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    String path = LOOKING_UP.get();
    if (path != null
        && !startsWithOneOf(path, prefixes.computeIfAbsent(info, i -> prefixesOf(i)))) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  private static boolean startsWithOneOf(String path, String[] prefixes) {
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The literal beginnings of the mapping's patterns; the empty string (any path) when it has none
   * or they are not path patterns.
   */
  static String[] prefixesOf(RequestMappingInfo info) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null || condition.getPatterns().isEmpty()) {
      return ANY_PATH;
    }
    return condition.getPatterns().stream()
        .map(PathPattern::getPatternString)
        .map(LiteralPrefixMappings::literalBeginning)
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
}
