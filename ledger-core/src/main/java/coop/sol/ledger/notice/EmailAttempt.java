package coop.sol.ledger.notice;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one attempt to email a notice.
 *
 * @param error why it failed, without secrets (empty when sent)
 * @param retryAt when to try again; empty for no more attempts
 */
public record EmailAttempt(boolean sent, String error, Optional<Instant> retryAt) {
  public static EmailAttempt delivered() {
    return new EmailAttempt(true, "", Optional.empty());
  }

  public static EmailAttempt failed(String error, Optional<Instant> retryAt) {
    return new EmailAttempt(false, error, retryAt);
  }
}
