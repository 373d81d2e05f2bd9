package coop.sol.web.reliability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits that keep the application answering under load ({@code sol.reliability.*}).
 *
 * @param maxConcurrentRequests requests served at once; beyond, a request waits at most {@code
 *     queueWait} for a place, then is answered 503 OVERLOADED with Retry-After (the health probe is
 *     never limited)
 * @param maxConcurrentLogins of those, requests that check a password at once (HTTP Basic, token
 *     creation, the login form): each costs an Argon2id hash of 16 MiB and tens of milliseconds of
 *     a core
 * @param queueWait how long a request may wait for a place before it is shed
 * @param ledgerAnswerTimeout how long a request waits for the ledger's answer before it is answered
 *     503 LEDGER_TIMEOUT (the outcome is then unknown: retrying with the same Idempotency-Key is
 *     safe and tells)
 * @param contentSecurityPolicy the Content-Security-Policy header of every response
 */
@ConfigurationProperties("sol.reliability")
public record ReliabilityProperties(
    @DefaultValue("64") int maxConcurrentRequests,
    @DefaultValue("4") int maxConcurrentLogins,
    @DefaultValue("100ms") Duration queueWait,
    @DefaultValue("10s") Duration ledgerAnswerTimeout,
    @DefaultValue(SecurityHeaders.DEFAULT_POLICY) String contentSecurityPolicy) {

  public ReliabilityProperties {
    if (maxConcurrentRequests < 1 || maxConcurrentLogins < 1) {
      throw new IllegalArgumentException("sol.reliability limits must be at least 1");
    }
    if (queueWait.isNegative()
        || ledgerAnswerTimeout.isNegative()
        || ledgerAnswerTimeout.isZero()) {
      throw new IllegalArgumentException("sol.reliability durations must be positive");
    }
  }
}
