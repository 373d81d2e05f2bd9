package coop.sol.web.login;

import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's one login throttle, on the system clock. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginProperties settings) {
    return new LoginThrottle(settings, Ticker.systemTicker());
  }
}
