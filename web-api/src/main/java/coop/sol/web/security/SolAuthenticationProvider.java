package coop.sol.web.security;

import coop.sol.web.auth.Scope;
import coop.sol.web.login.PasswordLogin;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.SolUserDetails;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password logins through the form and HTTP Basic, checked by {@link PasswordLogin} (throttling,
 * Argon2id, TOTP). A password login carries every token scope: it is the user in person.
 */
final class SolAuthenticationProvider implements AuthenticationProvider {
  private final PasswordLogin login;

  SolAuthenticationProvider(PasswordLogin login) {
    this.login = login;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    String totp = null;
    boolean secondFactorPossible = false;
    String address = "unknown";
    String door = "password";
    Object details = authentication.getDetails();
    if (details instanceof LoginDetails login) {
      totp = login.totpCode();
      secondFactorPossible = login.secondFactorPossible();
      door = login.door();
    }
    if (details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null) {
      address = web.getRemoteAddress();
    }
    AppUser user =
        login.authenticate(
            new PasswordLogin.Attempt(
                username, password, totp, secondFactorPossible, address, door));
    SolUserDetails principal = SolUserDetails.of(user);
    List<GrantedAuthority> authorities = new ArrayList<>(principal.getAuthorities());
    for (Scope scope : Scope.values()) {
      authorities.add(new SimpleGrantedAuthority(scope.authority()));
    }
    var result = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    if (details instanceof WebAuthenticationDetails web) {
      result.setDetails(new WebAuthenticationDetails(web.getRemoteAddress(), web.getSessionId()));
    }
    return result;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
