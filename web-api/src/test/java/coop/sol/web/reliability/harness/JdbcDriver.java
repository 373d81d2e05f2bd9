package coop.sol.web.reliability.harness;

/**
 * Registers PostgreSQL's JDBC driver from the harness's own class loader. The harnesses run inside
 * Maven's JVM ({@code exec:java}), where {@code DriverManager} may already have looked its drivers
 * up with another class loader: on a fresh clone the build's jOOQ code generation does, and the
 * harness's first connection then failed with "No suitable driver".
 */
final class JdbcDriver {
  private JdbcDriver() {}

  static void load() {
    // loading the class registers it with DriverManager (its static initializer)
    org.postgresql.Driver.isRegistered();
  }
}
