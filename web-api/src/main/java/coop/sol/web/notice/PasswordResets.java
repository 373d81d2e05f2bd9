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
 * and the lookup and the sending run on the mail thread, after the answer. At most one link per
 * person every 15 minutes (the notice of the request is recorded once per quarter hour), so the
 * form cannot flood a mailbox.
 */
@Component
public class PasswordResets {
  private static final long WINDOW_SECONDS = 15 * 60;

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
    Instant now = clock.instant();
    Optional<Notice> notice =
        notices.record(
            contact.get().userId(),
            null,
            NoticeKind.PASSWORD_RESET,
            "reset:" + now.getEpochSecond() / WINDOW_SECONDS,
            Map.of(),
            false,
            now);
    if (notice.isEmpty()) {
      return; // a link was sent to them less than 15 minutes ago
    }
    Optional<ActivationLinks.Link> link =
        links
            .getIfAvailable(() -> ActivationLinks.NONE)
            .newActivation(contact.get().userId(), clientAddress);
    if (link.isEmpty()) {
      notices.recordSent(notice.get(), Optional.of("no activation link available"), now);
      return;
    }
    mail.sendLinkNow(contact.get(), notice.get(), link.get());
  }
}
