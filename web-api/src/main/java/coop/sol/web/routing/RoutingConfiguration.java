package coop.sol.web.routing;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Boot builds the controllers' mapping as usual (its path matching, content negotiation,
 * interceptors and CORS settings), of the class {@link PathFirstMappings}.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  WebMvcRegistrations pathFirstMappings() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstMappings();
      }
    };
  }
}
