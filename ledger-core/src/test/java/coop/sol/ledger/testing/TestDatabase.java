package coop.sol.ledger.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.db.EmbeddedDatabase;
import coop.sol.ledger.db.Migrations;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

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
    return pool(pg, name);
  }

  /**
   * A new database migrated up to the last migration before {@code version}, to test that migration
   * on the data of the earlier schema ({@link coop.sol.ledger.db.Migrations#apply} then brings it
   * up to date).
   */
  public static HikariDataSource newDatabaseBefore(String version) {
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    EmbeddedDatabase pg = server();
    synchronized (TestDatabase.class) {
      execute(pg.dataSource("postgres"), "CREATE DATABASE " + name);
    }
    HikariDataSource pool = pool(pg, name);
    MigrationVersion next = MigrationVersion.fromVersion(version);
    MigrationVersion before =
        Arrays.stream(migrations(pool).load().info().all())
            .map(MigrationInfo::getVersion)
            .filter(v -> v.compareTo(next) < 0)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    migrations(pool).target(before).load().migrate();
    return pool;
  }

  private static FluentConfiguration migrations(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
  }

  private static HikariDataSource pool(EmbeddedDatabase pg, String name) {
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
