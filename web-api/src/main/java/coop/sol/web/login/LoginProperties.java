package coop.sol.web.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling ({@code sol.security.login.*}).
 *
 * @param maxFailuresPerUsername failed logins for one username, each within {@code window} of the
 *     previous, after which that username is locked for {@code lockout}
 * @param maxFailuresPerAddress the same for one client address, whatever the usernames tried
 * @param window how long a failure is remembered after the last one
 * @param lockout how long a lock lasts
 */
@ConfigurationProperties("sol.security.login")
public record LoginProperties(
    @DefaultValue("5") int maxFailuresPerUsername,
    @DefaultValue("50") int maxFailuresPerAddress,
    @DefaultValue("15m") Duration window,
    @DefaultValue("15m") Duration lockout) {

  public LoginProperties {
    if (maxFailuresPerUsername < 1
        || maxFailuresPerAddress < 1
        || window.isNegative()
        || window.isZero()
        || lockout.isNegative()
        || lockout.isZero()) {
      throw new IllegalArgumentException("invalid sol.security.login settings");
    }
  }
}
