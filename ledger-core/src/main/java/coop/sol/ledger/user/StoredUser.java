package coop.sol.ledger.user;

import java.util.List;

/**
 * An {@code app_user} row with its roles in grant order.
 *
 * @param passwordHash the encoded password, never the password; null until the person activates
 *     their access (or after a coordinator reset it)
 * @param totpSecret the base32 TOTP secret, or null
 * @param email where to write to them, or null
 * @param language "fr" or "en", or null for their network's
 * @param credentialsVersion changes with every new password or reset: a session made with an older
 *     version is over
 */
public record StoredUser(
    long id,
    String username,
    String displayName,
    String passwordHash,
    String totpSecret,
    boolean enabled,
    List<StoredRole> roles,
    String email,
    String language,
    long credentialsVersion) {
  public StoredUser {
    roles = List.copyOf(roles);
  }
}
