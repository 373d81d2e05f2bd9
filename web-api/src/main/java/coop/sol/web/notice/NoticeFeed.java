package coop.sol.web.notice;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriteObserver;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hears the ledger's committed payments and grants (the writer calls it once a submission's outcome
 * is durable) and records the notices they call for, on a thread of its own: a merchant who asked
 * is told of each payment received, a member of vouchers received. The writer never waits for it;
 * if its queue is full (the database is far behind) notices are dropped with a warning, never a
 * payment. A notice is recorded once per person and transfer. (A process that stops between a
 * commit and its notices loses those notices: they are information, the journal is the record.)
 */
@Component
class NoticeFeed implements WriteObserver {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeFeed.class);

  private final ObjectProvider<Ledger> ledger;
  private final Notices notices;
  private final NoticeMail mail;
  private final Mailer mailer;
  private final Clock clock;
  private final ThreadPoolExecutor thread =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "sol-notices");
            t.setDaemon(true);
            return t;
          },
          (r, executor) -> dropped());

  /** When a drop was last logged (System.nanoTime), so a long overload logs once a minute. */
  private static final java.util.concurrent.atomic.AtomicLong LAST_DROP_LOGGED =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 120_000_000_000L);

  private static void dropped() {
    long now = System.nanoTime();
    long last = LAST_DROP_LOGGED.get();
    if (now - last > 60_000_000_000L && LAST_DROP_LOGGED.compareAndSet(last, now)) {
      LOG.warn("Notices dropped: their queue is full (the database is far behind the payments)");
    }
  }

  NoticeFeed(
      ObjectProvider<Ledger> ledger, Notices notices, NoticeMail mail, Mailer mailer, Clock clock) {
    this.ledger = ledger;
    this.notices = notices;
    this.mail = mail;
    this.mailer = mailer;
    this.clock = clock;
  }

  @Override
  public void submissionDecided(List<TransferOutcome> outcomes, long nanos) {
    List<Transfer> told = null;
    for (TransferOutcome outcome : outcomes) {
      if (outcome instanceof TransferOutcome.Posted posted
          && !posted.replayed()
          && (posted.transfer().code() == TransferCode.PAYMENT
              || posted.transfer().code() == TransferCode.GRANT)) {
        if (told == null) {
          told = new ArrayList<>();
        }
        told.add(posted.transfer());
      }
    }
    if (told != null) {
      List<Transfer> transfers = told;
      thread.execute(() -> record(transfers));
    }
  }

  private void record(List<Transfer> transfers) {
    Map<Credited, Account> credited;
    try {
      credited = credited(transfers);
    } catch (RuntimeException e) {
      LOG.warn("No notice for {} transfers: {}", transfers.size(), e.toString());
      return;
    }
    boolean email = false;
    for (Transfer t : transfers) {
      try {
        Account credit = credited.get(new Credited(t.network(), t.credit()));
        email |= credit != null && record(t, credit);
      } catch (RuntimeException e) {
        LOG.warn("No notice for transfer {}: {}", t.id(), e.toString());
      }
    }
    if (email) {
      mail.soon();
    }
  }

  /** An account credited by a transfer, as the transfer names it. */
  private record Credited(NetworkId network, AccountId account) {}

  /**
   * The accounts {@code transfers} credit, read in one round trip: most payments call for no
   * notice, and reading each payee on its own cost a query per payment (6 % of the application's
   * CPU in a profile of payments among members).
   */
  private Map<Credited, Account> credited(List<Transfer> transfers) {
    Set<NetworkId> networks = new HashSet<>();
    Set<AccountId> ids = new HashSet<>();
    for (Transfer t : transfers) {
      networks.add(t.network());
      ids.add(t.credit());
    }
    Map<Credited, Account> credited = new HashMap<>();
    for (Account a : ledger.getObject().accounts().findIn(networks, ids)) {
      credited.put(new Credited(a.network(), a.id()), a);
    }
    return credited;
  }

  /** Records the notice {@code t} calls for, if any; whether it is to be emailed. */
  private boolean record(Transfer t, Account credit) {
    NoticeKind kind;
    if (t.code() == TransferCode.PAYMENT && credit.ownerKind() == OwnerKind.MERCHANT) {
      kind = NoticeKind.PAYMENT_RECEIVED;
    } else if (t.code() == TransferCode.GRANT && credit.ownerKind() == OwnerKind.MEMBER) {
      kind = NoticeKind.VOUCHER_RECEIVED;
    } else {
      return false;
    }
    Optional<Contact> contact = notices.contact(credit.ownerRef());
    if (contact.isEmpty() || !contact.get().enabled()) {
      return false;
    }
    boolean wanted = contact.get().preferences().wants(kind);
    if (kind == NoticeKind.PAYMENT_RECEIVED && !wanted) {
      return false; // a till's every payment is noticed only by merchants who asked
    }
    Network network = ledger.getObject().networks().find(t.network()).orElseThrow();
    boolean email = wanted && mailer.enabled() && contact.get().email().isPresent();
    return notices
            .record(
                contact.get().userId(),
                t.network(),
                kind,
                "transfer:" + t.id().value(),
                Map.of(
                    "amount", Decimals.format(t.amount(), network.scale(t.strand())),
                    "strand", t.strand().name(),
                    "network", network.name(),
                    "memo", t.memo(),
                    "transferId", Long.toString(t.id().value())),
                email,
                clock.instant())
            .isPresent()
        && email;
  }

  @PreDestroy
  void stop() {
    thread.shutdown();
  }
}
