package coop.sol.web.input;

import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The check of {@link FreeText} on every query and form parameter (names and values) of every
 * request, pages and login form included, before Spring Security and any controller read them: a
 * refused one answers 400 INVALID_TEXT naming the parameter — a problem for the API, the error page
 * in the user's language for a page — and nothing is done. Runs after the body size limit, so that
 * a form body is read only once it is known to be small.
 */
final class ParameterCheck extends OncePerRequestFilter {
  private final Problems problems;

  ParameterCheck(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
        String name = parameter.getKey();
        FreeText.check("parameter name", name);
        for (String value : parameter.getValue()) {
          FreeText.check(name, value);
        }
      }
    } catch (ApiProblemException refused) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (Problems.isPage(request, path)) {
        request.setAttribute(Problems.PAGE_PROBLEM_ATTRIBUTE, refused.code());
        response.sendError(HttpStatus.BAD_REQUEST.value());
      } else {
        problems.write(request, response, refused);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
