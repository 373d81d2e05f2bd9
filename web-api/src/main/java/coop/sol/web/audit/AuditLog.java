package coop.sol.web.audit;

import coop.sol.ledger.auditlog.AuditEntry;
import coop.sol.ledger.auditlog.AuditLogStore;
import coop.sol.ledger.auditlog.LoggedEvent;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads the append-only audit log (ledger-core's {@link AuditLogStore}). */
@Service
public class AuditLog {
  private final AuditLogStore store;
  private final JsonMapper json;

  public AuditLog(DataSource dataSource, JsonMapper json) {
    this.store = new AuditLogStore(dataSource);
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
    store.insert(entry(entry));
  }

  /**
   * The entry as ledger-core's stores take it, for a store that writes it in the transaction of the
   * action it records.
   */
  public AuditEntry entry(AuditRecord entry) {
    return new AuditEntry(
        entry.action().name(),
        entry.networks(),
        entry.installationWide(),
        entry.actorUserId(),
        entry.actorName(),
        entry.target(),
        entry.clientAddress(),
        json.writeValueAsString(entry.details()));
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
    return store.page(networks, installationWide, before, limit).stream().map(this::event).toList();
  }

  private AuditEvent event(LoggedEvent e) {
    return new AuditEvent(
        e.id(),
        e.occurredAt(),
        e.network(),
        e.actor(),
        e.action(),
        e.target(),
        e.clientAddress(),
        json.readValue(e.detailsJson(), new TypeReference<Map<String, Object>>() {}));
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
