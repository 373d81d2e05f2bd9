package coop.sol.web.notice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the notices' jobs run ({@code sol.mail.*}): the email outbox (what a first attempt left, and
 * the retries), and the fonte-coming notices (daily; once per period whatever the instances).
 * Absent with {@code sol.jobs.enabled=false}, like the other jobs; the tests call them.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class NoticeSchedule {
  private final NoticeMail mail;
  private final FonteComing fonteComing;

  NoticeSchedule(NoticeMail mail, FonteComing fonteComing) {
    this.mail = mail;
    this.fonteComing = fonteComing;
  }

  @Scheduled(
      initialDelayString = "${sol.mail.outbox-interval:30s}",
      fixedDelayString = "${sol.mail.outbox-interval:30s}")
  void sendOutbox() {
    mail.sendDue();
  }

  @Scheduled(
      cron = "${sol.mail.fonte-coming-cron:0 0 9 * * *}",
      zone = "${sol.fonte.zone:Europe/Paris}")
  void tellFonteComing() {
    fonteComing.run();
  }
}
