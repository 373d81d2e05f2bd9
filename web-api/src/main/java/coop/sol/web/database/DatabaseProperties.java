package coop.sol.web.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the database ({@code sol.database.*}): the embedded server's watchdog and the
 * optional read replica.
 *
 * @param watchdogInterval how often the embedded PostgreSQL is checked, and restarted if it died;
 *     zero turns the watchdog off
 * @param replicaUrl JDBC URL of a PostgreSQL streaming replica of the database ({@code
 *     SOL_DATABASE_REPLICA_URL}; user and password as for the primary). Empty: every read runs on
 *     the primary, with one pool
 * @param replicaMaxLag the reads that may lag go to the primary while the replica is this far
 *     behind, or more
 * @param replicaCheckInterval how often the replica's lag is measured
 */
@ConfigurationProperties("sol.database")
public record DatabaseProperties(
    @DefaultValue("1s") Duration watchdogInterval,
    String replicaUrl,
    @DefaultValue("5s") Duration replicaMaxLag,
    @DefaultValue("1s") Duration replicaCheckInterval) {
  public DatabaseProperties {
    if (watchdogInterval.isNegative()) {
      throw new IllegalArgumentException("sol.database.watchdog-interval must not be negative");
    }
    if (replicaMaxLag.isNegative() || replicaMaxLag.isZero()) {
      throw new IllegalArgumentException("sol.database.replica-max-lag must be positive");
    }
    if (replicaCheckInterval.isNegative() || replicaCheckInterval.isZero()) {
      throw new IllegalArgumentException("sol.database.replica-check-interval must be positive");
    }
    replicaUrl = replicaUrl == null || replicaUrl.isBlank() ? null : replicaUrl.strip();
  }

  /** Whether a read replica is configured. */
  public boolean hasReplica() {
    return replicaUrl != null;
  }
}
