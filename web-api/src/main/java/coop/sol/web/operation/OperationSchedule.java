package coop.sol.web.operation;

import coop.sol.web.schedule.ScheduledRuns;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the operations' jobs run ({@code sol.jobs.*}, {@code sol.fonte.*}; see the README's
 * configuration table). Absent with {@code sol.jobs.enabled=false} (the tests' setting), so that
 * nothing changes balances behind a test's back; the jobs themselves stay callable. Every instance
 * schedules them; each period's run happens on one instance ({@link ScheduledRuns}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class OperationSchedule {
  private final OperationJobs jobs;
  private final ScheduledRuns runs;
  private final Duration pendingExpiryInterval;
  private final Duration voucherExpiryInterval;
  private final CronExpression fonteCron;
  private final ZoneId fonteZone;

  OperationSchedule(
      OperationJobs jobs,
      ScheduledRuns runs,
      @Value("${sol.jobs.pending-expiry-interval:5s}") Duration pendingExpiryInterval,
      @Value("${sol.jobs.voucher-expiry-interval:10m}") Duration voucherExpiryInterval,
      @Value("${sol.fonte.cron:0 30 3 * * *}") String fonteCron,
      @Value("${sol.fonte.zone:Europe/Paris}") String fonteZone) {
    this.jobs = jobs;
    this.runs = runs;
    this.pendingExpiryInterval = pendingExpiryInterval;
    this.voucherExpiryInterval = voucherExpiryInterval;
    this.fonteCron = CronExpression.parse(fonteCron);
    this.fonteZone = ZoneId.of(fonteZone);
  }

  @Scheduled(
      initialDelayString = "${sol.jobs.pending-expiry-interval:5s}",
      fixedDelayString = "${sol.jobs.pending-expiry-interval:5s}")
  void expirePendingTransfers() {
    runs.runOncePer("pending-expiry", pendingExpiryInterval, jobs::expirePendingTransfers);
  }

  @Scheduled(
      initialDelayString = "${sol.jobs.voucher-expiry-interval:10m}",
      fixedDelayString = "${sol.jobs.voucher-expiry-interval:10m}")
  void expireVouchers() {
    runs.runOncePer("voucher-expiry", voucherExpiryInterval, jobs::expireVouchers);
  }

  @Scheduled(cron = "${sol.fonte.cron:0 30 3 * * *}", zone = "${sol.fonte.zone:Europe/Paris}")
  void runDueFonte() {
    runs.runOncePer("fonte", fonteCron, fonteZone, jobs::runDueFonte);
  }
}
