package coop.sol.web.report;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which network a report request is about, as the operations' endpoints decide it: the optional
 * {@code network} parameter names it by its code, and must be one where the caller is a coordinator
 * (404 otherwise, as if it did not exist); without it, the caller's only network as coordinator
 * (400 when they coordinate several). Administrators belong to no network and read none of a
 * network's ledger data: for them every network is one they cannot see.
 */
@Component
class ReportScope {
  private final Ledger ledger;

  ReportScope(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The network the coordinator asks about. */
  Network coordinated(Caller caller, String code) {
    return named(caller, caller.networksAs(Role.COORDINATOR), code, ProblemCode.FORBIDDEN);
  }

  /** A network where the caller holds any role (404 otherwise); their only one by default. */
  Network member(Caller caller, String code) {
    return named(caller, caller.networks(), code, ProblemCode.NOT_FOUND);
  }

  /**
   * The network named by {@code code} among {@code mine} (404 if not there), or with no code the
   * only one of {@code mine}; {@code none} when they have none.
   */
  private Network named(Caller caller, Set<NetworkId> mine, String code, ProblemCode none) {
    if (code != null && !code.isBlank()) {
      return ledger
          .networks()
          .findByCode(code)
          .filter(n -> mine.contains(n.id()))
          .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    }
    if (mine.size() == 1) {
      return network(mine.iterator().next());
    }
    if (mine.isEmpty()) {
      throw new ApiProblemException(none);
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER,
        "network : précisez le réseau (son code) / name the network (its code).");
  }

  Network network(NetworkId id) {
    return ledger
        .networks()
        .find(id)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  /** The network with this code, whoever asks (404 if none). */
  Network byCode(String code) {
    return ledger
        .networks()
        .findByCode(code)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }
}
