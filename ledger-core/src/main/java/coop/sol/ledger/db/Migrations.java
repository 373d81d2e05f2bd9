package coop.sol.ledger.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the SQL migrations of the {@code migrations} module (classpath:db/migration). */
public final class Migrations {
  private Migrations() {}

  public static void apply(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }
}
