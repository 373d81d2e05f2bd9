package coop.sol.web.user;

import java.util.List;
import java.util.Objects;

/**
 * A user to create, with their password already encoded.
 *
 * @param totpSecret base32 TOTP secret, or null for roles without a second factor
 */
public record NewUser(
    String username,
    String displayName,
    String passwordHash,
    String totpSecret,
    List<RoleGrant> roles) {

  public NewUser {
    if (!Username.isValid(username)) {
      throw new IllegalArgumentException("invalid username: " + username);
    }
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = List.copyOf(roles);
  }
}
