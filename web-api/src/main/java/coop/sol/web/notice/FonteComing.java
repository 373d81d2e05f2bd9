package coop.sol.web.notice;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.fonte.FonteCharge;
import coop.sol.ledger.fonte.FontePreview;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.notice.Contact;
import coop.sol.ledger.notice.NoticeKind;
import coop.sol.ledger.notice.Notices;
import coop.sol.ledger.settings.FonteRule;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells account holders, 7 days before a fonte period ends, what it would take from them: for each
 * network and strand whose period in progress ends within {@link #DAYS_BEFORE} days, the fonte's
 * projection (balances and idleness as of today; a payment before the end spares them). Once per
 * period whichever instance runs it, however often: the first to claim the period ({@code
 * notice_job_claim}) does it, and a notice is recorded once per account and period anyway.
 */
@Component
public class FonteComing {
  static final int DAYS_BEFORE = 7;
  static final String JOB = "FONTE_COMING";
  private static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final Ledger ledger;
  private final Operations operations;
  private final Notices notices;
  private final NoticeMail mail;
  private final Mailer mailer;
  private final Clock clock;

  FonteComing(
      Ledger ledger,
      Operations operations,
      Notices notices,
      NoticeMail mail,
      Mailer mailer,
      Clock clock) {
    this.ledger = ledger;
    this.operations = operations;
    this.notices = notices;
    this.mail = mail;
    this.clock = clock;
    this.mailer = mailer;
  }

  /** Runs every network's due notices; how many notices were recorded. */
  public int run() {
    int recorded = 0;
    for (Network network : ledger.networks().list()) {
      for (StrandKind strand : SOL_STRANDS) {
        recorded += run(network, strand);
      }
    }
    if (recorded > 0) {
      mail.soon();
    }
    return recorded;
  }

  private int run(Network network, StrandKind strand) {
    Optional<FonteRule> rule =
        operations.settings().fonteRule(network.id(), strand).map(v -> v.value());
    if (rule.isEmpty() || !rule.get().enabled()) {
      return 0;
    }
    Optional<FontePreview> projection = operations.fonte().projection(network.id(), strand);
    if (projection.isEmpty()) {
      return 0;
    }
    LocalDate end = projection.get().period().end();
    LocalDate today = LocalDate.ofInstant(clock.instant(), rule.get().zone());
    long daysLeft = ChronoUnit.DAYS.between(today, end);
    if (daysLeft > DAYS_BEFORE || daysLeft <= 0) {
      return 0;
    }
    if (!notices.claimJob(JOB, network.id(), strand, end, clock.instant())) {
      return 0; // another run (of this instance or another) did this period
    }
    int recorded = 0;
    for (FonteCharge charge : projection.get().charges()) {
      Optional<Contact> contact = notices.contact(charge.ownerRef());
      if (contact.isEmpty() || !contact.get().enabled()) {
        continue;
      }
      boolean email =
          contact.get().preferences().fonteComing()
              && mailer.enabled()
              && contact.get().email().isPresent();
      int scale = network.scale(strand);
      if (notices
          .record(
              contact.get().userId(),
              network.id(),
              NoticeKind.FONTE_COMING,
              "fonte:" + strand + ":" + end + ":" + charge.account().value(),
              Map.of(
                  "amount", Decimals.format(charge.amount(), scale),
                  "balance", Decimals.format(charge.balanceAtPeriodEnd(), scale),
                  "strand", strand.name(),
                  "network", network.name(),
                  "periodEnd", end.toString(),
                  "accountId", Long.toString(charge.account().value())),
              email,
              clock.instant())
          .isPresent()) {
        recorded++;
      }
    }
    return recorded;
  }
}
