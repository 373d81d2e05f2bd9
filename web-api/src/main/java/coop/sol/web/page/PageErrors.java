package coop.sol.web.page;

import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the page controllers, shown as a page in the user's language: the refusal of a service
 * (an {@link ApiProblemException}, whose stable code picks the message) in plain words, anything
 * unexpected as a bare "something went wrong", never an exception's text. The API's errors stay
 * problems ({@code coop.sol.web.problem}), which this advice, limited to the page packages, never
 * sees.
 */
@Hidden
@ControllerAdvice(basePackages = "coop.sol.web.page")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
  private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

  private final ProblemMessages messages;

  PageErrors(ProblemMessages messages) {
    this.messages = messages;
  }

  /** Security refusals thrown in a controller go to Spring Security, as for the API. */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void rethrowSecurityException(RuntimeException e) {
    throw e;
  }

  @ExceptionHandler(ApiProblemException.class)
  ModelAndView refused(ApiProblemException e) {
    return errorPage(e.status(), messages.problemKey(e.code()));
  }

  @ExceptionHandler(MultipartException.class)
  ModelAndView badUpload(MultipartException e) {
    log.debug("Upload refused: {}", e.getMessage());
    return errorPage(HttpStatus.BAD_REQUEST, "problem.PAYLOAD_TOO_LARGE");
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    if (e instanceof ErrorResponse spring) {
      // Spring's own refusals (a missing parameter, a wrong method...): the client's mistake
      ProblemCode code = ProblemCode.forStatus(spring.getStatusCode());
      return errorPage(code.status(), messages.problemKey(code.name()));
    }
    log.error("Unexpected error while rendering a page", e);
    return errorPage(HttpStatus.INTERNAL_SERVER_ERROR, "problem.INTERNAL_ERROR");
  }

  static ModelAndView errorPage(HttpStatus status, String messageKey) {
    ModelAndView view = new ModelAndView("error");
    view.setStatus(status);
    view.addObject("status", status.value());
    view.addObject("messageKey", messageKey);
    return view;
  }
}
