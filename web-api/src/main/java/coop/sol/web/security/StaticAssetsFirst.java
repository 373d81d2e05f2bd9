package coop.sol.web.security;

import coop.sol.web.routing.PathFirstMappings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Sends the static assets ({@link PageAccessRules#STATIC_ASSETS}) straight to Spring Boot's own
 * resource handling, ahead of the controllers' mappings. Without it, the dispatcher asks the
 * controllers' mapping first, which compares the path with each of its few hundred mappings and,
 * finding none, with each again to explain the miss (a 405 or 415 it might owe): a quarter of a
 * stylesheet's CPU under load (JFR, {@code -Dwrk.profile=static}). The handler is Boot's, with its
 * cache headers and content-hashed URLs: only the order of the question changes. No controller
 * answers under these paths.
 */
final class StaticAssetsFirst implements HandlerMapping, Ordered {
  private static final List<PathPattern> PATTERNS =
      Arrays.stream(PageAccessRules.STATIC_ASSETS)
          .map(PathPatternParser.defaultInstance::parse)
          .toList();

  private final HandlerMapping resources;

  StaticAssetsFirst(HandlerMapping resources) {
    this.resources = resources;
  }

  @Override
  public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
    PathContainer path =
        ServletRequestPathUtils.hasParsedRequestPath(request)
            ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
            : PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
    for (PathPattern pattern : PATTERNS) {
      if (pattern.matches(path)) {
        return resources.getHandler(request);
      }
    }
    return null;
  }

  @Override
  public boolean usesPathPatterns() {
    return true;
  }

  /** Before the controllers' mapping and the actuator's. */
  @Override
  public int getOrder() {
    return PathFirstMappings.ORDER - 1;
  }
}
