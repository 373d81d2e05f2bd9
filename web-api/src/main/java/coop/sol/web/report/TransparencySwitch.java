package coop.sol.web.report;

import coop.sol.ledger.network.Network;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A coordinator publishes or withdraws the network's transparency page, from the API ({@code PUT
 * /api/v1/reports/transparency}) or the settings page: the switch, the cached figures forgotten,
 * and a TRANSPARENCY_CHANGED audit entry when it changed something. The caller must already be
 * known to coordinate the network.
 */
@Component
public class TransparencySwitch {
  private final Publication publication;
  private final Transparency transparency;
  private final AuditLog log;

  TransparencySwitch(Publication publication, Transparency transparency, AuditLog log) {
    this.publication = publication;
    this.transparency = transparency;
    this.log = log;
  }

  public boolean published(Network network) {
    return publication.transparent(network.id());
  }

  /** The public page's address for the network. */
  public static String page(Network network) {
    return "/transparence/" + network.code();
  }

  /** Turns the publication on or off; whether that changed anything. */
  public boolean set(Caller caller, HttpServletRequest http, Network network, boolean enabled) {
    boolean changed = publication.set(network.id(), enabled, caller.username());
    transparency.forget(network);
    if (changed) {
      log.record(
          new AuditRecord(
              AuditAction.TRANSPARENCY_CHANGED,
              Set.of(network.id()),
              false,
              caller.userId(),
              caller.username(),
              "transparency",
              ClientAddress.of(http),
              Map.of("enabled", enabled)));
    }
    return changed;
  }
}
