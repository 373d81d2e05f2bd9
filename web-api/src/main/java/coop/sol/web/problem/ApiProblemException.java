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
  private final String field;
  private final Map<String, Object> properties;

  public ApiProblemException(
      HttpStatus status, String code, String detail, Map<String, String> headers) {
    this(status, code, detail, headers, null);
  }

  private ApiProblemException(
      HttpStatus status, String code, String detail, Map<String, String> headers, String field) {
    this(status, code, detail, headers, field, Map.of());
  }

  private ApiProblemException(
      HttpStatus status,
      String code,
      String detail,
      Map<String, String> headers,
      String field,
      Map<String, Object> properties) {
    super(code, null, false, false);
    this.properties = Map.copyOf(properties);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.headers = Map.copyOf(headers);
    this.field = field;
  }

  public ApiProblemException(ProblemCode code) {
    this(code.status(), code.name(), code.detail(), Map.of());
  }

  public ApiProblemException(ProblemCode code, String detail) {
    this(code.status(), code.name(), detail, Map.of());
  }

  /**
   * A refusal of one field of the request: a parameter, a form field, or a JSON property (its path,
   * {@code legs.0.memo}), answered in the problem's {@code field} member.
   */
  public ApiProblemException(ProblemCode code, String detail, String field) {
    this(code.status(), code.name(), detail, Map.of(), Objects.requireNonNull(field, "field"));
  }

  /**
   * A refusal with more members than the detail can say (a weak password's reasons), each a value
   * that serialises as JSON.
   */
  public static ApiProblemException withProperties(
      ProblemCode code, String detail, Map<String, Object> properties) {
    return new ApiProblemException(code.status(), code.name(), detail, Map.of(), null, properties);
  }

  /** The problem's extra members; empty for most. */
  public Map<String, Object> properties() {
    return properties;
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

  /** The field refused, or null when the refusal is not about one field. */
  public String field() {
    return field;
  }
}
