package coop.sol.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application tests run on a {@link MovableClock}. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {
  @Bean
  @Primary
  MovableClock movableClock() {
    return new MovableClock();
  }
}
