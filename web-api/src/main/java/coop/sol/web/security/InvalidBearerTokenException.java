package coop.sol.web.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is not (or no longer) a valid personal access token. */
final class InvalidBearerTokenException extends AuthenticationException {
  InvalidBearerTokenException() {
    super("invalid bearer token");
  }
}
