package coop.sol.web.notice;

import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.Notice;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * "Forgot password": given an email address, sends its owner a link to choose a new password (a new
 * activation, {@link ActivationLinks}), if the installation sends email and exactly one enabled
 * person has that address. Whatever the address, the caller learns nothing: the answer is the same,
 * and the lookup and the sending run on the mail thread, after the answer. The link changes nothing
 * of the person's access until it is used: whoever knows an address cannot lock its owner out. At
 * most one link per person every quarter hour and one live link at a time, counted in the database
 * when the link is issued ({@code People.requestReset}), so the form cannot flood a mailbox,
 * whichever instance answers.
 */
@Component
public class PasswordResets {
  private final Notices notices;
  private final NoticeMail mail;
  private final Mailer mailer;
  private final ObjectProvider<ActivationLinks> links;
  private final Clock clock;

  PasswordResets(
      Notices notices,
      NoticeMail mail,
      Mailer mailer,
      ObjectProvider<ActivationLinks> links,
      Clock clock) {
    this.notices = notices;
    this.mail = mail;
    this.mailer = mailer;
    this.links = links;
    this.clock = clock;
  }

  /** Whether resets by email are possible here (SMTP configured). */
  public boolean available() {
    return mailer.enabled();
  }

  /**
   * Handles a request for {@code email}, later and out of the caller's sight.
   *
   * @param clientAddress whence the request came, for the audit entry of the reset
   */
  public void request(String email, String clientAddress) {
    if (!mailer.enabled() || email == null || email.isBlank() || email.length() > 254) {
      return;
    }
    mail.later(() -> send(email.strip(), clientAddress));
  }

  private void send(String email, String clientAddress) {
    Optional<Contact> contact = notices.contactByEmail(email);
    if (contact.isEmpty()) {
      return;
    }
    // the link first: issuing it is where the database counts (at most one per quarter hour and
    // one live link per person), and it changes nothing of the person's access until it is used
    Optional<ActivationLinks.Link> link =
        links
            .getIfAvailable(() -> ActivationLinks.NONE)
            .newActivation(contact.get().userId(), clientAddress);
    if (link.isEmpty()) {
      return; // a link was issued to them less than a quarter hour ago (or none can be)
    }
    Instant now = clock.instant();
    Optional<Notice> notice =
        notices.record(
            contact.get().userId(),
            null,
            NoticeKind.PASSWORD_RESET,
            "reset:" + link.get().expiresAt().toEpochMilli(),
            Map.of("expiresAt", link.get().expiresAt().toString()),
            false,
            now);
    if (notice.isPresent()) {
      mail.sendLinkNow(contact.get(), notice.get(), link.get());
    }
  }
}
