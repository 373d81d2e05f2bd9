package coop.sol.web.user;

import java.util.Collection;
import java.util.List;
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
}
