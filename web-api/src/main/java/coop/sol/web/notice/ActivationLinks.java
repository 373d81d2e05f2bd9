package coop.sol.web.notice;

import java.time.Instant;
import java.util.Optional;

/**
 * The seam between "forgot password" and activation: issues a person a new activation — a one-time
 * link to choose their password, which ends the old password, sessions and tokens once used — and
 * answers its link. Onboarding (activation codes, {@code /auth/activate}) provides the
 * implementation; until it does, {@link #NONE} issues nothing and no reset email is sent.
 */
public interface ActivationLinks {
  /** Issues nothing: password resets by email wait for activation codes. */
  ActivationLinks NONE = userId -> Optional.empty();

  /** A new activation for the user; empty if none can be issued. */
  Optional<Link> newActivation(long userId);

  /**
   * @param url the link to open (holds the one-time code: never logged, never stored here)
   */
  record Link(String url, Instant expiresAt) {}
}
