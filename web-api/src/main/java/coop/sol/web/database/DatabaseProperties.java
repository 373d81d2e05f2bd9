package coop.sol.web.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded database ({@code sol.database.*}).
 *
 * @param watchdogInterval how often the embedded PostgreSQL is checked, and restarted if it died;
 *     zero turns the watchdog off
 */
@ConfigurationProperties("sol.database")
public record DatabaseProperties(@DefaultValue("1s") Duration watchdogInterval) {
  public DatabaseProperties {
    if (watchdogInterval.isNegative()) {
      throw new IllegalArgumentException("sol.database.watchdog-interval must not be negative");
    }
  }
}
