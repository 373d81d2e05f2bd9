package coop.sol.web.problem;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error that reaches Spring MVC into an RFC 9457 problem with a stable {@code code}.
 * Spring's own exceptions (bad JSON, wrong method, unknown path...) get the code of their kind; a
 * database out of reach is a 503 DATABASE_UNAVAILABLE ({@link DatabaseFailures}); anything else
 * unexpected is logged with its stack trace and answered with a bare INTERNAL_ERROR, so no
 * internals leak to the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /**
   * Security exceptions thrown from a controller (method security) are re-thrown, so that Spring
   * Security's exception translation answers 401 or 403 as it does for its filters, instead of the
   * catch-all below turning them into 500s.
   */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void rethrowSecurityException(RuntimeException e) {
    throw e;
  }

  /**
   * Spring Security's firewall checks header values only when they are read, so a header with
   * characters it refuses (found by {@code HostileInputFuzzIT} in an Idempotency-Key) is rejected
   * while a controller reads it: a bad request, not a failure of the server.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejectedByFirewall(RequestRejectedException e) {
    log.debug("Request rejected by the firewall: {}", e.getMessage());
    ProblemDetail problem = Problems.of(ProblemCode.BAD_REQUEST);
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * Tomcat parses query and form parameters when they are first read, and refuses then those it
   * cannot decode (found by {@code HostileInputFuzzIT}): a bad request.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodableParameters(InvalidParameterException e) {
    log.debug("Request parameters refused by the container: {}", e.getMessage());
    ProblemDetail problem = Problems.of(ProblemCode.INVALID_PARAMETER);
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(ApiProblemException.class)
  ResponseEntity<ProblemDetail> refused(ApiProblemException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.detail());
    problem.setProperty(Problems.CODE, e.code());
    if (e.field() != null) {
      problem.setProperty(Problems.FIELD, e.field());
    }
    e.properties().forEach(problem::setProperty);
    var response =
        ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    e.headers().forEach(response::header);
    return response.body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (DatabaseFailures.isUnavailability(e)) {
      // not a bug: the database is restarting, unreachable or too slow; the client retries
      log.warn("Database unavailable while handling a request: {}", DatabaseFailures.describe(e));
      return refused(DatabaseFailures.problem());
    }
    log.error("Unexpected error while handling a request", e);
    ProblemDetail problem = Problems.of(ProblemCode.INTERNAL_ERROR);
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * Adds the {@code code} to the problems Spring builds for its own exceptions, with the code's
   * French detail in place of Spring's English one (which may also quote internals, such as a
   * parser's message). Problems that already carry a code are ours and kept as they are. Written as
   * {@code application/problem+json} whatever the request's {@code Accept} said: a client that
   * accepts no JSON (or sent an {@code Accept} no one can read, which is itself the 406) still
   * learns why it was refused, where Spring would have left the answer empty.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
    if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
      ProblemCode code = codeFor(ex, status);
      problem.setProperty(Problems.CODE, code.name());
      problem.setDetail(code.detail());
    }
    HttpHeaders asProblem = HttpHeaders.copyOf(headers);
    asProblem.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return super.handleExceptionInternal(ex, problem, asProblem, status, request);
  }

  private static ProblemCode codeFor(Exception ex, HttpStatusCode status) {
    if (ex instanceof MethodArgumentNotValidException
        || ex instanceof HandlerMethodValidationException
        || ex instanceof MethodValidationException) {
      return ProblemCode.VALIDATION_FAILED;
    }
    if (ex instanceof HttpMessageNotReadableException) {
      return ProblemCode.MALFORMED_REQUEST;
    }
    if (ex instanceof TypeMismatchException
        || ex instanceof MissingServletRequestParameterException) {
      return ProblemCode.INVALID_PARAMETER;
    }
    return ProblemCode.forStatus(status);
  }
}
