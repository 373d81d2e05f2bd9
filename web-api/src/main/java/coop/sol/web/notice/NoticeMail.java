package coop.sol.web.notice;

import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.Notice;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.web.payment.PublicUrl;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox's sender: emails the notices that are due ({@link #sendDue}, called by the schedule
 * and, soon after each new notice, on a thread of its own, never the caller's), and the emails with
 * a link, which are sent at once and never stored ({@link #sendLink}).
 */
@Component
public class NoticeMail {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeMail.class);
  private static final int BATCH = 50;

  private final Notices notices;
  private final Mailer mailer;
  private final PublicUrl url;
  private final Clock clock;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sol-mail");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean queued = new AtomicBoolean();

  NoticeMail(Notices notices, Mailer mailer, PublicUrl url, Clock clock) {
    this.notices = notices;
    this.mailer = mailer;
    this.url = url;
    this.clock = clock;
  }

  /** Emails every notice that is due now; how many were attempted. */
  public int sendDue() {
    if (!mailer.enabled()) {
      return 0;
    }
    int attempted = 0;
    int round;
    do {
      round = notices.sendDue(clock.instant(), BATCH, this::deliver);
      attempted += round;
    } while (round == BATCH);
    return attempted;
  }

  /** Asks for {@link #sendDue} on the mail thread, once however many ask meanwhile. */
  void soon() {
    if (mailer.enabled() && queued.compareAndSet(false, true)) {
      thread.execute(
          () -> {
            queued.set(false);
            try {
              sendDue();
            } catch (RuntimeException e) {
              LOG.warn("The email outbox could not be sent now; the schedule will retry", e);
            }
          });
    }
  }

  /**
   * Records a notice of an activation for the person and, if the installation sends email and they
   * have an address, emails them the link on the mail thread. The link is in the email only, never
   * stored; the notice records whether it was sent. (Onboarding calls this with each new
   * activation; {@link PasswordResets} for a reset.)
   */
  public void sendActivation(long userId, ActivationLinks.Link link, String key) {
    Optional<Contact> contact = notices.contact(userId);
    if (contact.isEmpty()) {
      return;
    }
    Optional<Notice> notice =
        notices.record(
            userId,
            null,
            NoticeKind.ACTIVATION,
            key,
            Map.of("expiresAt", link.expiresAt().toString()),
            false,
            clock.instant());
    if (notice.isPresent() && mailer.enabled() && contact.get().email().isPresent()) {
      later(() -> sendLinkNow(contact.get(), notice.get(), link));
    }
  }

  /** Runs {@code work} on the mail thread, its failures logged. */
  void later(Runnable work) {
    thread.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            LOG.warn("Email work failed", e);
          }
        });
  }

  /** Emails the link of {@code notice} (ACTIVATION or PASSWORD_RESET) now, on this thread. */
  void sendLinkNow(Contact contact, Notice notice, ActivationLinks.Link link) {
    if (contact.email().isEmpty()) {
      notices.recordSent(notice, Optional.of("no address"), clock.instant());
      return;
    }
    Map<String, Object> model = model(contact);
    model.put("link", link.url());
    model.put("expiresAt", link.expiresAt().toString());
    String language = Mailer.language(contact.language());
    Optional<String> error =
        mailer.send(
            contact.email().get(),
            mailer.render(language, template(notice.kind()), model),
            "notice " + notice.id());
    notices.recordSent(notice, error, clock.instant());
  }

  private Optional<String> deliver(Notice notice) {
    Optional<Contact> contact = notices.contact(notice.userId());
    if (contact.isEmpty() || !contact.get().enabled() || contact.get().email().isEmpty()) {
      return Optional.of("no address");
    }
    String language = Mailer.language(contact.get().language());
    Map<String, Object> model = model(contact.get());
    model.putAll(notice.params());
    model.put("strandLabel", strandLabel(language, notice.params().getOrDefault("strand", "")));
    return mailer.send(
        contact.get().email().get(),
        mailer.render(language, template(notice.kind()), model),
        "notice " + notice.id());
  }

  private Map<String, Object> model(Contact contact) {
    Map<String, Object> model = new HashMap<>();
    model.put("name", contact.displayName());
    model.put("url", url.base());
    return model;
  }

  static String template(NoticeKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String strandLabel(String language, String strand) {
    boolean en = language.equals("en");
    return switch (strand) {
      case "COOPERATION" -> en ? "SOL Cooperation" : "SOL Coopération";
      case "ENGAGEMENT" -> en ? "SOL Engagement" : "SOL Engagement";
      case "AFFECTE" -> en ? "SOL Earmarked" : "SOL Affecté";
      default -> "SOL";
    };
  }

  @PreDestroy
  void stop() {
    thread.shutdown();
  }
}
