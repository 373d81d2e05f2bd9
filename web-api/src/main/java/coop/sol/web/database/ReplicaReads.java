package coop.sol.web.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.db.ReadSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The optional read replica ({@code sol.database.replica-url}): a second pool on a PostgreSQL
 * streaming replica, its lag measured every {@code replica-check-interval}, and the {@link
 * ReadSource} the ledger reads through. Reads that may lag ({@link ReadSource.Freshness#MAY_LAG}:
 * reports, charts, exports, history pages, the directory) run on the replica while it answers and
 * is at most {@code replica-max-lag} behind; otherwise, and for every other read, on the primary.
 * Without a replica there is one pool and every read is the primary's, as before.
 *
 * <p><b>How the lag is measured.</b> Each check reads the primary's WAL flush position ({@code
 * pg_current_wal_flush_lsn()}), remembers it with the time of the check, then reads the position
 * the replica has replayed ({@code pg_last_wal_replay_lsn()}). The lag is the age of the oldest
 * remembered position the replica has not replayed yet: zero when it has replayed everything the
 * primary had flushed at the previous check, so an idle primary never looks behind (unlike {@code
 * now() - pg_last_xact_replay_timestamp()}, which grows while nothing is written). It is measured
 * to within one check interval, on the application's clock. A read is sent to the replica only
 * while the last lag measured plus the time since that check is within the bound, so a stalled
 * check does not keep a stale replica in use.
 *
 * <p>A replica that refuses a connection is marked down at once and the read goes to the primary;
 * the next check that reaches it puts it back in service. A server that is not in recovery (a
 * promoted replica) is not used: it no longer follows the primary. Both are also found out before
 * each read, by the one round trip that checks the replica's connection ({@link Routing}).
 */
public final class ReplicaReads implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);

  /** Remembered primary positions at most (a day at one check a second is 86,400). */
  private static final int MAX_SAMPLES = 100_000;

  /** What the installation knows of its replica. */
  public enum State {
    /** No replica configured: every read is the primary's. */
    NONE,
    /** Not checked yet. */
    UNKNOWN,
    /** Answering and within the bound: reads that may lag go to it. */
    CURRENT,
    /** Answering but behind by more than the bound: reads go to the primary. */
    LAGGING,
    /** Not answering (or the primary's position could not be read): reads go to the primary. */
    DOWN,
    /** Answering, but not in recovery: not a replica (any more), reads go to the primary. */
    NOT_A_REPLICA
  }

  /**
   * The replica as last checked.
   *
   * @param lag how far behind it was (null when unknown)
   * @param checkedAt when (null before the first check)
   * @param detail why it is down, in the driver's words (never a password), or null
   */
  public record Status(State state, Duration lag, Instant checkedAt, String detail) {}

  /** Where the replica is, for people: host, port and database, never the URL's parameters. */
  public record Location(String host, String port, String database) {}

  private record Sample(Instant at, long lsn) {}

  private final DataSource primary;
  private final HikariDataSource replica;
  private final Location location;
  private final Clock clock;
  private final Duration maxLag;
  private final ReadSource readSource;
  private final ScheduledExecutorService checker;
  private final Deque<Sample> unreplayed = new ArrayDeque<>();
  private final Counter replicaReads;
  private final Counter primaryReads;
  private volatile Status status;

  ReplicaReads(
      DataSource primary, DatabaseProperties settings, Clock clock, MeterRegistry registry) {
    this.primary = primary;
    this.clock = clock;
    this.maxLag = settings.replicaMaxLag();
    if (!settings.hasReplica()) {
      this.replica = null;
      this.location = null;
      this.readSource = ReadSource.primaryOnly(primary);
      this.checker = null;
      this.status = new Status(State.NONE, null, null, null);
      this.replicaReads = null;
      this.primaryReads = null;
      return;
    }
    this.location = location(settings.replicaUrl());
    this.replica = pool(primary, settings.replicaUrl());
    this.readSource = ReadSource.of(primary, new Routing());
    this.status = new Status(State.UNKNOWN, null, null, null);
    TimeGauge.builder(
            "sol.database.replica.lag",
            this,
            TimeUnit.MILLISECONDS,
            r -> r.status.lag() == null ? Double.NaN : r.status.lag().toMillis())
        .description("How far the read replica is behind the primary (NaN while down)")
        .register(registry);
    Gauge.builder("sol.database.replica.in.service", this, r -> r.inService() ? 1 : 0)
        .description("1 while reads that may lag are sent to the replica, else 0")
        .register(registry);
    this.replicaReads =
        Counter.builder("sol.database.replica.reads")
            .tag("source", "replica")
            .description("Reads that may lag, by the server that served them")
            .register(registry);
    this.primaryReads =
        Counter.builder("sol.database.replica.reads").tag("source", "primary").register(registry);
    this.checker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "replica-lag");
              t.setDaemon(true);
              return t;
            });
    long every = settings.replicaCheckInterval().toMillis();
    checker.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    log.info(
        "Read replica {}:{}/{}: reports, charts, exports, history and the directory read there"
            + " while it is at most {} behind",
        location.host(),
        location.port(),
        location.database(),
        maxLag);
  }

  /**
   * The replica's pool: the primary's settings (user, password, session options, time limits), a
   * shorter wait for a connection (a replica that does not answer sends the read to the primary
   * after 1 s at most), read-only, and no failure at start when the replica is down.
   */
  private static HikariDataSource pool(DataSource primary, String url) {
    HikariDataSource settings;
    try {
      settings = primary.unwrap(HikariDataSource.class);
    } catch (SQLException e) {
      throw new IllegalStateException("the application's pool is HikariCP's", e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(settings.getUsername());
    config.setPassword(settings.getPassword());
    // a copy: the primary's own properties must not change
    Properties properties = new Properties();
    properties.putAll(settings.getDataSourceProperties());
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("ApplicationName", "sol-replica");
    config.setDataSourceProperties(properties);
    config.setPoolName("sol-replica");
    config.setReadOnly(true);
    config.setConnectionTimeout(1_000);
    config.setValidationTimeout(1_000);
    config.setMaximumPoolSize(Math.max(2, settings.getMaximumPoolSize() / 2));
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static Location location(String url) {
    Properties parsed = Driver.parseURL(url, null);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "sol.database.replica-url is not a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
    }
    return new Location(
        parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"), parsed.getProperty("PGDBNAME"));
  }

  /** Where the ledger reads: the primary, and the replica for reads that may lag. */
  public ReadSource readSource() {
    return readSource;
  }

  /** Whether a replica is configured. */
  public boolean configured() {
    return replica != null;
  }

  /** Host, port and database of the replica; null without one. */
  public Location location() {
    return location;
  }

  /** The bound beyond which the replica is not read. */
  public Duration maxLag() {
    return maxLag;
  }

  public Status status() {
    return status;
  }

  /**
   * Whether reads that may lag go to the replica now: it answered the last check, in recovery, and
   * its lag then plus the time since is within the bound.
   */
  public boolean inService() {
    Status s = status;
    if (s.state() != State.CURRENT) {
      return false;
    }
    Duration since = Duration.between(s.checkedAt(), clock.instant());
    return s.lag().plus(since.isNegative() ? Duration.ZERO : since).compareTo(maxLag) <= 0;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("Replica check failed: {}", e.toString());
    }
  }

  /** Measures the replica's lag now (also run every check interval by a thread of its own). */
  public synchronized Status check() {
    if (replica == null) {
      return status;
    }
    Instant now = clock.instant();
    long primaryLsn;
    try (Connection c = primary.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_current_wal_flush_lsn()::text")) {
      r.next();
      primaryLsn = lsn(r.getString(1));
    } catch (SQLException e) {
      return update(new Status(State.DOWN, null, now, "primary: " + e.getMessage()));
    }
    if (unreplayed.size() < MAX_SAMPLES
        && (unreplayed.isEmpty() || unreplayed.peekLast().lsn() < primaryLsn)) {
      unreplayed.addLast(new Sample(now, primaryLsn));
    }
    boolean inRecovery;
    String replayed;
    try (Connection c = replica.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
      r.next();
      inRecovery = r.getBoolean(1);
      replayed = r.getString(2);
    } catch (SQLException e) {
      return update(new Status(State.DOWN, null, now, e.getMessage()));
    }
    if (!inRecovery || replayed == null) {
      return update(new Status(State.NOT_A_REPLICA, null, now, null));
    }
    long replayLsn = lsn(replayed);
    while (!unreplayed.isEmpty() && unreplayed.peekFirst().lsn() <= replayLsn) {
      unreplayed.removeFirst();
    }
    Duration lag =
        unreplayed.isEmpty() ? Duration.ZERO : Duration.between(unreplayed.peekFirst().at(), now);
    return update(
        new Status(lag.compareTo(maxLag) <= 0 ? State.CURRENT : State.LAGGING, lag, now, null));
  }

  private Status update(Status next) {
    State before = status.state();
    status = next;
    if (before != next.state()) {
      log.info(
          "Read replica {} (lag {}){}",
          next.state(),
          next.lag(),
          next.detail() == null ? "" : ": " + next.detail());
    }
    return next;
  }

  /** A WAL position ({@code 16/B374D848}) as one number. */
  static long lsn(String text) {
    int slash = text.indexOf('/');
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }

  @Override
  public void close() {
    if (checker != null) {
      checker.shutdownNow();
    }
    if (replica != null) {
      replica.close();
    }
  }

  /**
   * The data source of the reads that may lag: a connection of the replica while it is in service,
   * else of the primary. Before each read one round trip asks the replica whether it is still in
   * recovery: a replica that refuses the connection or does not answer is marked down, one that
   * answers but has been promoted is marked {@link State#NOT_A_REPLICA}, and the primary's
   * connection is given instead, so that a read never fails because the replica has gone and is
   * never served by a promoted server whose data no longer follows the primary's. A replica dying
   * during a query fails that one query: the client gets 503 {@code DATABASE_UNAVAILABLE} with
   * {@code Retry-After}, and its retry is served by the primary (docs/reliability.md).
   */
  private final class Routing extends AbstractDataSource {
    @Override
    public Connection getConnection() throws SQLException {
      if (inService()) {
        try {
          Connection c = replica.getConnection();
          // the pool hands a connection used in the last half second out unchecked: a replica
          // that has just died would fail the read itself, and one just promoted would serve it
          // from data that no longer follows the primary, so one round trip checks both first
          boolean inRecovery;
          try {
            inRecovery = inRecovery(c);
          } catch (SQLException e) {
            replica.evictConnection(c);
            throw e;
          }
          if (inRecovery) {
            replicaReads.increment();
            return c;
          }
          synchronized (ReplicaReads.this) {
            update(new Status(State.NOT_A_REPLICA, null, clock.instant(), null));
          }
          replica.evictConnection(c);
        } catch (SQLException e) {
          synchronized (ReplicaReads.this) {
            update(new Status(State.DOWN, null, clock.instant(), e.getMessage()));
          }
        }
      }
      primaryReads.increment();
      return primary.getConnection();
    }

    /**
     * Whether the server of {@code c} is still in recovery, waiting at most 1 s for the answer (as
     * {@link Connection#isValid} would) and then giving the connection its own time limit back.
     */
    private boolean inRecovery(Connection c) throws SQLException {
      int timeout = c.getNetworkTimeout();
      c.setNetworkTimeout(Runnable::run, 1_000);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
        return r.next() && r.getBoolean(1);
      } finally {
        c.setNetworkTimeout(Runnable::run, timeout);
      }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLException("the replica's reads use the pools' own credentials");
    }
  }
}
