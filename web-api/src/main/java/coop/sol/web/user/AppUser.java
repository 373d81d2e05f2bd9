package coop.sol.web.user;

import java.util.List;
import java.util.Optional;

/**
 * A person who logs in. The username is also the {@code owner_ref} of their ledger accounts.
 *
 * @param passwordHash the encoded password (Argon2id), never the password; empty for someone who
 *     has not activated their access yet (no password at all: nothing logs them in)
 * @param totpSecret the base32 TOTP secret: of users whose roles require a second factor, and of
 *     those who turned it on for themselves
 * @param credentialsVersion changes with every new password or reset of access: a session
 *     authenticated under an older version is over (checked on every request, by every instance)
 */
public record AppUser(
    long id,
    String username,
    String displayName,
    String passwordHash,
    Optional<String> totpSecret,
    boolean enabled,
    List<RoleGrant> roles,
    long credentialsVersion) {

  public AppUser {
    roles = List.copyOf(roles);
  }

  /** The same user without password hash or TOTP secret, for keeping after authentication. */
  public AppUser withoutSecrets() {
    return new AppUser(
        id, username, displayName, "", Optional.empty(), enabled, roles, credentialsVersion);
  }

  /**
   * Whether the user must give a TOTP code to log in: one of their roles requires it, or they
   * turned it on themselves (they have a secret).
   */
  public boolean requiresSecondFactor() {
    return roleRequiresSecondFactor() || totpSecret.isPresent();
  }

  /** Whether one of the user's roles requires a second factor (then it cannot be turned off). */
  public boolean roleRequiresSecondFactor() {
    return roles.stream().anyMatch(grant -> grant.role().requiresSecondFactor());
  }

  /** Whether the user has a password of their own (has activated their access). */
  public boolean hasPassword() {
    return !passwordHash.isEmpty();
  }

  public boolean isAdministrator() {
    return has(Role.ADMINISTRATOR);
  }

  public boolean has(Role role) {
    return roles.stream().anyMatch(grant -> grant.role() == role);
  }
}
