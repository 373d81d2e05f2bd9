package coop.sol.web.auth;

import coop.sol.web.user.Role;
import java.util.Collection;
import java.util.Optional;

/**
 * What a personal access token may be used for. A browser session or HTTP Basic login carries every
 * scope; a token carries those chosen at its creation, so a till's token that may only take
 * payments cannot read an account's history, and a read-only script cannot pay.
 */
public enum Scope {
  /** Read balances, history, the caller's own profile. */
  READ("read"),
  /** Move money: payments, the QR payment flows (requests, tokens, tills), refunds. */
  PAY("pay"),
  /** Privileged actions: the audit log, metrics, a merchant's cashier settings. */
  ADMIN("admin");

  /**
   * Prefix of the Spring Security authorities that carry scopes, as in OAuth 2 resource servers.
   */
  public static final String AUTHORITY_PREFIX = "SCOPE_";

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as written in requests, responses and the database ({@code read}, ...). */
  public String value() {
    return value;
  }

  public String authority() {
    return AUTHORITY_PREFIX + value;
  }

  public static Optional<Scope> parse(String value) {
    for (Scope scope : values()) {
      if (scope.value.equals(value)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether someone with {@code roles} has any use for this scope; a token is never given a scope
   * its owner could not use.
   */
  public boolean usableBy(Collection<Role> roles) {
    return switch (this) {
      case READ -> !roles.isEmpty();
      case PAY ->
          roles.stream().anyMatch(role -> role.accountKind().isPresent() || role == Role.CASHIER);
      case ADMIN ->
          roles.stream()
              .anyMatch(
                  role ->
                      role == Role.COORDINATOR
                          || role == Role.ADMINISTRATOR
                          || role == Role.MERCHANT);
    };
  }
}
