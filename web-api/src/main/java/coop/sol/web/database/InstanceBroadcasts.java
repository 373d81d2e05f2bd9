package coop.sol.web.database;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.db.CommitNotice;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What one application instance tells every instance on the same database, through PostgreSQL's
 * {@code LISTEN}/{@code NOTIFY}: a token revoked, a payment request changed. Each instance keeps
 * one connection of its own (outside the pool) listening on every {@link Topic}, read by one daemon
 * thread ({@code PGConnection.getNotifications}); a lost connection is opened again.
 *
 * <p>Notices are hints for what an instance keeps in memory, never the truth: while this instance
 * is not listening (at start, or after a lost connection, until it listens again) {@link
 * #listening()} is false and caches must not be trusted, and on every (re)connection the {@link
 * #onReconnect reconnection handlers} run, since notices sent meanwhile were lost.
 */
@Component
public class InstanceBroadcasts implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(InstanceBroadcasts.class);

  /** How long one wait for notices lasts; also how often the connection is checked when quiet. */
  private static final int WAIT_MILLIS = 5_000;

  /** Pause before opening a lost connection again. */
  private static final long RECONNECT_MILLIS = 1_000;

  /** The channels, one per kind of notice. Payloads are short texts (ids). */
  public enum Topic {
    /** A token revoked ({@code token:<id>}), or a user's tokens to forget ({@code user:<id>}). */
    TOKENS("sol_tokens"),
    /** A payment request changed (its id). */
    PAYMENT_REQUESTS("sol_payment_requests");

    private final String channel;

    Topic(String channel) {
      this.channel = channel;
    }
  }

  private final DataSource pool;
  private final HikariDataSource settings;

  /** This instance, in its own notices, so that it does not handle them twice. */
  private final String self = UUID.randomUUID().toString();

  private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
  private final List<Runnable> reconnectHandlers = new CopyOnWriteArrayList<>();
  private volatile boolean listening;
  private volatile boolean stopped;
  private volatile Connection connection;
  private final Thread listener;

  public InstanceBroadcasts(DataSource dataSource) {
    this.pool = dataSource;
    this.settings = unwrap(dataSource);
    this.listener = new Thread(this::listen, "instance-broadcasts");
    listener.setDaemon(true);
    listener.start();
  }

  private static HikariDataSource unwrap(DataSource dataSource) {
    try {
      return dataSource.unwrap(HikariDataSource.class);
    } catch (SQLException e) {
      throw new IllegalStateException("the application's pool is HikariCP's", e);
    }
  }

  /** Whether this instance is listening now: if not, what it keeps in memory may be stale. */
  public boolean listening() {
    return listening;
  }

  /** {@code handler} is given the payload of every notice of {@code topic} from other instances. */
  public void subscribe(Topic topic, Consumer<String> handler) {
    handlers.computeIfAbsent(topic.channel, c -> new CopyOnWriteArrayList<>()).add(handler);
  }

  /**
   * {@code handler} runs each time listening (re)starts: notices sent before may have been lost.
   */
  public void onReconnect(Runnable handler) {
    reconnectHandlers.add(handler);
  }

  /**
   * Tells every other instance (on commit: at once, as this statement commits by itself). A failure
   * is logged, not thrown: the others' caches expire and their polls catch up.
   */
  public void publish(Topic topic, String payload) {
    try (Connection c = pool.getConnection();
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, topic.channel);
      notify.setString(2, self + " " + payload);
      notify.execute();
    } catch (SQLException e) {
      log.warn("Could not tell the other instances ({} {}): {}", topic, payload, e.toString());
    }
  }

  /**
   * The notice of {@code topic} that a store sends inside its own transaction ({@code pg_notify}):
   * every other instance gets it when that transaction commits, and never if it rolls back. Prefer
   * it to {@link #publish} when the change is one transaction's.
   */
  public CommitNotice onCommit(Topic topic, String payload) {
    return new CommitNotice(topic.channel, self + " " + payload);
  }

  private void listen() {
    boolean lostOnce = false;
    while (!stopped) {
      try (Connection c = open()) {
        connection = c;
        try (Statement listen = c.createStatement()) {
          for (Topic topic : Topic.values()) {
            listen.execute("LISTEN " + topic.channel);
          }
        }
        listening = true;
        if (lostOnce) {
          log.info("Listening to the other instances again");
        }
        reconnectHandlers.forEach(InstanceBroadcasts::runSafely);
        PGConnection notices = c.unwrap(PGConnection.class);
        while (!stopped) {
          PGNotification[] received = notices.getNotifications(WAIT_MILLIS);
          if (received == null || received.length == 0) {
            // quiet: make sure the connection is still there (a half-open one would stay silent)
            try (Statement check = c.createStatement()) {
              check.setQueryTimeout(WAIT_MILLIS / 1000);
              check.execute("SELECT 1");
            }
            continue;
          }
          for (PGNotification notice : received) {
            dispatch(notice);
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (stopped) {
          return;
        }
        if (!lostOnce) {
          log.warn("Not listening to the other instances ({}); trying again", e.toString());
        }
        lostOnce = true;
        reconnectHandlers.forEach(InstanceBroadcasts::runSafely);
        try {
          Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
        }
      } finally {
        listening = false;
        connection = null;
      }
    }
  }

  private Connection open() throws SQLException {
    Properties properties = new Properties();
    properties.putAll(settings.getDataSourceProperties());
    if (settings.getUsername() != null) {
      properties.setProperty("user", settings.getUsername());
    }
    if (settings.getPassword() != null) {
      properties.setProperty("password", settings.getPassword());
    }
    properties.setProperty("ApplicationName", "sol-instance-broadcasts");
    Connection c = DriverManager.getConnection(settings.getJdbcUrl(), properties);
    c.setAutoCommit(true);
    return c;
  }

  private void dispatch(PGNotification notice) {
    String payload = notice.getParameter();
    int space = payload.indexOf(' ');
    if (space < 0 || payload.substring(0, space).equals(self)) {
      return;
    }
    String value = payload.substring(space + 1);
    for (Consumer<String> handler : handlers.getOrDefault(notice.getName(), List.of())) {
      runSafely(() -> handler.accept(value));
    }
  }

  private static void runSafely(Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.warn("A handler of the other instances' notices failed", e);
    }
  }

  @Override
  public void destroy() {
    stopped = true;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    listener.interrupt();
  }
}
