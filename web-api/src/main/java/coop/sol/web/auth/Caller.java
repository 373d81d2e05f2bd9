package coop.sol.web.auth;

import coop.sol.ledger.network.NetworkId;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.SolUserDetails;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authenticated user behind a request, as controllers see it: their roles network by network,
 * and what their credentials allow (every scope for a password login, the token's for a token).
 *
 * @param tokenId the personal access token used, if any
 */
public record Caller(
    long userId,
    String username,
    String displayName,
    List<RoleGrant> grants,
    Set<Scope> scopes,
    AuthenticationMethod method,
    OptionalLong tokenId) {

  public Caller {
    grants = List.copyOf(grants);
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    Objects.requireNonNull(method, "method");
  }

  /** The caller of an authenticated request; fails for an anonymous one. */
  public static Caller of(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || !(authentication.getPrincipal() instanceof SolUserDetails user)) {
      throw new IllegalStateException("not an authenticated SOL user: " + authentication);
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(Scope.AUTHORITY_PREFIX)) {
        Scope.parse(name.substring(Scope.AUTHORITY_PREFIX.length())).ifPresent(scopes::add);
      }
    }
    if (authentication instanceof TokenAuthentication token) {
      return new Caller(
          user.userId(),
          user.getUsername(),
          user.displayName(),
          user.grants(),
          scopes,
          AuthenticationMethod.TOKEN,
          OptionalLong.of(token.tokenId()));
    }
    return new Caller(
        user.userId(),
        user.getUsername(),
        user.displayName(),
        user.grants(),
        scopes,
        AuthenticationMethod.PASSWORD,
        OptionalLong.empty());
  }

  /** Every network the caller holds a role in (an administrator's role belongs to none). */
  public Set<NetworkId> networks() {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : grants) {
      if (grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return networks;
  }

  /** The networks in which the caller holds {@code role}. */
  public Set<NetworkId> networksAs(Role role) {
    Set<NetworkId> networks = new LinkedHashSet<>();
    for (RoleGrant grant : grants) {
      if (grant.role() == role && grant.network() != null) {
        networks.add(grant.network());
      }
    }
    return networks;
  }

  public boolean holds(Role role, NetworkId network) {
    return grants.stream().anyMatch(g -> g.role() == role && network.equals(g.network()));
  }

  public boolean hasRole(Role role) {
    return grants.stream().anyMatch(g -> g.role() == role);
  }

  public boolean isAdministrator() {
    return hasRole(Role.ADMINISTRATOR);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}
