package coop.sol.web.report;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the reports' jobs run ({@code sol.reports.*}): the aggregator's catch-up every 30 s and the
 * signed checkpoints every hour by default. Absent with {@code sol.jobs.enabled=false} (the tests'
 * setting), like the operations' jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class ReportSchedule {
  private final ReportJobs jobs;

  ReportSchedule(ReportJobs jobs) {
    this.jobs = jobs;
  }

  @Scheduled(
      initialDelayString = "${sol.reports.catch-up-interval:30s}",
      fixedDelayString = "${sol.reports.catch-up-interval:30s}")
  void catchUp() {
    jobs.catchUp();
  }

  @Scheduled(
      initialDelayString = "${sol.reports.checkpoint-interval:1h}",
      fixedDelayString = "${sol.reports.checkpoint-interval:1h}")
  void checkpoints() {
    jobs.checkpointAll();
  }
}
