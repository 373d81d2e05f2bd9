package coop.sol.web.notice;

import java.time.Instant;
import java.util.Optional;

/**
 * The seam between "forgot password" and activation: issues a person a new activation — a one-time
 * link to choose their password, which ends the old password, sessions and tokens once used — and
 * answers its link. Implemented by {@link OnboardingMail} through onboarding's activation codes;
 * {@link #NONE} issues nothing (no reset email is sent).
 */
public interface ActivationLinks {
  /** Issues nothing: password resets by email wait for activation codes. */
  ActivationLinks NONE = (userId, clientAddress) -> Optional.empty();

  /**
   * A new activation for the user; empty if none can be issued.
   *
   * @param clientAddress whence the request came (for the audit entry)
   */
  Optional<Link> newActivation(long userId, String clientAddress);

  /**
   * @param url the link to open (holds the one-time code: never logged, never stored here)
   */
  record Link(String url, Instant expiresAt) {}
}
