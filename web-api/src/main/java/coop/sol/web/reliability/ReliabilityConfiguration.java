package coop.sol.web.reliability;

import coop.sol.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tomcat's own error answers as problems ({@link ProblemErrorReport}), and the servlet filters that
 * run before everything but Spring Boot's forwarded-headers filter (so that they see the scheme a
 * reverse proxy reports): security headers first, then the check of what the forwarded headers made
 * of the request, then load shedding, then the answers to failures that escape the filters behind,
 * all ahead of the 64 KiB body limit and of Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReliabilityConfiguration {

  /**
   * Tomcat's own error answers as problems with the security headers ({@link ProblemErrorReport}):
   * the valve takes the place of the error report valve Spring Boot puts on the host, so it runs
   * after Boot's customizer.
   */
  @Bean
  ProblemErrorReport.Installer problemErrorReport(
      ReliabilityProperties settings, Problems problems) {
    return new ProblemErrorReport.Installer(problems, settings.contentSecurityPolicy());
  }

  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeadersFilter(ReliabilityProperties settings) {
    var registration =
        new FilterRegistrationBean<>(new SecurityHeaders(settings.contentSecurityPolicy()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ForwardedRequestCheck> forwardedRequestCheck(Problems problems) {
    var registration = new FilterRegistrationBean<>(new ForwardedRequestCheck(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
    return registration;
  }

  @Bean
  FilterRegistrationBean<LoadShedding> loadSheddingFilter(
      ReliabilityProperties settings, Problems problems, MeterRegistry meters) {
    var registration = new FilterRegistrationBean<>(new LoadShedding(settings, problems, meters));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EscapedFailures> escapedFailuresFilter(Problems problems) {
    var registration = new FilterRegistrationBean<>(new EscapedFailures(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
    return registration;
  }
}
