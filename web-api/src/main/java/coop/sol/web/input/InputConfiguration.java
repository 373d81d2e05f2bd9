package coop.sol.web.input;

import coop.sol.web.problem.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the check of free text in parameters in a servlet filter right after the body size limit
 * ({@code security.RequestSizeLimitFilter}, at +10) and before Spring Security. JSON bodies are
 * checked by {@link RequestBodyCheck}, whole numbers by {@link WholeNumbers}, both for every
 * controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class InputConfiguration {

  @Bean
  FilterRegistrationBean<ParameterCheck> parameterCheck(Problems problems) {
    var registration = new FilterRegistrationBean<>(new ParameterCheck(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }
}
