package coop.sol.web.backup;

import coop.sol.web.schedule.ScheduledRuns;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Takes a backup at the times of {@code sol.backup.cron}, while the application serves requests
 * (never in one-shot commands), on one instance per time ({@link ScheduledRuns}; only an instance
 * that runs the embedded database takes backups). A failed backup is logged and the next one comes
 * at its time.
 */
@Component
@ConditionalOnWebApplication
class BackupSchedule implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

  private final ThreadPoolTaskScheduler scheduler;

  BackupSchedule(Backups backups, BackupProperties settings, ScheduledRuns runs) {
    if (settings.cron().isBlank()) {
      scheduler = null;
      return;
    }
    // parsed now, so that a mistyped expression stops the start rather than every backup
    CronTrigger trigger = new CronTrigger(settings.cron());
    if (!backups.available()) {
      log.warn(
          "sol.backup.cron is set but the database is external: back it up with PostgreSQL's"
              + " tools (pg_basebackup, pg_dump); no backup will be taken here");
      scheduler = null;
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("backup-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    scheduler.schedule(
        () -> {
          try {
            runs.runOncePer(
                "backup",
                CronExpression.parse(settings.cron()),
                ZoneId.systemDefault(),
                () -> backups.create(Backups.Requester.SCHEDULE));
          } catch (RuntimeException e) {
            log.error("Scheduled backup failed", e);
          }
        },
        trigger);
    log.info("Backups scheduled at '{}' into {}", settings.cron(), backups.directory());
  }

  @Override
  public void destroy() {
    if (scheduler != null) {
      scheduler.shutdown();
    }
  }
}
