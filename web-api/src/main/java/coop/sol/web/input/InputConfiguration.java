package coop.sol.web.input;

import coop.sol.web.problem.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import org.springframework.beans.PropertyEditorRegistrar;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Puts the check of free text in parameters in a servlet filter right after the body size limit
 * ({@code security.RequestSizeLimitFilter}, at +10) and before Spring Security. JSON bodies are
 * checked by {@link RequestBodyCheck}, whole numbers by {@link WholeNumbers}, both for every
 * controller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class InputConfiguration {

  /**
   * Adds {@link WholeNumbers} to the binding initializer Boot gives the controllers' adapter (its
   * conversion service, validator and message codes stay as Boot made them).
   */
  @Bean
  static BeanPostProcessor wholeNumbersOnEveryBinder() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RequestMappingHandlerAdapter adapter) {
          if (!(adapter.getWebBindingInitializer()
              instanceof ConfigurableWebBindingInitializer initializer)) {
            throw new IllegalStateException(
                "the controllers' binding initializer is not Boot's: whole numbers unchecked");
          }
          var registrars = new ArrayList<PropertyEditorRegistrar>();
          if (initializer.getPropertyEditorRegistrars() != null) {
            registrars.addAll(Arrays.asList(initializer.getPropertyEditorRegistrars()));
          }
          registrars.add(new WholeNumbers());
          initializer.setPropertyEditorRegistrars(
              registrars.toArray(PropertyEditorRegistrar[]::new));
        }
        return bean;
      }
    };
  }

  @Bean
  FilterRegistrationBean<ParameterCheck> parameterCheck(Problems problems) {
    var registration = new FilterRegistrationBean<>(new ParameterCheck(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }
}
