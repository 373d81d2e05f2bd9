package coop.sol.web.user;

import java.util.List;
import java.util.Optional;

/**
 * A person who logs in. The username is also the {@code owner_ref} of their ledger accounts.
 *
 * @param passwordHash the encoded password (Argon2id), never the password
 * @param totpSecret the base32 TOTP secret, for users whose roles require a second factor
 */
public record AppUser(
    long id,
    String username,
    String displayName,
    String passwordHash,
    Optional<String> totpSecret,
    boolean enabled,
    List<RoleGrant> roles) {

  public AppUser {
    roles = List.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.stream().anyMatch(grant -> grant.role() == role);
  }
}
