package coop.sol.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.sol.web.problem.Problems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load shedding on its own: a bounded number of requests in service (and of password checks among
 * them), 503 OVERLOADED with Retry-After beyond once the short wait is over, the health probe never
 * shed, places given back whatever happens to the request.
 */
class LoadSheddingTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseAndStop() {
    release.countDown();
    threads.shutdownNow();
  }

  private LoadShedding filter(int requests, int logins) {
    var settings =
        new ReliabilityProperties(
            requests, logins, Duration.ofMillis(50), Duration.ofSeconds(10), "default-src 'self'");
    return new LoadShedding(settings, new Problems(JsonMapper.builder().build()), meters);
  }

  /** A chain that holds the request until the test releases it. */
  private FilterChain held(CountDownLatch entered) {
    return (request, response) -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200);
    };
  }

  private static MockHttpServletRequest get(String path) {
    var request = new MockHttpServletRequest("GET", path);
    request.addHeader("Authorization", "Bearer sol_pat_x");
    return request;
  }

  private List<Future<MockHttpServletResponse>> occupy(
      LoadShedding filter, int count, MockHttpServletRequest template) throws Exception {
    var entered = new CountDownLatch(count);
    List<Future<MockHttpServletResponse>> inService = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inService.add(
          threads.submit(
              () -> {
                var response = new MockHttpServletResponse();
                var request =
                    new MockHttpServletRequest(template.getMethod(), template.getRequestURI());
                for (String name : java.util.Collections.list(template.getHeaderNames())) {
                  request.addHeader(name, template.getHeader(name));
                }
                filter.doFilter(request, response, held(entered));
                return response;
              }));
    }
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    return inService;
  }

  @Test
  void beyond_the_limit_requests_are_shed_with_retry_after_and_the_health_probe_is_not()
      throws Exception {
    LoadShedding filter = filter(2, 2);
    List<Future<MockHttpServletResponse>> inService = occupy(filter, 2, get("/api/v1/me"));

    var shed = new MockHttpServletResponse();
    long started = System.nanoTime();
    filter.doFilter(
        get("/api/v1/me"),
        shed,
        (rq, rs) -> ((jakarta.servlet.http.HttpServletResponse) rs).setStatus(200));
    long waited = (System.nanoTime() - started) / 1_000_000;
    assertThat(shed.getStatus()).isEqualTo(503);
    assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
    assertThat(shed.getContentType()).startsWith("application/problem+json");
    assertThat(shed.getContentAsString()).contains("OVERLOADED");
    assertThat(waited).as("ms waited for a place").isBetween(40L, 2_000L);
    assertThat(meters.get("sol.requests.shed").tag("limit", "requests").counter().count())
        .isEqualTo(1);

    var health = new MockHttpServletResponse();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/actuator/health"),
        health,
        (rq, rs) -> ((jakarta.servlet.http.HttpServletResponse) rs).setStatus(200));
    assertThat(health.getStatus()).isEqualTo(200);
    assertThat(meters.get("sol.requests.in.flight").gauge().value())
        .as("the two requests in service, not the health probe")
        .isEqualTo(2.0);

    release.countDown();
    for (Future<MockHttpServletResponse> f : inService) {
      assertThat(f.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }
    assertThat(filter.availableRequests()).isEqualTo(2);
    assertThat(meters.get("sol.requests.in.flight").gauge().value()).isZero();
    var after = new MockHttpServletResponse();
    filter.doFilter(
        get("/api/v1/me"),
        after,
        (rq, rs) -> ((jakarta.servlet.http.HttpServletResponse) rs).setStatus(200));
    assertThat(after.getStatus()).as("recovered once the load dropped").isEqualTo(200);
  }

  @Test
  void password_checks_have_their_own_smaller_limit() throws Exception {
    LoadShedding filter = filter(10, 1);
    var basic = new MockHttpServletRequest("GET", "/api/v1/me");
    basic.addHeader("Authorization", "Basic YWxpY2U6eA==");
    occupy(filter, 1, basic);

    var token = new MockHttpServletRequest("POST", "/api/v1/auth/tokens");
    var refused = new MockHttpServletResponse();
    filter.doFilter(
        token, refused, (rq, rs) -> ((jakarta.servlet.http.HttpServletResponse) rs).setStatus(201));
    assertThat(refused.getStatus()).isEqualTo(503);
    assertThat(refused.getContentAsString()).contains("OVERLOADED");

    var bearer = new MockHttpServletResponse();
    filter.doFilter(
        get("/api/v1/me"),
        bearer,
        (rq, rs) -> ((jakarta.servlet.http.HttpServletResponse) rs).setStatus(200));
    assertThat(bearer.getStatus()).as("a bearer request checks no password").isEqualTo(200);
  }

  @Test
  void places_are_given_back_when_a_request_fails() {
    LoadShedding filter = filter(1, 1);
    var basic = get("/api/v1/me");
    basic.addHeader("Authorization", "Basic YWxpY2U6eA==");
    for (var request : java.util.List.of(get("/api/v1/me"), basic)) {
      assertThatThrownBy(
              () ->
                  filter.doFilter(
                      request,
                      new MockHttpServletResponse(),
                      (rq, rs) -> {
                        throw new IllegalStateException("a bug");
                      }))
          .hasMessage("a bug");
    }
    assertThat(filter.availableRequests()).isEqualTo(1);
    assertThat(filter.availableLogins()).isEqualTo(1);
  }
}
