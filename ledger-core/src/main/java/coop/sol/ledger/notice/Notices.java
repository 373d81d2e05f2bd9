package coop.sol.ledger.notice;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Records notices and runs their email outbox. A notice is recorded once per person, kind and event
 * (a retry records nothing); its email, when wanted, waits as PENDING until a sender claims it: one
 * sender per notice whichever instance, an attempt recorded whatever its outcome, retried after 1,
 * 2, 4 and 8 minutes, then FAILED.
 */
public final class Notices {
  /** Attempts to email a notice before it is marked FAILED. */
  public static final int MAX_ATTEMPTS = 5;

  private final NoticeStore store;

  public Notices(DataSource dataSource) {
    this.store = new NoticeStore(dataSource);
  }

  public Optional<Contact> contact(String username) {
    return store.contactByUsername(username);
  }

  public Optional<Contact> contact(long userId) {
    return store.contactById(userId);
  }

  /** The one enabled person with this email address; empty if none, or if several share it. */
  public Optional<Contact> contactByEmail(String email) {
    return store.contactByEmail(email);
  }

  /**
   * A person's own profile: display name, email (null: none), language ("fr", "en", null: the
   * installation's) and choices.
   */
  public void setContact(
      long userId,
      String displayName,
      String email,
      String language,
      Preferences preferences,
      Instant now) {
    store.setContact(userId, displayName, email, language, preferences, now);
  }

  /**
   * Records a notice for {@code userId}; {@code email} says whether to email it (PENDING) or not
   * (NONE). Empty if this person was already told of this event.
   */
  public Optional<Notice> record(
      long userId,
      NetworkId network,
      NoticeKind kind,
      String eventKey,
      Map<String, String> params,
      boolean email,
      Instant now) {
    return store.insert(
        userId,
        network == null ? null : network.value(),
        kind,
        eventKey,
        params,
        email ? EmailStatus.PENDING : EmailStatus.NONE,
        now);
  }

  /** The person's latest notices, newest first. */
  public List<Notice> latest(long userId, int limit) {
    return store.latest(userId, limit);
  }

  /** How many of the person's notices are still unread (what the pages' header counts). */
  public int unread(long userId) {
    return store.unread(userId);
  }

  /** Marks every notice of the person read; how many were unread. */
  public int markRead(long userId, Instant now) {
    return store.markRead(userId, now);
  }

  /**
   * Emails the notices that are due, one at a time, at most {@code limit}: each claimed by this
   * sender alone, given to {@code send} (which answers sent, or the failure without secrets), its
   * attempt recorded. Returns how many were attempted.
   */
  public int sendDue(Instant now, int limit, Function<Notice, Optional<String>> send) {
    int attempted = 0;
    while (attempted < limit) {
      Optional<Notice> one =
          store.sendOne(
              now,
              n -> {
                Optional<String> error = send.apply(n);
                if (error.isEmpty()) {
                  return EmailAttempt.delivered();
                }
                int attempt = n.emailAttempts() + 1;
                return EmailAttempt.failed(
                    error.get(),
                    attempt >= MAX_ATTEMPTS
                        ? Optional.empty()
                        : Optional.of(now.plus(Duration.ofMinutes(1L << (attempt - 1)))));
              });
      if (one.isEmpty()) {
        return attempted;
      }
      attempted++;
    }
    return attempted;
  }

  /**
   * Records the outcome of an email sent at once rather than through the outbox (an activation,
   * whose link is never stored): SENT, or FAILED with the error.
   */
  public void recordSent(Notice notice, Optional<String> error, Instant now) {
    store.recordAttempt(
        notice,
        error.isEmpty()
            ? EmailAttempt.delivered()
            : EmailAttempt.failed(error.get(), Optional.empty()),
        now);
  }

  /**
   * Claims a scheduled notice job for a network, strand and period: true for the one caller (of any
   * instance) whose claim is the first, false for everyone after.
   */
  public boolean claimJob(
      String job, NetworkId network, StrandKind strand, LocalDate periodEnd, Instant now) {
    return store.claimJob(job, network.value(), strand.id(), periodEnd, now);
  }
}
