package coop.sol.web.reliability;

import coop.sol.web.problem.ProblemCode;
import coop.sol.web.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the application answering beyond saturation: at most {@code maxConcurrentRequests} requests
 * are served at once, and of those at most {@code maxConcurrentLogins} that check a password (an
 * Argon2id hash each). A request that finds no place within {@code queueWait} is answered at once
 * with 503 OVERLOADED and {@code Retry-After}, instead of queueing behind the others until its
 * client gives up; the requests in service keep their latency, and the server recovers as soon as
 * the load drops. The health probe is never shed, so that an orchestrator does not restart a server
 * that is merely busy. The gauge {@code sol.requests.in.flight} says how many requests hold a place
 * (read from the limit when metrics are scraped, so it costs a request nothing).
 */
final class LoadShedding extends OncePerRequestFilter {
  static final String RETRY_AFTER_SECONDS = "1";

  private final Semaphore requests;
  private final Semaphore logins;
  private final long waitNanos;
  private final Problems problems;
  private final Counter shedRequests;
  private final Counter shedLogins;

  LoadShedding(ReliabilityProperties limits, Problems problems, MeterRegistry meters) {
    this.requests = new Semaphore(limits.maxConcurrentRequests());
    this.logins = new Semaphore(limits.maxConcurrentLogins());
    this.waitNanos = limits.queueWait().toNanos();
    this.problems = problems;
    this.shedRequests = shed(meters, "requests");
    this.shedLogins = shed(meters, "logins");
    int places = limits.maxConcurrentRequests();
    Gauge.builder("sol.requests.in.flight", requests, r -> places - r.availablePermits())
        .description("Requests in service now, health probes not counted")
        .register(meters);
  }

  private static Counter shed(MeterRegistry meters, String limit) {
    return Counter.builder("sol.requests.shed")
        .description("Requests answered 503 OVERLOADED because the limit was reached")
        .tag("limit", limit)
        .register(meters);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isHealthProbe(request)) {
      chain.doFilter(request, response);
      return;
    }
    boolean login = checksPassword(request);
    if (login && !acquire(logins)) {
      shedLogins.increment();
      overloaded(request, response);
      return;
    }
    try {
      if (!acquire(requests)) {
        shedRequests.increment();
        overloaded(request, response);
        return;
      }
      try {
        chain.doFilter(request, response);
      } finally {
        requests.release();
      }
    } finally {
      if (login) {
        logins.release();
      }
    }
  }

  private boolean acquire(Semaphore limit) {
    try {
      return limit.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void overloaded(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    problems.write(request, response, ProblemCode.OVERLOADED);
  }

  static boolean isHealthProbe(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  /** Requests that carry a password to check: HTTP Basic, token creation, the login form. */
  static boolean checksPassword(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return true;
    }
    if (!"POST".equals(request.getMethod())) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api/v1/auth/tokens") || path.equals("/login");
  }

  /** For tests and diagnostics: places free now. */
  int availableRequests() {
    return requests.availablePermits();
  }

  int availableLogins() {
    return logins.availablePermits();
  }
}
