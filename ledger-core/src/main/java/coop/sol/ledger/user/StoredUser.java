package coop.sol.ledger.user;

import java.util.List;

/**
 * An {@code app_user} row with its roles in grant order.
 *
 * @param passwordHash the encoded password, never the password
 * @param totpSecret the base32 TOTP secret, or null
 */
public record StoredUser(
    long id,
    String username,
    String displayName,
    String passwordHash,
    String totpSecret,
    boolean enabled,
    List<StoredRole> roles) {
  public StoredUser {
    roles = List.copyOf(roles);
  }
}
