package coop.sol.ledger.auditlog;

import static coop.sol.ledger.jooq.Tables.AUDIT_EVENT;
import static coop.sol.ledger.jooq.Tables.NETWORK;

import coop.sol.ledger.network.NetworkId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Writes and reads {@code audit_event} (append-only: a trigger refuses UPDATE and DELETE). */
public final class AuditLogStore {
  private static final int MAX_TARGET_LENGTH = 200;
  private static final int MAX_NAME_LENGTH = 100;
  private static final int MAX_ADDRESS_LENGTH = 64;

  private final DSLContext sql;

  public AuditLogStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** Writes the entry on its own. */
  public void insert(AuditEntry entry) {
    insert(sql, entry);
  }

  /**
   * Writes the entry with {@code tx}, so that it commits (or not) with the action it records: for
   * the other stores, which write an action and its entry in one transaction.
   */
  public static void insert(DSLContext tx, AuditEntry entry) {
    JSONB details = JSONB.jsonb(entry.detailsJson());
    List<Long> networks = new ArrayList<>();
    entry.networks().stream().map(NetworkId::value).sorted().forEach(networks::add);
    if (entry.installationWide()) {
      networks.add(null);
    }
    var insert =
        tx.insertInto(
            AUDIT_EVENT,
            AUDIT_EVENT.NETWORK_ID,
            AUDIT_EVENT.ACTOR_USER_ID,
            AUDIT_EVENT.ACTOR_NAME,
            AUDIT_EVENT.ACTION,
            AUDIT_EVENT.TARGET,
            AUDIT_EVENT.CLIENT_IP,
            AUDIT_EVENT.DETAILS);
    for (Long network : networks) {
      insert =
          insert.values(
              network,
              entry.actorUserId(),
              truncate(entry.actorName(), MAX_NAME_LENGTH),
              entry.action(),
              truncate(entry.target(), MAX_TARGET_LENGTH),
              truncate(entry.clientAddress(), MAX_ADDRESS_LENGTH),
              details);
    }
    insert.execute();
  }

  /**
   * One page of entries, newest first.
   *
   * @param networks entries of these networks
   * @param installationWide and the installation-wide entries
   * @param before only entries with a smaller id (null: from the newest)
   */
  public List<LoggedEvent> page(
      Collection<NetworkId> networks, boolean installationWide, Long before, int limit) {
    Condition scope = DSL.falseCondition();
    if (!networks.isEmpty()) {
      scope = scope.or(AUDIT_EVENT.NETWORK_ID.in(networks.stream().map(NetworkId::value).toList()));
    }
    if (installationWide) {
      scope = scope.or(AUDIT_EVENT.NETWORK_ID.isNull());
    }
    Condition page = before == null ? DSL.noCondition() : AUDIT_EVENT.AUDIT_EVENT_ID.lt(before);
    return sql.select(AUDIT_EVENT.asterisk(), NETWORK.CODE)
        .from(AUDIT_EVENT)
        .leftJoin(NETWORK)
        .on(NETWORK.NETWORK_ID.eq(AUDIT_EVENT.NETWORK_ID))
        .where(scope)
        .and(page)
        .orderBy(AUDIT_EVENT.AUDIT_EVENT_ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new LoggedEvent(
                    r.get(AUDIT_EVENT.AUDIT_EVENT_ID),
                    r.get(AUDIT_EVENT.OCCURRED_AT).toInstant(),
                    r.get(NETWORK.CODE),
                    r.get(AUDIT_EVENT.ACTOR_NAME),
                    r.get(AUDIT_EVENT.ACTION),
                    r.get(AUDIT_EVENT.TARGET),
                    r.get(AUDIT_EVENT.CLIENT_IP),
                    r.get(AUDIT_EVENT.DETAILS).data()));
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
