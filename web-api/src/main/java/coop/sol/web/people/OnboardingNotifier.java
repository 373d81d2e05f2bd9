package coop.sol.web.people;

import java.time.Instant;

/**
 * Where onboarding tells a person about their access outside the response that issued it: the seam
 * for email, implemented by {@code coop.sol.web.notice.OnboardingMail} (an in-app notice, and an
 * email only when SMTP is configured and the person has an address); the default ({@link
 * OnboardingConfiguration}), used when no other bean is there, does nothing.
 *
 * <p>Called after the transaction that issued the activation has committed, never with a stored
 * secret: the code is the one just generated, which exists nowhere else. An implementation must not
 * log it, and must not let a mail failure undo the enrolment (catch, log without the code, and let
 * the coordinator print the letter).
 */
public interface OnboardingNotifier {

  /**
   * A person received a new activation code: at their enrolment, or when a coordinator reset their
   * access.
   */
  void activationIssued(ActivationNotice notice);

  /**
   * What an activation email needs.
   *
   * @param email the person's address, or null when they gave none (then there is nobody to write
   *     to)
   * @param language "fr" or "en": the person's, else their network's
   * @param reset true when a coordinator reset the person's access (their old password no longer
   *     works), false at enrolment
   */
  record ActivationNotice(
      long personId,
      String username,
      String displayName,
      String email,
      String language,
      String networkName,
      String code,
      String link,
      Instant expiresAt,
      boolean reset) {
    @Override
    public String toString() {
      // never the code, should a notice end up in a log line
      return "ActivationNotice[" + username + ", expires " + expiresAt + "]";
    }
  }
}
