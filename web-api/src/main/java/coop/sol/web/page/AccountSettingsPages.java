package coop.sol.web.page;

import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.auth.Scope;
import coop.sol.web.token.PersonalAccessTokens;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every user's account settings: personal access tokens for tills and scripts ({@link
 * PersonalAccessTokens}, as {@code /api/v1/auth/tokens}: the token is shown once, then only its
 * prefix). The second factor: {@link SecondFactorPages}.
 */
@Hidden
@Controller
class AccountSettingsPages {
  /** As the API: 90 days unless chosen, at most a year. */
  private static final int DEFAULT_LIFETIME_DAYS = 90;

  private static final int MAX_LIFETIME_DAYS = 365;

  private final PersonalAccessTokens tokens;
  private final Users users;
  private final AccountPages accounts;

  AccountSettingsPages(PersonalAccessTokens tokens, Users users, AccountPages accounts) {
    this.tokens = tokens;
    this.users = users;
    this.accounts = accounts;
  }

  /** A token as listed: never its secret. */
  record TokenRow(
      long id, String name, String prefix, List<String> scopes, String expires, String lastUsed) {}

  @GetMapping("/account/tokens")
  String tokens(Caller caller, Locale locale, Model model) {
    model.addAttribute(
        "tokens",
        tokens.active(caller.userId()).stream()
            .map(
                t ->
                    new TokenRow(
                        t.id(),
                        t.name(),
                        t.prefix(),
                        t.scopes().stream().sorted().map(Scope::value).toList(),
                        accounts.date(t.expiresAt(), locale),
                        t.lastUsedAt() == null ? null : accounts.date(t.lastUsedAt(), locale)))
            .toList());
    model.addAttribute("scopes", usableScopes(caller).stream().map(Scope::value).toList());
    return "account/tokens";
  }

  /**
   * @param scopes the scopes asked for, among those the user's roles can use
   * @param days the token's lifetime, 1 to 365
   */
  @PostMapping("/account/tokens")
  String create(
      @RequestParam(required = false) String name,
      @RequestParam(required = false) List<String> scopes,
      @RequestParam(required = false) Integer days,
      Caller caller,
      Locale locale,
      Model model,
      HttpServletRequest http) {
    List<FormError> errors = new ArrayList<>();
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      errors.add(new FormError("name", "account.tokens.name.required"));
    }
    Set<Scope> chosen = EnumSet.noneOf(Scope.class);
    Set<Scope> usable = usableScopes(caller);
    for (String value : scopes == null ? List.<String>of() : scopes) {
      Scope.parse(value).filter(usable::contains).ifPresent(chosen::add);
    }
    if (chosen.isEmpty()) {
      errors.add(
          new FormError(
              "scope-" + usable.iterator().next().value(), "account.tokens.scopes.required"));
    }
    int lifetime = days == null ? DEFAULT_LIFETIME_DAYS : days;
    if (lifetime < 1 || lifetime > MAX_LIFETIME_DAYS) {
      errors.add(new FormError("days", "account.tokens.days.invalid"));
    }
    if (!errors.isEmpty()) {
      model.addAttribute("errors", errors);
      model.addAttribute("name", name);
      return tokens(caller, locale, model);
    }
    AppUser owner = users.find(caller.userId()).orElseThrow();
    var created =
        tokens.create(
            owner, name.strip(), chosen, Duration.ofDays(lifetime), ClientAddress.of(http));
    model.addAttribute("createdToken", created.token());
    model.addAttribute("createdName", created.summary().name());
    return tokens(caller, locale, model);
  }

  @PostMapping("/account/tokens/{id}/revoke")
  String revoke(
      @PathVariable long id, Caller caller, HttpServletRequest http, RedirectAttributes redirect) {
    AppUser owner = users.find(caller.userId()).orElseThrow();
    redirect.addFlashAttribute(
        "messageKey",
        tokens.revoke(owner, id, ClientAddress.of(http))
            ? "account.tokens.revoked"
            : "problem.NOT_FOUND");
    return "redirect:/account/tokens";
  }

  private static Set<Scope> usableScopes(Caller caller) {
    List<coop.sol.web.user.Role> roles = caller.grants().stream().map(RoleGrant::role).toList();
    Set<Scope> usable = EnumSet.noneOf(Scope.class);
    for (Scope scope : Scope.values()) {
      if (scope.usableBy(roles)) {
        usable.add(scope);
      }
    }
    return usable;
  }
}
