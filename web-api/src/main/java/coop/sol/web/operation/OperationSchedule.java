package coop.sol.web.operation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the operations' jobs run ({@code sol.jobs.*}, {@code sol.fonte.*}; see the README's
 * configuration table). Absent with {@code sol.jobs.enabled=false} (the tests' setting), so that
 * nothing changes balances behind a test's back; the jobs themselves stay callable.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class OperationSchedule {
  private final OperationJobs jobs;

  OperationSchedule(OperationJobs jobs) {
    this.jobs = jobs;
  }

  @Scheduled(
      initialDelayString = "${sol.jobs.pending-expiry-interval:5s}",
      fixedDelayString = "${sol.jobs.pending-expiry-interval:5s}")
  void expirePendingTransfers() {
    jobs.expirePendingTransfers();
  }

  @Scheduled(
      initialDelayString = "${sol.jobs.voucher-expiry-interval:10m}",
      fixedDelayString = "${sol.jobs.voucher-expiry-interval:10m}")
  void expireVouchers() {
    jobs.expireVouchers();
  }

  @Scheduled(cron = "${sol.fonte.cron:0 30 3 * * *}", zone = "${sol.fonte.zone:Europe/Paris}")
  void runDueFonte() {
    jobs.runDueFonte();
  }
}
