package coop.sol.web.security;

import coop.sol.web.auth.Scope;
import coop.sol.web.auth.TokenAuthentication;
import coop.sol.web.user.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call each endpoint, in one table: the first gate. It says which roles and which token
 * scope an endpoint needs; whether the caller may see the particular account or transfer named in
 * the request is decided by the endpoint itself, which answers 404 for anything outside the
 * caller's networks and accounts. Any {@code /api/**} or {@code /actuator/**} path missing from
 * this table is refused to everyone, so a new endpoint is unreachable until it has a rule here (and
 * {@code AuthorizationMatrixIT} fails until it has an expected outcome per role).
 */
final class ApiAccessRules {

  /**
   * One endpoint's rule.
   *
   * @param scope the token scope the endpoint needs, or null for none (password logins carry all)
   * @param roles the roles, any of which lets a caller in; empty means any authenticated user
   */
  record Rule(HttpMethod method, String pattern, boolean isPublic, Scope scope, Set<Role> roles) {
    Rule {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pattern, "pattern");
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    RequestMatcher matcher() {
      return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    AuthorizationManager<RequestAuthorizationContext> manager() {
      if (isPublic) {
        return (authentication, context) -> new AuthorizationDecision(true);
      }
      AuthorizationManager<RequestAuthorizationContext> who =
          roles.isEmpty()
              ? AuthenticatedAuthorizationManager.authenticated()
              : AuthorityAuthorizationManager.hasAnyRole(
                  roles.stream().map(Role::name).toArray(String[]::new));
      if (scope == null) {
        return who;
      }
      return AuthorizationManagers.allOf(
          who, AuthorityAuthorizationManager.hasAuthority(scope.authority()));
    }

    boolean rolesAllow(Authentication authentication) {
      if (roles.isEmpty()) {
        return true;
      }
      for (GrantedAuthority authority : authentication.getAuthorities()) {
        for (Role role : roles) {
          if (role.authority().equals(authority.getAuthority())) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static final Set<Role> ACCOUNT_HOLDERS =
      EnumSet.of(Role.MEMBER, Role.MERCHANT, Role.EXCHANGE_AGENT, Role.ASSOCIATION, Role.FUNDER);

  /** Who works a merchant's till: the merchant and their cashiers. */
  private static final Set<Role> TILL = EnumSet.of(Role.MERCHANT, Role.CASHIER);

  /**
   * Who reads a network's reports, charts, exports and checkpoints: its coordinators. Never the
   * installation's administrators, who hold no role in a network and read none of its ledger data.
   */
  private static final Set<Role> REPORT_READERS = EnumSet.of(Role.COORDINATOR);

  private static final Set<Role> ADMINISTRATORS = EnumSet.of(Role.ADMINISTRATOR);

  /** Who enrols people and resets their access, each within their reach (see People). */
  private static final Set<Role> PEOPLE_MANAGERS =
      EnumSet.of(Role.COORDINATOR, Role.MERCHANT, Role.ADMINISTRATOR);

  /** Who issues, blocks and replaces member cards: the network's coordinators and offices. */
  private static final Set<Role> CARD_STAFF = EnumSet.of(Role.COORDINATOR, Role.EXCHANGE_AGENT);

  static final List<Rule> RULES =
      List.of(
          // exchanging a password for a token is how a script logs in: it cannot need a login
          publicEndpoint(HttpMethod.POST, "/api/v1/auth/tokens"),
          // "forgot password": before logging in, the same answer whatever the address
          publicEndpoint(HttpMethod.POST, "/api/v1/auth/forgot-password"),
          // a token may list and revoke its owner's tokens, itself included, whatever its scopes
          anyUser(HttpMethod.GET, "/api/v1/auth/tokens", null),
          anyUser(HttpMethod.DELETE, "/api/v1/auth/tokens/{id}", null),
          anyUser(HttpMethod.GET, "/api/v1/me", Scope.READ),
          // one's own data, to take away (coop.sol.web.personal)
          anyUser(HttpMethod.GET, "/api/v1/me/data.json", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/me/data.csv", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/accounts/{id}", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/accounts/{id}/transfers", Scope.READ),
          // a statement is for whoever may read the account (404 to anyone else)
          anyUser(HttpMethod.GET, "/api/v1/accounts/{id}/statement.pdf", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/accounts/{id}/statement.csv", Scope.READ),
          // --- life cycle (coop.sol.web.lifecycle): the network's coordinators
          coordinators(HttpMethod.POST, "/api/v1/accounts/{id}/freeze", Scope.ADMIN),
          coordinators(HttpMethod.POST, "/api/v1/accounts/{id}/unfreeze", Scope.ADMIN),
          coordinators(HttpMethod.POST, "/api/v1/accounts/{id}/close", Scope.ADMIN),
          coordinators(HttpMethod.GET, "/api/v1/accounts/{id}/status-changes", Scope.READ),
          coordinators(HttpMethod.POST, "/api/v1/accounts/{id}/credit-limit", Scope.ADMIN),
          coordinators(HttpMethod.GET, "/api/v1/credit-limit-changes", Scope.READ),
          coordinators(HttpMethod.POST, "/api/v1/credit-limit-changes/{id}/approve", Scope.ADMIN),
          coordinators(HttpMethod.POST, "/api/v1/credit-limit-changes/{id}/decline", Scope.ADMIN),
          coordinators(
              HttpMethod.POST,
              "/api/v1/networks/{networkId}/people/{username}/freeze",
              Scope.ADMIN),
          coordinators(
              HttpMethod.POST,
              "/api/v1/networks/{networkId}/people/{username}/unfreeze",
              Scope.ADMIN),
          coordinators(
              HttpMethod.POST, "/api/v1/networks/{networkId}/people/{username}/close", Scope.ADMIN),
          anyUser(HttpMethod.GET, "/api/v1/transfers/{id}", Scope.READ),
          // a receipt is its two sides' (the endpoint answers 404 to anyone else)
          anyUser(HttpMethod.GET, "/api/v1/transfers/{id}/receipt.pdf", Scope.READ),
          // paying needs an account of one's own to debit: staff roles hold none
          roles(HttpMethod.POST, "/api/v1/transfers", Scope.PAY, ACCOUNT_HOLDERS),
          // coordinators read their networks' entries, administrators the installation's only
          roles(
              HttpMethod.GET,
              "/api/v1/audit",
              Scope.ADMIN,
              EnumSet.of(Role.COORDINATOR, Role.ADMINISTRATOR)),
          roles(HttpMethod.GET, "/api/v1/cashiers", Scope.READ, EnumSet.of(Role.MERCHANT)),
          roles(
              HttpMethod.PUT,
              "/api/v1/cashiers/{id}/refund-limits/{strand}",
              Scope.ADMIN,
              EnumSet.of(Role.MERCHANT)),
          // --- payments with QR codes. Network keys are public: anyone verifies codes offline.
          publicEndpoint(HttpMethod.GET, "/api/v1/networks/{networkId}/keys"),
          roles(
              HttpMethod.POST,
              "/api/v1/networks/{networkId}/keys",
              Scope.ADMIN,
              EnumSet.of(Role.COORDINATOR, Role.ADMINISTRATOR)),
          roles(HttpMethod.POST, "/api/v1/payment-requests", Scope.PAY, TILL),
          // whoever holds a request's code may read it (its id is the code's random nonce)
          anyUser(HttpMethod.GET, "/api/v1/payment-requests/{id}", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/payment-requests/{id}/events", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/payment-requests/{id}/qr.png", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/payment-requests/{id}/qr.svg", Scope.READ),
          roles(HttpMethod.POST, "/api/v1/payment-requests/{id}/pay", Scope.PAY, ACCOUNT_HOLDERS),
          roles(HttpMethod.POST, "/api/v1/payment-requests/{id}/cancel", Scope.PAY, TILL),
          roles(HttpMethod.GET, "/api/v1/merchants/{accountId}/static-code", Scope.READ, TILL),
          roles(
              HttpMethod.GET, "/api/v1/merchants/{accountId}/static-code/qr.png", Scope.READ, TILL),
          roles(
              HttpMethod.GET, "/api/v1/merchants/{accountId}/static-code/qr.svg", Scope.READ, TILL),
          // --- the directory of merchants (coop.sol.web.directory): public when the network
          // publishes it, else its users' (the endpoint decides, 404 for anyone else)
          publicEndpoint(HttpMethod.GET, "/api/v1/directory"),
          publicEndpoint(HttpMethod.GET, "/api/v1/directory/guide.pdf"),
          roles(HttpMethod.GET, "/api/v1/directory/publication", Scope.READ, REPORT_READERS),
          roles(HttpMethod.PUT, "/api/v1/directory/publication", Scope.ADMIN, REPORT_READERS),
          // a listing is written by its merchant or a coordinator of the network
          roles(
              HttpMethod.GET,
              "/api/v1/merchants/{accountId}/profile",
              Scope.READ,
              EnumSet.of(Role.MERCHANT, Role.COORDINATOR)),
          roles(
              HttpMethod.PUT,
              "/api/v1/merchants/{accountId}/profile",
              Scope.ADMIN,
              EnumSet.of(Role.MERCHANT, Role.COORDINATOR)),
          roles(HttpMethod.POST, "/api/v1/pay-tokens", Scope.PAY, ACCOUNT_HOLDERS),
          anyUser(HttpMethod.GET, "/api/v1/pay-tokens/{id}", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/pay-tokens/{id}/qr.png", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/pay-tokens/{id}/qr.svg", Scope.READ),
          roles(HttpMethod.POST, "/api/v1/pay-tokens/redeem", Scope.PAY, TILL),
          // member cards (coop.sol.web.card): the holder, the network's staff (coordinators and
          // exchange offices), a till; a change asks pay of holders and offices, admin of
          // coordinators (MemberCards.requireScopeFor), whose tokens never carry pay
          anyUser(HttpMethod.GET, "/api/v1/cards", Scope.READ),
          roles(HttpMethod.POST, "/api/v1/cards", Scope.READ, CARD_STAFF),
          roles(HttpMethod.GET, "/api/v1/cards/revocations", Scope.READ, TILL),
          roles(HttpMethod.POST, "/api/v1/cards/read", Scope.PAY, TILL),
          roles(HttpMethod.POST, "/api/v1/cards/charge", Scope.PAY, TILL),
          anyUser(HttpMethod.GET, "/api/v1/cards/{id}", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/cards/{id}/card.pdf", Scope.READ),
          anyUser(HttpMethod.GET, "/api/v1/cards/{id}/payments", Scope.READ),
          anyUser(HttpMethod.POST, "/api/v1/cards/{id}/block", Scope.READ),
          anyUser(HttpMethod.POST, "/api/v1/cards/{id}/unblock", Scope.READ),
          roles(HttpMethod.POST, "/api/v1/cards/{id}/replace", Scope.READ, CARD_STAFF),
          // a PIN-reset activation (code and link) for the holder: the network's staff
          roles(HttpMethod.POST, "/api/v1/cards/{id}/pin-reset", Scope.READ, CARD_STAFF),
          coordinators(HttpMethod.GET, "/api/v1/networks/{id}/settings/card-caps", Scope.READ),
          coordinators(HttpMethod.PUT, "/api/v1/networks/{id}/settings/card-caps", Scope.ADMIN),
          anyUser(HttpMethod.PUT, "/api/v1/cards/{id}/pin", Scope.PAY),
          anyUser(HttpMethod.PUT, "/api/v1/cards/{id}/daily-cap", Scope.PAY),
          roles(HttpMethod.GET, "/api/v1/reports/cards", Scope.READ, REPORT_READERS),
          roles(HttpMethod.POST, "/api/v1/transfers/{id}/refunds", Scope.PAY, TILL),
          // --- SOL operations (coop.sol.web.operation): money-moving needs "pay", coordinators'
          // actions "admin", reads "read"; each endpoint scopes to the caller's networks
          anyUser(HttpMethod.GET, "/api/v1/networks/{id}/settings", Scope.READ),
          coordinators(HttpMethod.PUT, "/api/v1/networks/{id}/settings/rates", Scope.ADMIN),
          coordinators(
              HttpMethod.PUT, "/api/v1/networks/{id}/settings/categories/{code}", Scope.ADMIN),
          coordinators(
              HttpMethod.PUT,
              "/api/v1/networks/{id}/settings/merchants/{merchant}/categories",
              Scope.ADMIN),
          coordinators(
              HttpMethod.PUT,
              "/api/v1/networks/{id}/settings/merchants/{merchant}/reward-rate",
              Scope.ADMIN),
          coordinators(
              HttpMethod.PUT,
              "/api/v1/networks/{id}/settings/associations/{association}/volunteer-rate",
              Scope.ADMIN),
          coordinators(
              HttpMethod.PUT, "/api/v1/networks/{id}/settings/fonte-rules/{strand}", Scope.ADMIN),
          // whether members pay members (MemberPaymentsController): read by anyone in the network
          anyUser(HttpMethod.GET, "/api/v1/networks/{id}/settings/member-payments", Scope.READ),
          coordinators(
              HttpMethod.PUT, "/api/v1/networks/{id}/settings/member-payments", Scope.ADMIN),
          roles(
              HttpMethod.POST,
              "/api/v1/exchange/purchases",
              Scope.PAY,
              EnumSet.of(Role.EXCHANGE_AGENT)),
          roles(
              HttpMethod.POST,
              "/api/v1/exchange/offices/{id}/bank",
              Scope.PAY,
              EnumSet.of(Role.EXCHANGE_AGENT)),
          coordinators(HttpMethod.GET, "/api/v1/exchange/reserve", Scope.READ),
          // cashiers record rewards at the till, for their merchant
          roles(
              HttpMethod.POST,
              "/api/v1/rewards",
              Scope.PAY,
              EnumSet.of(Role.MERCHANT, Role.CASHIER)),
          coordinators(HttpMethod.POST, "/api/v1/volunteering/allowances", Scope.ADMIN),
          roles(
              HttpMethod.POST,
              "/api/v1/volunteering/certifications",
              Scope.PAY,
              EnumSet.of(Role.ASSOCIATION)),
          roles(
              HttpMethod.GET,
              "/api/v1/volunteering/allowance",
              Scope.READ,
              EnumSet.of(Role.ASSOCIATION)),
          roles(HttpMethod.POST, "/api/v1/vouchers/grants", Scope.PAY, EnumSet.of(Role.FUNDER)),
          roles(HttpMethod.POST, "/api/v1/vouchers/payments", Scope.PAY, EnumSet.of(Role.MEMBER)),
          roles(HttpMethod.GET, "/api/v1/vouchers/holdings", Scope.READ, EnumSet.of(Role.MEMBER)),
          // the owner only: cashiers take payments but never turn SOL into euros
          roles(
              HttpMethod.GET, "/api/v1/reconversions/quote", Scope.READ, EnumSet.of(Role.MERCHANT)),
          roles(HttpMethod.POST, "/api/v1/reconversions", Scope.PAY, EnumSet.of(Role.MERCHANT)),
          coordinators(HttpMethod.GET, "/api/v1/fonte/preview", Scope.READ),
          coordinators(HttpMethod.POST, "/api/v1/fonte/runs", Scope.ADMIN),
          coordinators(HttpMethod.GET, "/api/v1/fonte/runs", Scope.READ),
          coordinators(HttpMethod.POST, "/api/v1/corrections", Scope.ADMIN),
          coordinators(HttpMethod.GET, "/api/v1/corrections", Scope.READ),
          coordinators(HttpMethod.GET, "/api/v1/corrections/{id}", Scope.READ),
          coordinators(HttpMethod.POST, "/api/v1/corrections/{id}/approve", Scope.ADMIN),
          coordinators(HttpMethod.POST, "/api/v1/corrections/{id}/decline", Scope.ADMIN),
          // --- end of SOL operations
          // --- coordinators' reports (coop.sol.web.report); each scopes to the caller's networks
          roles(HttpMethod.GET, "/api/v1/reports/circulation", Scope.READ, REPORT_READERS),
          roles(HttpMethod.GET, "/api/v1/reports/charts/{chart}.png", Scope.READ, REPORT_READERS),
          roles(HttpMethod.GET, "/api/v1/reports/circulation.csv", Scope.READ, REPORT_READERS),
          roles(HttpMethod.GET, "/api/v1/reports/circulation.pdf", Scope.READ, REPORT_READERS),
          roles(HttpMethod.GET, "/api/v1/reports/circulation/signed", Scope.READ, REPORT_READERS),
          // every journal row of the network, memos included: an administrative act, audited
          roles(HttpMethod.GET, "/api/v1/reports/export.zip", Scope.ADMIN, REPORT_READERS),
          // members check their transfers' proofs against the checkpoints
          anyUser(HttpMethod.GET, "/api/v1/reports/checkpoints", Scope.READ),
          roles(HttpMethod.POST, "/api/v1/reports/checkpoints", Scope.ADMIN, REPORT_READERS),
          anyUser(HttpMethod.GET, "/api/v1/transfers/{id}/inclusion-proof", Scope.READ),
          roles(HttpMethod.GET, "/api/v1/reports/transparency", Scope.READ, REPORT_READERS),
          roles(HttpMethod.PUT, "/api/v1/reports/transparency", Scope.ADMIN, REPORT_READERS),
          // a network that publishes its transparency figures publishes them to everyone (404 for
          // a network that does not): aggregated figures only, never an individual balance
          publicEndpoint(HttpMethod.GET, "/api/v1/public/networks/{code}/transparency"),
          publicEndpoint(HttpMethod.GET, "/api/v1/public/networks/{code}/checkpoints"),
          // --- end of reports
          // --- networks (coop.sol.web.network): the installation's administrators; a network's
          // coordinators read its profile. No ledger data for administrators.
          roles(HttpMethod.POST, "/api/v1/networks", Scope.ADMIN, ADMINISTRATORS),
          roles(HttpMethod.GET, "/api/v1/networks", Scope.READ, ADMINISTRATORS),
          roles(
              HttpMethod.GET,
              "/api/v1/networks/{code}",
              Scope.READ,
              EnumSet.of(Role.ADMINISTRATOR, Role.COORDINATOR)),
          roles(HttpMethod.PUT, "/api/v1/networks/{code}", Scope.ADMIN, ADMINISTRATORS),
          roles(
              HttpMethod.POST, "/api/v1/networks/{code}/coordinators", Scope.ADMIN, ADMINISTRATORS),
          // --- people (coop.sol.web.people): coordinators of the person's network; a merchant
          // for their own cashiers; administrators for coordinators. Each endpoint answers 404 for
          // a person the caller does not manage.
          roles(HttpMethod.POST, "/api/v1/people", Scope.ADMIN, PEOPLE_MANAGERS),
          coordinators(HttpMethod.GET, "/api/v1/people", Scope.READ),
          // a file of people: the network's coordinators (404 for another network)
          coordinators(HttpMethod.POST, "/api/v1/people/imports", Scope.ADMIN),
          roles(HttpMethod.GET, "/api/v1/people/{id}", Scope.READ, PEOPLE_MANAGERS),
          coordinators(HttpMethod.PUT, "/api/v1/people/{id}/roles", Scope.ADMIN),
          roles(HttpMethod.POST, "/api/v1/people/{id}/activation", Scope.ADMIN, PEOPLE_MANAGERS),
          roles(
              HttpMethod.POST,
              "/api/v1/people/{id}/activation-letter.pdf",
              Scope.ADMIN,
              PEOPLE_MANAGERS),
          coordinators(HttpMethod.GET, "/api/v1/coordinator-appointments", Scope.READ),
          coordinators(
              HttpMethod.POST, "/api/v1/coordinator-appointments/{id}/approve", Scope.ADMIN),
          coordinators(
              HttpMethod.POST, "/api/v1/coordinator-appointments/{id}/decline", Scope.ADMIN),
          // the activation code is the credential: nobody is logged in yet (throttled per address)
          publicEndpoint(HttpMethod.POST, "/api/v1/auth/activate"),
          // one's own password, with the current one; any door, any scope
          anyUser(HttpMethod.POST, "/api/v1/auth/password", null),
          roles(
              HttpMethod.GET, "/actuator/prometheus", Scope.ADMIN, EnumSet.of(Role.ADMINISTRATOR)),
          // the installation's backups: its administrators
          roles(
              HttpMethod.POST,
              "/api/v1/admin/backups",
              Scope.ADMIN,
              EnumSet.of(Role.ADMINISTRATOR)),
          roles(
              HttpMethod.GET,
              "/api/v1/admin/backups",
              Scope.ADMIN,
              EnumSet.of(Role.ADMINISTRATOR)));

  private ApiAccessRules() {}

  private static Rule publicEndpoint(HttpMethod method, String pattern) {
    return new Rule(method, pattern, true, null, Set.of());
  }

  private static Rule anyUser(HttpMethod method, String pattern, Scope scope) {
    return new Rule(method, pattern, false, scope, Set.of());
  }

  private static Rule roles(HttpMethod method, String pattern, Scope scope, Set<Role> roles) {
    return new Rule(method, pattern, false, scope, roles);
  }

  private static Rule coordinators(HttpMethod method, String pattern, Scope scope) {
    return roles(method, pattern, scope, EnumSet.of(Role.COORDINATOR));
  }

  static Optional<Rule> ruleFor(HttpServletRequest request) {
    return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
  }

  /**
   * Whether a refusal is only for the token's scope: the caller's roles would do, but the token
   * they used was not given the scope the endpoint needs.
   */
  static boolean refusedForScopeOnly(HttpServletRequest request, Authentication authentication) {
    if (!(authentication instanceof TokenAuthentication token)) {
      return false;
    }
    return ruleFor(request)
        .filter(rule -> rule.scope() != null && !token.scopes().contains(rule.scope()))
        .filter(rule -> rule.rolesAllow(authentication))
        .isPresent();
  }
}
