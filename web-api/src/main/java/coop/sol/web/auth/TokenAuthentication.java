package coop.sol.web.auth;

import coop.sol.web.user.SolUserDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a personal access token: the token's owner, with their roles, and only
 * the token's scopes as {@code SCOPE_*} authorities. Never stored in a session.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {
  private final SolUserDetails user;
  private final long tokenId;
  private final Set<Scope> scopes;

  public TokenAuthentication(SolUserDetails user, long tokenId, Set<Scope> scopes) {
    this(user, tokenId, Set.copyOf(scopes), authorities(user, scopes));
  }

  private TokenAuthentication(
      SolUserDetails user,
      long tokenId,
      Set<Scope> scopes,
      Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.user = user;
    this.tokenId = tokenId;
    this.scopes = scopes;
    setAuthenticated(true);
  }

  /**
   * The same token's authentication for another request: a new instance (an authentication's
   * details are its request's), with the authorities already worked out, which a cached token would
   * otherwise rebuild from its user's roles on every request.
   */
  public TokenAuthentication forAnotherRequest() {
    return new TokenAuthentication(user, tokenId, scopes, getAuthorities());
  }

  private static Collection<GrantedAuthority> authorities(SolUserDetails user, Set<Scope> scopes) {
    List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
    scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
    return authorities;
  }

  public long tokenId() {
    return tokenId;
  }

  public Set<Scope> scopes() {
    return scopes;
  }

  /** The token itself is never kept: it has been hashed and looked up. */
  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public SolUserDetails getPrincipal() {
    return user;
  }
}
