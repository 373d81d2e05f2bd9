package coop.sol.web.people;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Which network a people request is about: one the caller may manage people in. */
@Component
class NetworkScope {
  private final Ledger ledger;
  private final NetworkDirectory directory;

  NetworkScope(Ledger ledger, NetworkDirectory directory) {
    this.ledger = ledger;
    this.directory = directory;
  }

  Network network(NetworkId id) {
    return directory.network(id);
  }

  /** A network the caller coordinates: by code (404 if not theirs), else their only one. */
  Network coordinated(Caller caller, String code) {
    return named(caller.networksAs(Role.COORDINATOR), code);
  }

  /**
   * A network where the caller may enrol someone: one they coordinate, or hold a merchant's shop in
   * (their cashiers); any network for an administrator (its coordinators).
   */
  Network enrolling(Caller caller, String code) {
    if (caller.isAdministrator() && code != null && !code.isBlank()) {
      return ledger
          .networks()
          .findByCode(code)
          .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    }
    Set<NetworkId> mine = new LinkedHashSet<>(caller.networksAs(Role.COORDINATOR));
    mine.addAll(caller.networksAs(Role.MERCHANT));
    return named(mine, code);
  }

  private Network named(Set<NetworkId> mine, String code) {
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
      throw new ApiProblemException(ProblemCode.FORBIDDEN);
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER,
        "network : précisez le réseau (son code) / name the network (its code).",
        "network");
  }
}
