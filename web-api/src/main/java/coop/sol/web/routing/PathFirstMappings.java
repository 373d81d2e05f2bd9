package coop.sol.web.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The controllers' mapping, which looks a request's path up among the mappings whose patterns can
 * match it, rather than among all of them.
 *
 * <p>A path such as {@code /api/v1/accounts/12} has no mapping of its own (it holds a variable), so
 * Spring MVC tests it against every mapping of the application, a few hundred, and for each one
 * tests the method, the parameters, the headers, the media types and only then the patterns; each
 * of those reads the request (its method, headers and attributes) through every wrapper the filters
 * put around it. That was 28 % of a balance read's CPU under load (JFR, {@code
 * -Dwrk.profile=balance}); testing the patterns first, mapping by mapping, still cost 15 %, as
 * Spring's loop visits every mapping. This mapping keeps its own list of the mappings, each with
 * its patterns' literal beginnings, and runs the same lookup as Spring's over the mappings whose
 * beginning the raw path starts with and whose patterns match the parsed path (the test Spring
 * itself makes): first those mapped to the path itself, as Spring does, then the others. Those
 * others are found in one walk along the path ({@link Prefixes}), where testing each mapping's
 * beginnings in turn was 2.4 % of a history read's CPU (async-profiler under wrk). Those go through
 * all of Spring's conditions and its comparator, so the same method wins. Whatever this lookup does
 * not settle alone goes to Spring's own, which then decides as before: a path that matches nothing
 * (its 404, 405 or 415, explained from all the mappings), two equally good matches, a CORS
 * pre-flight request. A path that no mapping's patterns match is not one of those: this lookup
 * answers that it has no handler at once, as Spring's would after testing every mapping twice.
 *
 * <p>It is asked before the actuator's endpoint mappings ({@link #ORDER}), which otherwise looked
 * up, and explained, their miss on every API call and page: 5 % of a balance read in its profile.
 * The actuator's paths match no controller, so they reach the actuator's mappings as before.
 */
public class PathFirstMappings extends RequestMappingHandlerMapping {

  /** Ahead of the actuator's endpoint mappings (-100), behind nothing but the static assets. */
  public static final int ORDER = -200;

  /** A mapping and its method. */
  private record Candidate(RequestMappingInfo info, HandlerMethod method) {}

  /**
   * What a lookup is made among: null while the mappings change, when Spring's lookup is used.
   *
   * @param byBeginning every mapping, filed under each of its patterns' literal beginnings
   */
  private record Lookup(
      List<Candidate> all,
      Map<String, List<Candidate>> byDirectPath,
      Prefixes<Candidate> byBeginning) {}

  private volatile Lookup lookup;

  /**
   * Held while a mapping is registered or removed at run time and the list rebuilt, so that a list
   * read before another change can never be the last one written.
   */
  private final Object changes = new Object();

  @Override
  protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
    super.handlerMethodsInitialized(handlerMethods);
    lookup = lookupOf(handlerMethods);
  }

  @Override
  protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
    lookup = null;
    super.registerHandlerMethod(handler, method, mapping);
  }

  @Override
  public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
    synchronized (changes) {
      lookup = null;
      super.registerMapping(mapping, handler, method);
      lookup = lookupOf(getHandlerMethods());
    }
  }

  @Override
  public void unregisterMapping(RequestMappingInfo mapping) {
    synchronized (changes) {
      lookup = null;
      super.unregisterMapping(mapping);
      lookup = lookupOf(getHandlerMethods());
    }
  }

  private static Lookup lookupOf(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
    List<Candidate> all = new ArrayList<>(handlerMethods.size());
    Map<String, List<Candidate>> byDirectPath = new HashMap<>();
    var byBeginning = new Prefixes.Builder<Candidate>(Candidate[]::new);
    handlerMethods.forEach(
        (info, method) -> {
          Candidate candidate = new Candidate(info, method);
          all.add(candidate);
          for (String path : info.getDirectPaths()) {
            byDirectPath.computeIfAbsent(path, p -> new ArrayList<>()).add(candidate);
          }
          for (String beginning : beginnings(info)) {
            byBeginning.add(beginning, candidate);
          }
        });
    Map<String, List<Candidate>> direct = new HashMap<>();
    byDirectPath.forEach((path, candidates) -> direct.put(path, List.copyOf(candidates)));
    return new Lookup(List.copyOf(all), Map.copyOf(direct), byBeginning.build());
  }

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    Lookup known = lookup;
    if (known == null
        || !ServletRequestPathUtils.hasParsedRequestPath(request)
        || CorsUtils.isPreFlightRequest(request)) {
      return super.lookupHandlerMethod(lookupPath, request);
    }
    PathContainer path =
        ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
    List<Match> matches = new ArrayList<>(2);
    List<Candidate> direct = known.byDirectPath().get(lookupPath);
    boolean pathMatched = false;
    if (direct != null) {
      pathMatched = addMatches(direct, path, request, matches);
    }
    if (matches.isEmpty()) {
      // those whose beginning the raw path starts with, found along the path, if it compares raw
      List<Candidate> others =
          comparesRaw(path.value()) ? known.byBeginning().startingWith(path.value()) : known.all();
      pathMatched |= addMatches(others, path, request, matches);
    }
    if (matches.isEmpty()) {
      // Spring's lookup explains a miss from the mappings whose patterns match the path (a 405 or
      // 415); with none, it too has no handler and nothing to explain
      return pathMatched ? super.lookupHandlerMethod(lookupPath, request) : null;
    }
    Match best = matches.get(0);
    if (matches.size() > 1) {
      Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
      matches.sort((a, b) -> comparator.compare(a.info(), b.info()));
      best = matches.get(0);
      if (comparator.compare(best.info(), matches.get(1).info()) == 0) {
        return super.lookupHandlerMethod(lookupPath, request); // Spring's ambiguity error
      }
    }
    request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, best.method());
    handleMatch(best.info(), lookupPath, request);
    return best.method();
  }

  /** A mapping narrowed to the request, as Spring's conditions return it, and its method. */
  private record Match(RequestMappingInfo info, HandlerMethod method) {}

  /**
   * Adds the candidates whose conditions all match the request; returns whether any candidate's
   * patterns matched its path. The candidates are already those whose beginning the raw path starts
   * with, where it can be compared.
   */
  private boolean addMatches(
      List<Candidate> candidates,
      PathContainer path,
      HttpServletRequest request,
      List<Match> matches) {
    boolean pathMatched = false;
    for (Candidate candidate : candidates) {
      if (mayMatch(candidate.info(), path)) {
        pathMatched = true;
        RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
        if (match != null) {
          matches.add(new Match(match, candidate.method()));
        }
      }
    }
    return pathMatched;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /**
   * Whether the patterns' literal beginnings can be compared with the raw path: not when it holds
   * {@code %} or {@code ;}, as it is matched decoded and without its matrix variables, so it may
   * differ from its raw text (the patterns then decide alone).
   */
  static boolean comparesRaw(String rawPath) {
    return rawPath.indexOf('%') < 0 && rawPath.indexOf(';') < 0;
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
