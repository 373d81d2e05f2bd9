package coop.sol.web.security;

import coop.sol.web.user.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which roles may open each web page ({@code coop.sol.web.page}), in one table, as {@link
 * ApiAccessRules} does for the API. Pages need a session (the login form); a page missing from this
 * table is refused to everyone (403, or the login form when nobody is logged in), and so is a page
 * asked for with a token or HTTP Basic rather than the session. Which network's accounts a page
 * shows is decided by the services it calls, as for the API. {@code PageAccessIT} checks every page
 * for every role.
 */
final class PageAccessRules {

  /**
   * One page's rule.
   *
   * @param roles the roles, any of which lets a user in; empty means any logged-in user
   */
  record Rule(HttpMethod method, String pattern, Set<Role> roles) {
    Rule {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pattern, "pattern");
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    RequestMatcher matcher() {
      return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    AuthorizationManager<RequestAuthorizationContext> manager() {
      AuthorizationManager<RequestAuthorizationContext> who =
          roles.isEmpty()
              ? AuthenticatedAuthorizationManager.authenticated()
              : AuthorityAuthorizationManager.hasAnyRole(
                  roles.stream().map(Role::name).toArray(String[]::new));
      return AuthorizationManagers.allOf(SESSION_ONLY, who);
    }
  }

  /**
   * Pages are for a browser's session: a request carrying credentials of its own (a token, HTTP
   * Basic) is refused, as it would bypass the CSRF check and, for a token, its scopes.
   */
  private static final AuthorizationManager<RequestAuthorizationContext> SESSION_ONLY =
      (authentication, context) ->
          new AuthorizationDecision(
              context.getRequest().getHeader(HttpHeaders.AUTHORIZATION) == null);

  /** Static files every page uses, readable before logging in (the login page's included). */
  static final String[] STATIC_ASSETS = {"/css/**", "/js/**", "/img/**", "/favicon.ico"};

  private static final Set<Role> MEMBER = EnumSet.of(Role.MEMBER);

  /** Who works a merchant's till: the merchant and their cashiers. */
  private static final Set<Role> TILL = EnumSet.of(Role.MERCHANT, Role.CASHIER);

  /** The merchant only: cashiers take payments, but neither hire cashiers nor cash out SOL. */
  private static final Set<Role> MERCHANT = EnumSet.of(Role.MERCHANT);

  private static final Set<Role> EXCHANGE_AGENT = EnumSet.of(Role.EXCHANGE_AGENT);
  private static final Set<Role> ASSOCIATION = EnumSet.of(Role.ASSOCIATION);
  private static final Set<Role> FUNDER = EnumSet.of(Role.FUNDER);
  private static final Set<Role> COORDINATOR = EnumSet.of(Role.COORDINATOR);
  private static final Set<Role> ADMINISTRATOR = EnumSet.of(Role.ADMINISTRATOR);

  /** Who issues member cards: the network's coordinators and exchange offices. */
  private static final Set<Role> CARD_STAFF = EnumSet.of(Role.COORDINATOR, Role.EXCHANGE_AGENT);

  static final List<Rule> RULES =
      List.of(
          // --- every user: their home page, their account settings
          anyUser(HttpMethod.GET, "/"),
          anyUser(HttpMethod.GET, "/account/profile"),
          anyUser(HttpMethod.POST, "/account/profile"),
          // each person's own notifications
          anyUser(HttpMethod.GET, "/account/notices"),
          anyUser(HttpMethod.POST, "/account/notices/read"),
          anyUser(HttpMethod.GET, "/account/tokens"),
          anyUser(HttpMethod.POST, "/account/tokens"),
          anyUser(HttpMethod.POST, "/account/tokens/{id}/revoke"),
          anyUser(HttpMethod.GET, "/account/security"),
          anyUser(HttpMethod.POST, "/account/security/totp/start"),
          anyUser(HttpMethod.GET, "/account/security/totp/qr.svg"),
          anyUser(HttpMethod.POST, "/account/security/totp/confirm"),
          anyUser(HttpMethod.POST, "/account/security/totp/disable"),
          // one's own password (the current one required; other sessions and tokens end)
          anyUser(HttpMethod.GET, "/account/password"),
          anyUser(HttpMethod.POST, "/account/password"),
          // a code's link (what a phone's camera opens): the page decides by the kind of code
          anyUser(HttpMethod.GET, "/p/{payload}"),
          anyUser(HttpMethod.POST, "/p/{payload}"),
          // a transfer's receipt: the page answers 404 to anyone not on either side of it
          anyUser(HttpMethod.GET, "/receipts/{id}"),
          // a photo or camera frame of a QR code, decoded on the server (members and tills)
          roles(
              HttpMethod.POST, "/qr/decode", EnumSet.of(Role.MEMBER, Role.MERCHANT, Role.CASHIER)),
          // --- members (coop.sol.web.page.member)
          roles(HttpMethod.GET, "/member", MEMBER),
          roles(HttpMethod.GET, "/member/history", MEMBER),
          roles(HttpMethod.GET, "/member/pay", MEMBER),
          roles(HttpMethod.POST, "/member/pay", MEMBER),
          roles(HttpMethod.GET, "/member/paid/{transferId}", MEMBER),
          roles(HttpMethod.GET, "/member/pay-token", MEMBER),
          roles(HttpMethod.POST, "/member/pay-token", MEMBER),
          roles(HttpMethod.GET, "/member/pay-token/{id}", MEMBER),
          // members paying members, where the network allows it (MemberPayPages answers 403 else)
          roles(HttpMethod.GET, "/member/pay-member", MEMBER),
          roles(HttpMethod.POST, "/member/pay-member", MEMBER),
          roles(HttpMethod.GET, "/member/receive", MEMBER),
          roles(HttpMethod.GET, "/member/receive.png", MEMBER),
          // whether members pay members, on the coordinator's settings page
          roles(HttpMethod.POST, "/coordinator/settings/member-payments", COORDINATOR),
          // --- merchants' tills (coop.sol.web.page.merchant)
          roles(HttpMethod.GET, "/till", TILL),
          roles(HttpMethod.POST, "/till/requests", TILL),
          roles(HttpMethod.GET, "/till/requests/{id}", TILL),
          roles(HttpMethod.POST, "/till/requests/{id}/cancel", TILL),
          roles(HttpMethod.GET, "/till/charge", TILL),
          roles(HttpMethod.POST, "/till/charge", TILL),
          roles(HttpMethod.GET, "/till/card", TILL),
          roles(HttpMethod.POST, "/till/card", TILL),
          roles(HttpMethod.POST, "/till/card/pay", TILL),
          roles(HttpMethod.GET, "/till/charged/{transferId}", TILL),
          // a merchant account's history is its holder's, as in the API: not the cashiers'
          roles(HttpMethod.GET, "/till/history", MERCHANT),
          roles(HttpMethod.POST, "/till/refunds", TILL),
          roles(HttpMethod.GET, "/till/refunds/{transferId}", TILL),
          // the day's QR sales and its closing report: a cashier's own, the merchant's of all
          roles(HttpMethod.GET, "/till/day", TILL),
          roles(HttpMethod.GET, "/till/day/closing.csv", TILL),
          roles(HttpMethod.GET, "/till/day/closing.pdf", TILL),
          roles(HttpMethod.GET, "/till/counter-code", TILL),
          roles(HttpMethod.GET, "/till/cashiers", MERCHANT),
          roles(HttpMethod.POST, "/till/cashiers/limits", MERCHANT),
          roles(HttpMethod.POST, "/till/cashiers/new", MERCHANT),
          roles(HttpMethod.POST, "/till/cashiers/{id}/letter", MERCHANT),
          roles(HttpMethod.GET, "/till/profile", MERCHANT),
          roles(HttpMethod.POST, "/till/profile", MERCHANT),
          roles(HttpMethod.GET, "/till/reconversion", MERCHANT),
          roles(HttpMethod.POST, "/till/reconversion", MERCHANT),
          // --- exchange offices (coop.sol.web.page.office)
          roles(HttpMethod.GET, "/office", EXCHANGE_AGENT),
          roles(HttpMethod.POST, "/office/sales", EXCHANGE_AGENT),
          // --- associations and funders (coop.sol.web.page.association)
          roles(HttpMethod.GET, "/association", ASSOCIATION),
          roles(HttpMethod.POST, "/association/certifications", ASSOCIATION),
          roles(HttpMethod.GET, "/funder", FUNDER),
          roles(HttpMethod.POST, "/funder/vouchers", FUNDER),
          roles(HttpMethod.GET, "/funder/vouchers/{id}", FUNDER),
          roles(HttpMethod.GET, "/funder/vouchers/{id}/qr.png", FUNDER),
          roles(HttpMethod.GET, "/funder/lots", FUNDER),
          // --- coordinators (coop.sol.web.page.coordinator)
          roles(HttpMethod.GET, "/coordinator", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/accounts", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/accounts/{id}", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/accounts/{id}/status", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/fonte", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/fonte/runs", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/corrections", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/corrections", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/corrections/{id}/approve", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/corrections/{id}/decline", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/audit", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/settings", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/transfers", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/exchange", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/transparency", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/rates", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/categories", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/merchants", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/settings/associations", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/people", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/people/import", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/import", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/import/confirm", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/{id}/reset", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/{id}/letter", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/appointments/{id}/approve", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/people/appointments/{id}/decline", COORDINATOR),
          // --- the installation's administrators (coop.sol.web.page.admin): no ledger data
          roles(HttpMethod.GET, "/admin/networks", ADMINISTRATOR),
          roles(HttpMethod.POST, "/admin/networks", ADMINISTRATOR),
          roles(HttpMethod.GET, "/admin/networks/{code}", ADMINISTRATOR),
          roles(HttpMethod.POST, "/admin/networks/{code}", ADMINISTRATOR),
          roles(HttpMethod.POST, "/admin/networks/{code}/coordinators", ADMINISTRATOR),
          roles(HttpMethod.POST, "/admin/networks/{code}/people/{id}/letter", ADMINISTRATOR),
          // --- member cards (coop.sol.web.page.card): issuing by the network's staff, the
          // holder's cards, the network's caps
          roles(HttpMethod.GET, "/cards/issue", CARD_STAFF),
          roles(HttpMethod.POST, "/cards/issue", CARD_STAFF),
          roles(HttpMethod.POST, "/cards/issue/pin", CARD_STAFF),
          roles(HttpMethod.GET, "/cards/{id}", CARD_STAFF),
          roles(HttpMethod.POST, "/cards/{id}/pin-reset", CARD_STAFF),
          roles(HttpMethod.GET, "/member/cards", MEMBER),
          roles(HttpMethod.POST, "/member/cards/{id}/block", MEMBER),
          roles(HttpMethod.POST, "/member/cards/{id}/unblock", MEMBER),
          roles(HttpMethod.POST, "/member/cards/{id}/daily-cap", MEMBER),
          roles(HttpMethod.POST, "/member/cards/{id}/pin", MEMBER),
          roles(HttpMethod.GET, "/coordinator/cards", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/cards/caps", COORDINATOR),
          roles(HttpMethod.GET, "/admin/installation", ADMINISTRATOR),
          roles(HttpMethod.GET, "/coordinator/directory", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/directory/publication", COORDINATOR),
          roles(HttpMethod.GET, "/coordinator/directory/{accountId}", COORDINATOR),
          roles(HttpMethod.POST, "/coordinator/directory/{accountId}", COORDINATOR));

  private PageAccessRules() {}

  private static Rule anyUser(HttpMethod method, String pattern) {
    return new Rule(method, pattern, Set.of());
  }

  private static Rule roles(HttpMethod method, String pattern, Set<Role> roles) {
    return new Rule(method, pattern, roles);
  }
}
