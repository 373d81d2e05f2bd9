package coop.sol.web.login;

import coop.sol.web.schedule.ScheduledRuns;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Purges the login counts that no longer matter, every ten minutes (with the other jobs: absent
 * with {@code sol.jobs.enabled=false}), on one instance per period ({@link ScheduledRuns}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class LoginThrottlePurge {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottlePurge.class);

  private static final Duration EVERY = Duration.ofMinutes(10);

  private final LoginThrottle throttle;
  private final ScheduledRuns runs;

  LoginThrottlePurge(LoginThrottle throttle, ScheduledRuns runs) {
    this.throttle = throttle;
    this.runs = runs;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void purge() {
    runs.runOncePer(
        "login-throttle-purge",
        EVERY,
        () -> {
          int purged = throttle.purge();
          if (purged > 0) {
            log.debug("Forgot {} login counts", purged);
          }
        });
  }
}
