package coop.sol.web.login;

import coop.sol.ledger.user.LoginThrottleStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's one login throttle, counted in the database on the application's clock. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginProperties settings, DataSource dataSource, Clock clock) {
    return new LoginThrottle(settings, new LoginThrottleStore(dataSource), clock);
  }
}
