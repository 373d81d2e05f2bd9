package coop.sol.web.user;

import coop.sol.ledger.network.NetworkId;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated principal: the user's roles become {@code ROLE_*} authorities, and the
 * network-scoped grants stay available for checks per network.
 */
public final class SolUserDetails implements UserDetails, CredentialsContainer {
  private AppUser user;
  private String passwordHash;

  SolUserDetails(AppUser user) {
    this.user = user;
    this.passwordHash = user.passwordHash();
  }

  /** The principal of a user who has proved who they are (by password, TOTP or token). */
  public static SolUserDetails of(AppUser user) {
    return new SolUserDetails(user);
  }

  public long userId() {
    return user.id();
  }

  /** The credentials version this principal was authenticated under (see {@link AppUser}). */
  public long credentialsVersion() {
    return user.credentialsVersion();
  }

  /**
   * The same principal under a new credentials version: for the session of someone who has just
   * changed their own password, which goes on while their other sessions end.
   */
  public SolUserDetails withCredentialsVersion(long version) {
    AppUser u = user;
    return new SolUserDetails(
        new AppUser(
            u.id(),
            u.username(),
            u.displayName(),
            "",
            java.util.Optional.empty(),
            u.enabled(),
            u.roles(),
            version));
  }

  public String displayName() {
    return user.displayName();
  }

  public List<RoleGrant> grants() {
    return user.roles();
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return user.roles().stream()
        .map(grant -> grant.role().authority())
        .distinct()
        .map(SimpleGrantedAuthority::new)
        .toList();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return user.username();
  }

  @Override
  public boolean isEnabled() {
    return user.enabled();
  }

  /**
   * Drops the password hash and TOTP secret once authentication is done, so they do not linger in
   * the session.
   */
  @Override
  public void eraseCredentials() {
    passwordHash = null;
    user = user.withoutSecrets();
  }

  /**
   * A page session keeps its principal in the database (Spring Session JDBC), serialized: as this
   * form, which holds neither password hash nor TOTP secret, whether they were erased or not.
   */
  @Serial
  private Object writeReplace() {
    List<Serialized.Grant> grants =
        user.roles().stream()
            .map(
                g ->
                    new Serialized.Grant(
                        g.role().name(),
                        g.network() == null ? null : g.network().value(),
                        g.merchantRef()))
            .toList();
    return new Serialized(
        user.id(),
        user.username(),
        user.displayName(),
        user.enabled(),
        grants,
        user.credentialsVersion());
  }

  private record Serialized(
      long id,
      String username,
      String displayName,
      boolean enabled,
      List<Grant> grants,
      long credentialsVersion)
      implements Serializable {
    private record Grant(String role, Long network, String merchantRef) implements Serializable {}

    @Serial
    private Object readResolve() {
      List<RoleGrant> roles =
          grants.stream()
              .map(
                  g ->
                      new RoleGrant(
                          Role.valueOf(g.role()),
                          g.network() == null ? null : new NetworkId(g.network()),
                          g.merchantRef()))
              .toList();
      SolUserDetails details =
          new SolUserDetails(
              new AppUser(
                  id,
                  username,
                  displayName,
                  "",
                  Optional.empty(),
                  enabled,
                  roles,
                  credentialsVersion));
      details.eraseCredentials();
      return details;
    }
  }
}
