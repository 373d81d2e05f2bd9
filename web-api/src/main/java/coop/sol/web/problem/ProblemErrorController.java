package coop.sol.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the servlet container's error dispatches (errors raised outside Spring MVC, such as a
 * failing filter) with a problem instead of Spring Boot's default error body, so that the API has
 * one error format and never shows an exception or stack trace. A browser's page (a request for
 * HTML outside the API) gets the {@code error} page instead, in the user's language, saying as
 * little.
 */
@Hidden // not part of the API: only the container dispatches here
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  Object error(HttpServletRequest request) {
    Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // Requested directly rather than dispatched after an error: there is nothing here.
    HttpStatus status =
        statusAttribute instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
    ProblemCode code =
        ProblemCode.forStatus(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
    if (isPage(request)) {
      String pageCode =
          request.getAttribute(Problems.PAGE_PROBLEM_ATTRIBUTE) instanceof String named
              ? named
              : code.name();
      ModelAndView page = new ModelAndView("error");
      page.setStatus(code.status());
      page.addObject("status", code.status().value());
      page.addObject("messageKey", "problem." + pageCode);
      return page;
    }
    ProblemDetail problem = Problems.of(code);
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      problem.setInstance(URI.create(uri));
    }
    return ResponseEntity.status(code.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A browser's page: HTML asked for, outside the API and its documentation. */
  private static boolean isPage(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return Problems.isPage(request, uri instanceof String value ? value : request.getRequestURI());
  }
}
