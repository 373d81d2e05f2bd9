package coop.sol.web.auth;

/** How the caller proved who they are. */
public enum AuthenticationMethod {
  /** Username and password (and TOTP where required): a browser session or HTTP Basic. */
  PASSWORD,
  /** A personal access token ({@code Authorization: Bearer}). */
  TOKEN
}
