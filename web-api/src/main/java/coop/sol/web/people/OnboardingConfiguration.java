package coop.sol.web.people;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default {@link OnboardingNotifier}: none, until email is configured by another bean. */
@Configuration(proxyBeanMethods = false)
class OnboardingConfiguration {

  @Bean
  @ConditionalOnMissingBean(OnboardingNotifier.class)
  OnboardingNotifier noOnboardingNotifier() {
    return notice -> {
      // no email: the person gets the code on the letter or from whoever enrolled them
    };
  }
}
