package coop.sol.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
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

  /**
   * A request attribute naming the {@link ProblemCode} an error page explains, set by whoever
   * answers a page request with {@code sendError} (a refused page: CSRF or role).
   */
  public static final String PAGE_PROBLEM_ATTRIBUTE = "coop.sol.web.page.problemCode";

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
    ProblemDetail problem = of(code);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(code.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    // Boot's JsonMapper carries the ProblemDetail mix-in: properties are written at top level.
    json.writeValue(response.getOutputStream(), problem);
  }
}
