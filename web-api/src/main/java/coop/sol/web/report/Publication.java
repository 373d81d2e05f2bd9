package coop.sol.web.report;

import coop.sol.ledger.network.NetworkId;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Whether a network publishes its transparency page (table report_publication, V7). */
@Component
class Publication {
  private final DSLContext sql;

  Publication(DSLContext sql) {
    this.sql = sql;
  }

  boolean transparent(NetworkId network) {
    return sql.fetchOptional(
            "SELECT transparency FROM report_publication WHERE network_id = ?", network.value())
        .map(r -> r.get(0, Boolean.class))
        .orElse(false);
  }

  /** Turns it on or off; whether that changed anything. */
  boolean set(NetworkId network, boolean transparency, String by) {
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
