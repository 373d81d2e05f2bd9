package coop.sol.web.page;

import coop.sol.web.auth.Caller;
import coop.sol.web.user.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The home page of each role, and the navigation a user sees: the pages of all their roles. */
public final class HomePages {

  /** A link of the navigation: its path and the message key of its label. */
  public record Link(String path, String label) {}

  private static final Map<Role, List<Link>> NAVIGATION = new EnumMap<>(Role.class);

  static {
    List<Link> member =
        List.of(
            new Link("/member", "nav.member.balances"),
            new Link("/member/history", "nav.member.history"),
            new Link("/member/pay", "nav.member.pay"),
            new Link("/member/pay-token", "nav.member.payToken"),
            new Link("/member/cards", "nav.member.cards"),
            new Link("/annuaire", "nav.directory"));
    NAVIGATION.put(Role.MEMBER, member);
    NAVIGATION.put(
        Role.MERCHANT,
        List.of(
            new Link("/till", "nav.till.request"),
            new Link("/till/charge", "nav.till.charge"),
            new Link("/till/card", "nav.till.card"),
            new Link("/till/history", "nav.till.history"),
            new Link("/till/day", "tillday.nav"),
            new Link("/till/cashiers", "nav.till.cashiers"),
            new Link("/till/reconversion", "nav.till.reconversion"),
            new Link("/till/counter-code", "nav.till.counterCode"),
            new Link("/till/profile", "nav.till.profile")));
    NAVIGATION.put(
        Role.CASHIER,
        List.of(
            new Link("/till", "nav.till.request"),
            new Link("/till/charge", "nav.till.charge"),
            new Link("/till/card", "nav.till.card"),
            new Link("/till/day", "tillday.nav"),
            new Link("/till/counter-code", "nav.till.counterCode")));
    // exchange offices, associations, funders, coordinators (page.office, .association,
    // .coordinator)
    NAVIGATION.put(
        Role.EXCHANGE_AGENT,
        List.of(
            new Link("/office", "nav.office.till"), new Link("/cards/issue", "nav.cards.issue")));
    NAVIGATION.put(Role.ASSOCIATION, List.of(new Link("/association", "nav.association.hours")));
    NAVIGATION.put(Role.FUNDER, List.of(new Link("/funder", "nav.funder.vouchers")));
    NAVIGATION.put(
        Role.COORDINATOR,
        List.of(
            new Link("/coordinator", "nav.coordinator.dashboard"),
            new Link("/coordinator/accounts", "nav.coordinator.accounts"),
            new Link("/coordinator/fonte", "nav.coordinator.fonte"),
            new Link("/coordinator/people", "nav.coordinator.people"),
            new Link("/coordinator/corrections", "nav.coordinator.corrections"),
            new Link("/coordinator/transfers", "journalsearch.nav"),
            new Link("/coordinator/audit", "nav.coordinator.audit"),
            new Link("/coordinator/settings", "settings.nav"),
            new Link("/coordinator/directory", "nav.coordinator.directory"),
            new Link("/cards/issue", "nav.cards.issue"),
            new Link("/coordinator/cards", "nav.coordinator.cards")));
  }

  static {
    NAVIGATION.put(
        Role.ADMINISTRATOR,
        List.of(
            new Link("/admin/networks", "nav.admin.networks"),
            new Link("/admin/installation", "nav.admin.installation")));
  }

  private HomePages() {}

  /** Where {@code /} sends the caller: the first page of their first role that has pages. */
  public static String home(Caller caller) {
    for (Link link : navigation(caller)) {
      return link.path();
    }
    return "/account/profile";
  }

  /** The caller's links, each once, their roles' pages first, then the account settings. */
  public static List<Link> navigation(Caller caller) {
    Map<String, Link> links = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      if (caller.hasRole(role)) {
        for (Link link : NAVIGATION.getOrDefault(role, List.of())) {
          links.putIfAbsent(link.path(), link);
        }
      }
    }
    List<Link> all = new ArrayList<>(links.values());
    // the profile leads to the second factor and personal access tokens ("advanced")
    all.add(new Link("/account/profile", "nav.account.profile"));
    all.add(new Link("/account/password", "nav.account.password"));
    return List.copyOf(all);
  }
}
