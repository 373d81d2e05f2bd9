package coop.sol.web.account;

import coop.sol.ledger.account.Account;
import coop.sol.web.auth.AuthenticationMethod;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.Scope;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.RoleGrant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me} and {@code /api/v1/accounts/{id}}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Comptes", description = "Profil, comptes et soldes")
class AccountController {
  private final AccountAccess access;
  private final NetworkDirectory networks;

  AccountController(AccountAccess access, NetworkDirectory networks) {
    this.access = access;
    this.networks = networks;
  }

  @Schema(name = "Me")
  record MeView(
      String username,
      String displayName,
      List<RoleView> roles,
      List<NetworkView> networks,
      @Schema(description = "Les comptes dont l'utilisateur est titulaire, avec leurs soldes")
          List<AccountView> accounts,
      AuthenticationView authentication) {}

  /**
   * @param network the network's code; null for the installation-wide administrator role
   * @param merchant for a cashier, the merchant whose till they work
   */
  @Schema(name = "RoleGrant")
  record RoleView(
      @Schema(
              allowableValues = {
                "MEMBER",
                "MERCHANT",
                "CASHIER",
                "EXCHANGE_AGENT",
                "ASSOCIATION",
                "FUNDER",
                "COORDINATOR",
                "ADMINISTRATOR"
              })
          String role,
      @Schema(nullable = true) String network,
      @Schema(nullable = true) String merchant) {}

  @Schema(name = "Network")
  record NetworkView(long id, String code, String name) {}

  @Schema(name = "AuthenticationInfo")
  record AuthenticationView(
      @Schema(allowableValues = {"PASSWORD", "TOKEN"}) String method,
      List<String> scopes,
      @Schema(nullable = true) Long tokenId) {}

  @GetMapping("/me")
  @Operation(
      summary = "Qui suis-je",
      description =
          "L'utilisateur, ses rôles réseau par réseau, ses réseaux, ses comptes avec leurs soldes,"
              + " et comment il s'est authentifié.")
  MeView me(Caller caller) {
    Map<Long, NetworkView> byId = new LinkedHashMap<>();
    for (var network : caller.networks()) {
      var n = networks.network(network);
      byId.put(n.id().value(), new NetworkView(n.id().value(), n.code(), n.name()));
    }
    List<RoleView> roles =
        caller.grants().stream()
            .map(
                (RoleGrant g) ->
                    new RoleView(
                        g.role().name(),
                        g.network() == null ? null : byId.get(g.network().value()).code(),
                        g.merchantRef()))
            .toList();
    List<AccountView> accounts =
        access.held(caller).stream()
            .map(a -> AccountView.of(a, networks.network(a.network())))
            .toList();
    return new MeView(
        caller.username(),
        caller.displayName(),
        roles,
        List.copyOf(byId.values()),
        accounts,
        new AuthenticationView(
            caller.method().name(),
            caller.scopes().stream().sorted().map(Scope::value).toList(),
            caller.method() == AuthenticationMethod.TOKEN ? caller.tokenId().getAsLong() : null));
  }

  @GetMapping("/accounts/{id}")
  @Operation(
      summary = "Un compte et ses soldes",
      description =
          "Soldes comptabilisé (posted), en attente (pending) et disponible (available), en"
              + " chaînes décimales à l'échelle de la branche. Visible par son titulaire et par"
              + " les coordinateurs de son réseau ; pour tout autre, 404 comme s'il n'existait"
              + " pas.")
  AccountView account(@PathVariable long id, Caller caller) {
    Account account =
        access
            .visible(caller, id)
            .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    return AccountView.of(account, networks.network(account.network()));
  }
}
