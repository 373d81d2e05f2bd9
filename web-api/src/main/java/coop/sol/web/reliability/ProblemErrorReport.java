package coop.sol.web.reliability;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The answer of the servlet container itself to requests it refuses before the application sees
 * them (a header over the limit, {@code ..%2f}, {@code %00} or a backslash in the path, a control
 * character in a header, a request line that is not HTTP): in place of Tomcat's HTML error page, a
 * problem with the code of its status ({@code BAD_REQUEST}...) and the security headers every
 * answer carries. Errors the application answered (anything with a body already) are left alone.
 */
final class ProblemErrorReport extends ErrorReportValve {
  private final Problems problems;
  private final String policy;

  ProblemErrorReport(Problems problems, String policy) {
    this.problems = problems;
    this.policy = policy;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // as Tomcat's own report: only errors, only once, only when nobody wrote a body
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatusCode code = HttpStatusCode.valueOf(status);
    ProblemCode problemCode = ProblemCode.forStatus(code);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code, problemCode.detail());
    HttpStatus known = HttpStatus.resolve(status);
    if (known != null) {
      problem.setTitle(known.getReasonPhrase());
    }
    problem.setProperty(Problems.CODE, problemCode.name());
    String body = new String(problems.json(problem), StandardCharsets.UTF_8);
    try {
      SecurityHeaders.write(response, policy, request.isSecure());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      // null only if the response was already committed, which the checks above exclude
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone, or the response cannot be written any more: nothing left to say
    } catch (Throwable t) {
      ExceptionUtils.handleThrowable(t);
    }
  }

  /**
   * Puts the valve in the place of the error report valve Spring Boot adds to the host: after
   * Boot's own customizer (order 0), whose context customizer runs before this one.
   */
  static final class Installer
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    private final Problems problems;
    private final String policy;

    Installer(Problems problems, String policy) {
      this.problems = problems;
      this.policy = policy;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            host.getPipeline().addValve(new ProblemErrorReport(problems, policy));
            if (host instanceof StandardHost standardHost) {
              // so that the host, finding it there, adds no error report valve of its own
              standardHost.setErrorReportValveClass(ProblemErrorReport.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
