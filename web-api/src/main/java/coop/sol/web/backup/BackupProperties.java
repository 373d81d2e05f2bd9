package coop.sol.web.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online backups of the embedded PostgreSQL ({@code sol.backup.*}).
 *
 * @param cron when to take one by itself: a Spring cron expression (second, minute, hour, day of
 *     month, month, day of week; {@code "0 30 3 * * *"} is 03:30 every day); empty for never
 * @param keep how many backups to keep in {@code <data-dir>/backups}: after each new one the oldest
 *     beyond this number are deleted; 0 keeps them all
 */
@ConfigurationProperties("sol.backup")
public record BackupProperties(@DefaultValue("") String cron, @DefaultValue("7") int keep) {
  public BackupProperties {
    if (keep < 0) {
      throw new IllegalArgumentException("sol.backup.keep must be 0 (keep all) or more");
    }
  }
}
