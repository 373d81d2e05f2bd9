package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.web.problem.Problems;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures escaping the filters behind: an unreachable database is a 503 with Retry-After, input
 * refused when read a 400, both as problems; anything else, or anything after the answer began,
 * goes on to the container.
 */
class EscapedFailuresTest {
  private final EscapedFailures filter =
      new EscapedFailures(new Problems(JsonMapper.builder().build()));

  private MockHttpServletResponse failWith(RuntimeException failure) throws Exception {
    var response = new MockHttpServletResponse();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/v1/me"),
        response,
        (rq, rs) -> {
          throw failure;
        });
    return response;
  }

  @Test
  void an_unreachable_database_is_a_503_with_retry_after() throws Exception {
    for (RuntimeException failure :
        new RuntimeException[] {
          new IllegalStateException("pool", new SQLTransientConnectionException("timed out")),
          new IllegalStateException("lost", new SQLException("I/O error", "08006")),
          new IllegalStateException("restarting", new SQLException("starting up", "57P03"))
        }) {
      MockHttpServletResponse response = failWith(failure);
      assertThat(response.getStatus()).as("%s", failure.getCause()).isEqualTo(503);
      assertThat(response.getHeader("Retry-After")).isEqualTo("2");
      assertThat(response.getContentType()).startsWith("application/problem+json");
      assertThat(response.getContentAsString()).contains("DATABASE_UNAVAILABLE");
    }
  }

  @Test
  void input_refused_when_read_is_a_400() throws Exception {
    for (RuntimeException failure :
        new RuntimeException[] {
          new InvalidParameterException("Invalid chunk"),
          new RequestRejectedException("header value not allowed")
        }) {
      MockHttpServletResponse response = failWith(failure);
      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(response.getContentAsString()).contains("BAD_REQUEST");
    }
  }

  @Test
  void other_failures_and_failures_after_the_answer_began_go_on() {
    assertThatThrownBy(() -> failWith(new IllegalStateException("a bug"), false))
        .hasMessage("a bug");
    assertThatThrownBy(
            () ->
                failWith(
                    new IllegalStateException("late", new SQLTransientConnectionException("x")),
                    true))
        .hasMessage("late");
  }

  private void failWith(RuntimeException failure, boolean committed) throws Exception {
    var response = new MockHttpServletResponse();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/v1/me"),
        response,
        (rq, rs) -> {
          if (committed) {
            rs.flushBuffer();
          }
          throw failure;
        });
  }
}
