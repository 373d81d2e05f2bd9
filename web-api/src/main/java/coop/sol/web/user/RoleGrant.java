package coop.sol.web.user;

import coop.sol.ledger.network.NetworkId;
import java.util.Objects;

/**
 * A role held by a user: in one network, or installation-wide for an administrator.
 *
 * @param network the network the role applies to; null exactly for {@link Role#ADMINISTRATOR}
 * @param merchantRef for a {@link Role#CASHIER} only, the merchant's username (the owner_ref of the
 *     accounts whose till the cashier works); null otherwise
 */
public record RoleGrant(Role role, NetworkId network, String merchantRef) {

  public RoleGrant {
    Objects.requireNonNull(role, "role");
    if ((network == null) != (role == Role.ADMINISTRATOR)) {
      throw new IllegalArgumentException("only an administrator's role has no network: " + role);
    }
    if ((merchantRef != null) != (role == Role.CASHIER)) {
      throw new IllegalArgumentException("a cashier, and only a cashier, names a merchant");
    }
  }

  public static RoleGrant administrator() {
    return new RoleGrant(Role.ADMINISTRATOR, null, null);
  }

  public static RoleGrant in(NetworkId network, Role role) {
    return new RoleGrant(role, Objects.requireNonNull(network, "network"), null);
  }

  public static RoleGrant cashier(NetworkId network, String merchantUsername) {
    return new RoleGrant(
        Role.CASHIER,
        Objects.requireNonNull(network, "network"),
        Objects.requireNonNull(merchantUsername, "merchantUsername"));
  }
}
