package coop.sol.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What a password login brings besides username and password: the TOTP code (from the login form;
 * HTTP Basic has no room for one), and which door it came through. Only used while authenticating:
 * the authenticated session keeps plain {@link WebAuthenticationDetails}, without the code.
 */
final class LoginDetails extends WebAuthenticationDetails {
  private final transient String totpCode;
  private final boolean secondFactorPossible;
  private final String door;

  private LoginDetails(
      HttpServletRequest request, String totpCode, boolean secondFactorPossible, String door) {
    super(request);
    this.totpCode = totpCode;
    this.secondFactorPossible = secondFactorPossible;
    this.door = door;
  }

  static LoginDetails form(HttpServletRequest request) {
    return new LoginDetails(request, request.getParameter("totp"), true, "form");
  }

  static LoginDetails basic(HttpServletRequest request) {
    return new LoginDetails(request, null, false, "basic");
  }

  String totpCode() {
    return totpCode;
  }

  boolean secondFactorPossible() {
    return secondFactorPossible;
  }

  String door() {
    return door;
  }
}
