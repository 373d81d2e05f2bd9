package coop.sol.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details with a {@code code}, and writes them where Spring MVC is not
 * involved (security filters answer before any controller runs).
 */
@Component
public class Problems {
  /** The name of the extension member that carries the {@link ProblemCode}. */
  public static final String CODE = "code";

  /** The name of the extension member naming the request's field a problem is about, if one. */
  public static final String FIELD = "field";

  /**
   * A request attribute naming the {@link ProblemCode} an error page explains, set by whoever
   * answers a page request with {@code sendError} (a refused page: CSRF or role).
   */
  public static final String PAGE_PROBLEM_ATTRIBUTE = "coop.sol.web.page.problemCode";

  private static final Set<String> API_PATHS = Set.of("/api/", "/actuator", "/v3/", "/swagger-ui");

  private final JsonMapper json;

  public Problems(JsonMapper json) {
    this.json = json;
  }

  public static ProblemDetail of(ProblemCode code) {
    return of(code, code.detail());
  }

  public static ProblemDetail of(ProblemCode code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
    problem.setProperty(CODE, code.name());
    return problem;
  }

  /** Writes {@code code}'s problem as the whole response, for the request's path. */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code)
      throws IOException {
    write(request, response, new ApiProblemException(code));
  }

  /** Writes {@code refusal}'s problem, and its headers, as the whole response. */
  public void write(
      HttpServletRequest request, HttpServletResponse response, ApiProblemException refusal)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.detail());
    problem.setProperty(CODE, refusal.code());
    if (refusal.field() != null) {
      problem.setProperty(FIELD, refusal.field());
    }
    problem.setInstance(URI.create(request.getRequestURI()));
    refusal.headers().forEach(response::setHeader);
    response.setStatus(refusal.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    // Boot's JsonMapper carries the ProblemDetail mix-in: properties are written at top level.
    json.writeValue(response.getOutputStream(), problem);
  }

  /** {@code problem} as the JSON every other problem is written in. */
  public byte[] json(ProblemDetail problem) {
    return json.writeValueAsBytes(problem);
  }

  /**
   * Whether {@code request} is a browser's page, answered with a page rather than a problem: HTML
   * asked for, outside the API and its documentation.
   */
  public static boolean isPage(HttpServletRequest request, String path) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
      return false;
    }
    return API_PATHS.stream().noneMatch(path::startsWith);
  }
}
