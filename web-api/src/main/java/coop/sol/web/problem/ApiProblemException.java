package coop.sol.web.problem;

import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A request refused for a reason the client can act on: answered by {@link ProblemHandler} as a
 * problem with this status, stable {@code code} and French detail, plus any response headers (such
 * as {@code Retry-After}). Not logged: it is an answer, not a failure of the server.
 *
 * @param code the problem's stable code: a {@link ProblemCode} name, or another stable enum's (the
 *     ledger's rejection reasons)
 */
public final class ApiProblemException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final String detail;
  private final Map<String, String> headers;

  public ApiProblemException(
      HttpStatus status, String code, String detail, Map<String, String> headers) {
    super(code, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.headers = Map.copyOf(headers);
  }

  public ApiProblemException(ProblemCode code) {
    this(code.status(), code.name(), code.detail(), Map.of());
  }

  public ApiProblemException(ProblemCode code, String detail) {
    this(code.status(), code.name(), detail, Map.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return detail;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
