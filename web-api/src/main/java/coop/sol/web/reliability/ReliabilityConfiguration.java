package coop.sol.web.reliability;

import coop.sol.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.autoconfigure.servlet.ForwardedHeaderFilterCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;

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

  /**
   * Spring Boot's forwarded-headers filter, registered as Boot registers it (first, for requests,
   * async and error dispatches, with Boot's customizers), but answering headers it cannot read with
   * a problem ({@link ForwardedHeadersOrProblem}). Boot's own steps aside for it.
   */
  @Bean
  @ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
  FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter(
      ReliabilityProperties settings,
      Problems problems,
      ObjectProvider<ForwardedHeaderFilterCustomizer> customizers) {
    ForwardedHeaderFilter filter =
        new ForwardedHeadersOrProblem(problems, settings.contentSecurityPolicy());
    customizers.ifAvailable(customizer -> customizer.customize(filter));
    var registration = new FilterRegistrationBean<>(filter);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
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
