package coop.sol.web.audit;

import static coop.sol.ledger.jooq.Tables.AUDIT_EVENT;
import static coop.sol.ledger.jooq.Tables.NETWORK;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads the append-only audit log ({@code audit_event}). */
@Service
public class AuditLog {
  private static final int MAX_TARGET_LENGTH = 200;
  private static final int MAX_NAME_LENGTH = 100;

  private final DSLContext sql;
  private final JsonMapper json;

  public AuditLog(DSLContext sql, JsonMapper json) {
    this.sql = sql;
    this.json = json;
  }

  /**
   * Records a privileged action that {@code caller} made through {@code http} in one network's log.
   */
  public void record(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      NetworkId network,
      String target,
      Map<String, Object> details) {
    record(
        new AuditRecord(
            action,
            Set.of(network),
            false,
            caller.userId(),
            caller.username(),
            target,
            ClientAddress.of(http),
            details));
  }

  /** Writes the entry on its own. */
  public void record(AuditRecord entry) {
    record(sql, entry);
  }

  /** Writes the entry with {@code tx}, so that it commits (or not) with the action it records. */
  public void record(DSLContext tx, AuditRecord entry) {
    JSONB details = JSONB.jsonb(json.writeValueAsString(entry.details()));
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
              entry.action().name(),
              truncate(entry.target(), MAX_TARGET_LENGTH),
              truncate(entry.clientAddress(), 64),
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
  public List<AuditEvent> page(
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
                new AuditEvent(
                    r.get(AUDIT_EVENT.AUDIT_EVENT_ID),
                    r.get(AUDIT_EVENT.OCCURRED_AT).toInstant(),
                    r.get(NETWORK.CODE),
                    r.get(AUDIT_EVENT.ACTOR_NAME),
                    r.get(AUDIT_EVENT.ACTION),
                    r.get(AUDIT_EVENT.TARGET),
                    r.get(AUDIT_EVENT.CLIENT_IP),
                    json.readValue(
                        r.get(AUDIT_EVENT.DETAILS).data(),
                        new TypeReference<Map<String, Object>>() {})));
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /**
   * An entry as read back.
   *
   * @param network the network's code, or null for an installation-wide entry
   */
  public record AuditEvent(
      long id,
      Instant occurredAt,
      String network,
      String actor,
      String action,
      String target,
      String clientAddress,
      Map<String, Object> details) {}
}
