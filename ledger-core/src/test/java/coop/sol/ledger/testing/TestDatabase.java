package coop.sol.ledger.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.db.Migrations;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, with the migrations applied once to a template database;
 * each test class gets a fresh database copied from the template (fast, and isolated).
 */
public final class TestDatabase {
  private static final String TEMPLATE = "ledger_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabase() {}

  public static synchronized EmbeddedDatabase server() {
    if (server == null) {
      server = EmbeddedDatabase.temporary();
      execute(server.dataSource("postgres"), "CREATE DATABASE " + TEMPLATE);
      Migrations.apply(server.dataSource(TEMPLATE));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  /** A new, migrated database with a pooled data source. Close the pool when done. */
  public static HikariDataSource newDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    EmbeddedDatabase pg = server();
    synchronized (TestDatabase.class) {
      execute(pg.dataSource("postgres"), "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    }
    var config = new HikariConfig();
    config.setJdbcUrl(pg.jdbcUrl(name));
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(20);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  /** Runs SQL as the superuser, bypassing the ledger (to simulate tampering, or to inspect). */
  public static void execute(DataSource dataSource, String sql) {
    try (var c = dataSource.getConnection();
        var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
