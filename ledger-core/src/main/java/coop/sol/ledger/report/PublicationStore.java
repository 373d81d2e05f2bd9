package coop.sol.ledger.report;

import coop.sol.ledger.network.NetworkId;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Whether a network publishes its transparency page ({@code report_publication}, V7). */
public final class PublicationStore {
  private final DSLContext sql;

  public PublicationStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  public boolean transparent(NetworkId network) {
    return sql.fetchOptional(
            "SELECT transparency FROM report_publication WHERE network_id = ?", network.value())
        .map(r -> r.get(0, Boolean.class))
        .orElse(false);
  }

  /** Turns it on or off; whether that changed anything. */
  public boolean set(NetworkId network, boolean transparency, String by) {
    return sql.execute(
            "INSERT INTO report_publication (network_id, transparency, changed_by) VALUES (?, ?, ?)"
                + " ON CONFLICT (network_id) DO UPDATE SET transparency = EXCLUDED.transparency,"
                + " changed_at = now(), changed_by = EXCLUDED.changed_by"
                + " WHERE report_publication.transparency <> EXCLUDED.transparency",
            network.value(),
            transparency,
            by)
        > 0;
  }
}
