package coop.sol.web.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Purges the login counts that no longer matter, every ten minutes (with the other jobs: absent
 * with {@code sol.jobs.enabled=false}). Idempotent: instances may purge at the same time.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class LoginThrottlePurge {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottlePurge.class);

  private final LoginThrottle throttle;

  LoginThrottlePurge(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void purge() {
    int purged = throttle.purge();
    if (purged > 0) {
      log.debug("Forgot {} login counts", purged);
    }
  }
}
