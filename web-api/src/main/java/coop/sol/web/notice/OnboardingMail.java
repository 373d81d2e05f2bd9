package coop.sol.web.notice;

import coop.sol.web.people.OnboardingNotifier;
import coop.sol.web.people.People;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Where onboarding meets email, both ways. As the {@link OnboardingNotifier}: each activation
 * issued at an enrolment or by a coordinator's reset is recorded as the person's in-app notice and,
 * when the installation sends email and the person has an address, emailed to them ({@link
 * NoticeMail#sendActivation}, on the mail thread). As the {@link ActivationLinks}: "forgot
 * password" issues a reset link through onboarding ({@link People#requestReset}: the current
 * password keeps working until the link is used), which {@link PasswordResets} emails.
 *
 * <p>The code is in the link only, which is emailed and never logged nor stored; a failure to
 * record or send never undoes the enrolment or reset, which has committed: the coordinator can
 * still print the letter.
 */
@Component
class OnboardingMail implements OnboardingNotifier, ActivationLinks {
  private static final Logger LOG = LoggerFactory.getLogger(OnboardingMail.class);

  private final NoticeMail mail;
  private final People people;

  // People calls this notifier: lazily, so that neither needs the other to be built first
  OnboardingMail(NoticeMail mail, @Lazy People people) {
    this.mail = mail;
    this.people = people;
  }

  @Override
  public void activationIssued(ActivationNotice notice) {
    try {
      mail.sendActivation(
          notice.personId(),
          new ActivationLinks.Link(notice.link(), notice.expiresAt()),
          "activation:" + notice.expiresAt().toEpochMilli());
    } catch (RuntimeException e) {
      // never the notice's code nor link: the exception's class and message only
      LOG.warn(
          "The activation notice of person {} could not be recorded ({}); their letter still"
              + " holds the code",
          notice.personId(),
          e.getClass().getSimpleName());
    }
  }

  @Override
  public Optional<Link> newActivation(long userId, String clientAddress) {
    return people
        .requestReset(userId, clientAddress)
        .map(issued -> new ActivationLinks.Link(issued.link(), issued.expiresAt()));
  }
}
