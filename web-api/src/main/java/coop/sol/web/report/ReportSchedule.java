package coop.sol.web.report;

import coop.sol.web.schedule.ScheduledRuns;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the reports' jobs run ({@code sol.reports.*}): the aggregator's catch-up every 30 s and the
 * signed checkpoints every hour by default. Absent with {@code sol.jobs.enabled=false} (the tests'
 * setting), like the operations' jobs. Each period's run happens on one instance ({@link
 * ScheduledRuns}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "sol.jobs.enabled", matchIfMissing = true)
class ReportSchedule {
  private final ReportJobs jobs;
  private final ScheduledRuns runs;
  private final Duration catchUpInterval;
  private final Duration checkpointInterval;

  ReportSchedule(
      ReportJobs jobs,
      ScheduledRuns runs,
      @Value("${sol.reports.catch-up-interval:30s}") Duration catchUpInterval,
      @Value("${sol.reports.checkpoint-interval:1h}") Duration checkpointInterval) {
    this.jobs = jobs;
    this.runs = runs;
    this.catchUpInterval = catchUpInterval;
    this.checkpointInterval = checkpointInterval;
  }

  @Scheduled(
      initialDelayString = "${sol.reports.catch-up-interval:30s}",
      fixedDelayString = "${sol.reports.catch-up-interval:30s}")
  void catchUp() {
    runs.runOncePer("report-catch-up", catchUpInterval, jobs::catchUp);
  }

  @Scheduled(
      initialDelayString = "${sol.reports.checkpoint-interval:1h}",
      fixedDelayString = "${sol.reports.checkpoint-interval:1h}")
  void checkpoints() {
    runs.runOncePer("checkpoints", checkpointInterval, jobs::checkpointAll);
  }
}
