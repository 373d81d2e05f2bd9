package coop.sol.web.user;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.user.StoredRole;
import coop.sol.ledger.user.StoredUser;
import coop.sol.ledger.user.UserStore;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/** Users and their roles, over ledger-core's {@link UserStore}. */
@Service
public class Users {
  private final UserStore store;

  public Users(DataSource dataSource) {
    this.store = new UserStore(dataSource);
  }

  /**
   * Creates a user with their roles, all or nothing.
   *
   * @return the new user's id; empty if the username is taken
   */
  public Optional<Long> create(NewUser user) {
    return store.create(
        user.username(),
        user.displayName(),
        user.passwordHash(),
        user.totpSecret(),
        user.roles().stream()
            .map(
                g ->
                    new StoredRole(
                        g.role().name(),
                        g.network() == null ? null : g.network().value(),
                        g.merchantRef()))
            .toList());
  }

  public Optional<AppUser> find(String username) {
    return store.find(username).map(Users::user);
  }

  public Optional<AppUser> find(long userId) {
    return store.find(userId).map(Users::user);
  }

  /** The user as stored, with what the web layer's {@link AppUser} leaves out (email, language). */
  public Optional<StoredUser> stored(long userId) {
    return store.find(userId);
  }

  /**
   * Records that the user's TOTP code of {@code step} was accepted, unless a code of that step or a
   * later one was accepted before: one code, one login, even when two arrive at once.
   *
   * @return true if the step was new (the code may be accepted), false for a replay
   */
  public boolean acceptTotpStep(long userId, long step) {
    return store.acceptTotpStep(userId, step);
  }

  /**
   * Sets the user's TOTP secret (base32), or removes it with null; {@code acceptedStep} is the step
   * of the code that proved the new secret, which cannot be used again (null when removing).
   */
  public void setTotpSecret(long userId, String secret, Long acceptedStep) {
    store.setTotpSecret(userId, secret, acceptedStep);
  }

  /**
   * Replaces a closed person's display name by {@code pseudonym}, their password by one nobody
   * knows, removes their second factor, disables them and revokes their tokens (see {@code
   * UserStore.pseudonymize}).
   */
  public boolean pseudonymize(
      long userId, String pseudonym, String unusablePasswordHash, java.time.Instant now) {
    return store.pseudonymize(userId, pseudonym, unusablePasswordHash, now);
  }

  public boolean exists(String username) {
    return store.exists(username);
  }

  /** Whether the installation has anyone who can administer it. */
  public boolean anyAdministrator() {
    return store.anyEnabledWithRole(Role.ADMINISTRATOR.name());
  }

  /** The user as the web layer knows them. */
  public static AppUser user(StoredUser user) {
    return new AppUser(
        user.id(),
        user.username(),
        user.displayName(),
        user.passwordHash() == null ? "" : user.passwordHash(),
        Optional.ofNullable(user.totpSecret()),
        user.enabled(),
        user.roles().stream().map(Users::grant).toList(),
        user.credentialsVersion());
  }

  static RoleGrant grant(StoredRole role) {
    return new RoleGrant(
        Role.valueOf(role.role()),
        role.networkId() == null ? null : new NetworkId(role.networkId()),
        role.merchantRef());
  }
}
