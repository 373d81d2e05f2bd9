package coop.sol.web.page.coordinator;

import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the coordinators' pages share: the network the coordinator works in (their first, should
 * they coordinate several), amounts at a strand's scale, and audit entries like the API's.
 */
@Component
class Coordination {
  /** The strands of SOL, in the order pages list them. */
  static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final NetworkDirectory networks;
  private final AuditLog audit;

  Coordination(NetworkDirectory networks, AuditLog audit) {
    this.networks = networks;
    this.audit = audit;
  }

  NetworkId network(Caller caller) {
    return caller.networksAs(Role.COORDINATOR).stream()
        .min(Comparator.comparing(NetworkId::value))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.FORBIDDEN));
  }

  Network details(NetworkId id) {
    return networks.network(id);
  }

  int scale(NetworkId network, StrandKind strand) {
    return networks.scale(network, strand);
  }

  String format(NetworkId network, StrandKind strand, long minorUnits, Locale locale) {
    return Amounts.format(minorUnits, scale(network, strand), locale);
  }

  /** A strand named in a request; COOPERATION for anything else. */
  static StrandKind strand(String name, List<StrandKind> allowed) {
    for (StrandKind kind : allowed) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return allowed.get(0);
  }

  void audit(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      NetworkId network,
      String target,
      Map<String, Object> details) {
    audit.record(caller, http, action, network, target, details);
  }
}
