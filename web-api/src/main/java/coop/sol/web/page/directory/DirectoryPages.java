package coop.sol.web.page.directory;

import coop.sol.ledger.account.Account;
import coop.sol.ledger.directory.DirectoryEntry;
import coop.sol.ledger.directory.DirectorySearch;
import coop.sol.ledger.directory.MerchantProfile;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.MerchantCategory;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.directory.Directory;
import coop.sol.web.page.FormError;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory's pages. {@code /annuaire} is open to everyone when the network publishes its
 * directory; otherwise a visitor is sent to the login form (and back), and a user of another
 * network gets the "not found" page. Listings are written by their merchant ({@code /till/profile})
 * or by a coordinator of the network ({@code /coordinator/directory/{accountId}}).
 */
@Hidden
@Controller
class DirectoryPages {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final Directory directory;
  private final AuditLog audit;

  DirectoryPages(Directory directory, AuditLog audit) {
    this.directory = directory;
    this.audit = audit;
  }

  /** A merchant as the page shows it: every text ready, empty ones left out by the template. */
  record Row(
      String merchant,
      String tradingName,
      String categories,
      String description,
      String address,
      String mapLink,
      String openingHours,
      String phone,
      String website,
      List<String> strands) {}

  @GetMapping({"/annuaire", "/directory"})
  String directory(
      @RequestParam(required = false) String network,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String town,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<Caller> caller = directory.caller();
    if (caller.isEmpty() && (network == null || network.isBlank())) {
      return loginFirst(request, response);
    }
    Network n = directory.network(caller, network);
    switch (directory.access(caller, n)) {
      case LOGIN_NEEDED -> {
        return loginFirst(request, response);
      }
      case HIDDEN -> throw new ApiProblemException(ProblemCode.NOT_FOUND);
      case OPEN -> {
        // below
      }
    }
    var search = new DirectorySearch(q, category, town);
    List<Row> rows = directory.search(n, search).stream().map(DirectoryPages::row).toList();
    model.addAttribute("networkCode", n.code());
    model.addAttribute("networkName", n.name());
    model.addAttribute("published", directory.merchants().published(n.id()));
    model.addAttribute("categories", directory.merchants().categories(n.id()));
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("category", category == null ? "" : category);
    model.addAttribute("town", town == null ? "" : town);
    model.addAttribute("rows", rows);
    model.addAttribute("guide", "/api/v1/directory/guide.pdf?network=" + n.code());
    return "directory/directory";
  }

  /**
   * Members only and nobody logged in: the login form, which comes back here once logged in (as
   * Spring Security does for the pages it guards).
   */
  private static String loginFirst(HttpServletRequest request, HttpServletResponse response) {
    new HttpSessionRequestCache().saveRequest(request, response);
    return "redirect:/login";
  }

  private static Row row(DirectoryEntry e) {
    MerchantProfile p = e.profile();
    return new Row(
        p.merchantRef(),
        p.tradingName(),
        e.categories().stream().map(MerchantCategory::label).collect(Collectors.joining(", ")),
        p.description(),
        p.fullAddress(),
        Directory.mapLink(p.fullAddress()),
        p.openingHours(),
        p.phone(),
        p.website(),
        p.strands().stream().sorted().map(StrandKind::name).toList());
  }

  // --- a merchant's own listing

  @GetMapping("/till/profile")
  String ownProfile(Caller caller, Locale locale, Model model) {
    Account account = ownAccount(caller);
    return profileForm(account, "/till/profile", locale, model);
  }

  @PostMapping("/till/profile")
  String saveOwnProfile(
      @RequestParam Map<String, String> fields,
      @RequestParam(name = "strands", required = false) List<String> strands,
      Caller caller,
      HttpServletRequest http,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    Account account = ownAccount(caller);
    return save(account, fields, strands, caller, http, "/till/profile", locale, model, redirect);
  }

  private Account ownAccount(Caller caller) {
    return directory
        .ownMerchantAccount(caller)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  // --- the coordinators' page

  /** A merchant of the network, with or without a listing. */
  record MerchantRow(long accountId, String merchant, String accountName, String tradingName) {}

  @GetMapping("/coordinator/directory")
  String coordinatorDirectory(
      @RequestParam(required = false) String network, Caller caller, Model model) {
    Network n = coordinated(caller, network);
    List<MerchantRow> merchants = new ArrayList<>();
    for (Account a : directory.merchantAccounts(n.id())) {
      merchants.add(
          new MerchantRow(
              a.id().value(),
              a.ownerRef(),
              a.name(),
              directory
                  .merchants()
                  .entry(n.id(), a.ownerRef())
                  .map(e -> e.profile().tradingName())
                  .orElse(null)));
    }
    model.addAttribute("networkCode", n.code());
    model.addAttribute("published", directory.merchants().published(n.id()));
    model.addAttribute("merchants", merchants);
    return "directory/coordinator";
  }

  @PostMapping("/coordinator/directory/publication")
  String publish(
      @RequestParam boolean published,
      @RequestParam(required = false) String network,
      Caller caller,
      HttpServletRequest http) {
    Network n = coordinated(caller, network);
    if (directory.merchants().publish(n.id(), published, caller.username())) {
      audit.record(
          caller,
          http,
          AuditAction.DIRECTORY_PUBLICATION_CHANGED,
          n.id(),
          "directory",
          Map.of("published", published));
    }
    return "redirect:/coordinator/directory?network=" + n.code();
  }

  @GetMapping("/coordinator/directory/{accountId}")
  String merchantProfile(@PathVariable long accountId, Caller caller, Locale locale, Model model) {
    Account account = coordinatedMerchant(caller, accountId);
    return profileForm(account, "/coordinator/directory/" + accountId, locale, model);
  }

  @PostMapping("/coordinator/directory/{accountId}")
  String saveMerchantProfile(
      @PathVariable long accountId,
      @RequestParam Map<String, String> fields,
      @RequestParam(name = "strands", required = false) List<String> strands,
      Caller caller,
      HttpServletRequest http,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    Account account = coordinatedMerchant(caller, accountId);
    return save(
        account,
        fields,
        strands,
        caller,
        http,
        "/coordinator/directory/" + accountId,
        locale,
        model,
        redirect);
  }

  private Network coordinated(Caller caller, String code) {
    var mine = caller.networksAs(Role.COORDINATOR);
    if ((code == null || code.isBlank()) && mine.size() == 1) {
      return directory.network(mine.iterator().next());
    }
    Network n = directory.network(Optional.of(caller), code);
    if (!mine.contains(n.id())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return n;
  }

  /** A merchant account of a network the caller coordinates (404 otherwise). */
  private Account coordinatedMerchant(Caller caller, long accountId) {
    Account account = directory.writable(caller, accountId);
    if (!caller.holds(Role.COORDINATOR, account.network())) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return account;
  }

  // --- the listing's form, for both

  /** The form's values, as typed or as stored. */
  record Form(
      String tradingName,
      String description,
      String address,
      String town,
      String openingHours,
      String phone,
      String website,
      List<String> strands) {}

  private String profileForm(Account account, String action, Locale locale, Model model) {
    NetworkId network = account.network();
    Optional<DirectoryEntry> entry = directory.merchants().entry(network, account.ownerRef());
    if (!model.containsAttribute("form")) {
      model.addAttribute(
          "form",
          entry
              .map(
                  e -> {
                    MerchantProfile p = e.profile();
                    return new Form(
                        p.tradingName(),
                        p.description(),
                        p.address(),
                        p.town(),
                        p.openingHours(),
                        p.phone(),
                        p.website(),
                        p.strands().stream().map(StrandKind::name).toList());
                  })
              .orElse(new Form(account.name(), "", "", "", "", "", "", List.of("COOPERATION"))));
    }
    String categories =
        directory.merchants().merchantCategories(network, account.ownerRef()).stream()
            .map(MerchantCategory::label)
            .collect(Collectors.joining(", "));
    model.addAttribute("merchantCategories", categories);
    model.addAttribute("merchant", account.ownerRef());
    model.addAttribute("own", action.equals("/till/profile"));
    model.addAttribute("action", action);
    model.addAttribute("strandChoices", Directory.SOL_STRANDS.stream().map(Enum::name).toList());
    model.addAttribute("networkCode", directory.network(network).code());
    entry.ifPresent(
        e ->
            model.addAttribute(
                "changed",
                List.of(
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(locale)
                        .format(e.changedAt().atZone(PARIS)),
                    e.changedBy())));
    return "directory/profile";
  }

  private String save(
      Account account,
      Map<String, String> fields,
      List<String> strands,
      Caller caller,
      HttpServletRequest http,
      String action,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    Form form =
        new Form(
            fields.get("tradingName"),
            fields.get("description"),
            fields.get("address"),
            fields.get("town"),
            fields.get("openingHours"),
            fields.get("phone"),
            fields.get("website"),
            strands == null ? List.of() : List.copyOf(strands));
    try {
      MerchantProfile profile =
          Directory.profile(
              account.network(),
              account.ownerRef(),
              form.tradingName(),
              form.description(),
              form.address(),
              form.town(),
              form.openingHours(),
              form.phone(),
              form.website(),
              form.strands());
      LedgerProblems.done(directory.merchants().save(profile, caller.username()));
      audit.record(
          caller,
          http,
          AuditAction.MERCHANT_PROFILE_CHANGED,
          account.network(),
          "merchant " + account.ownerRef(),
          Map.of("tradingName", profile.tradingName()));
      redirect.addFlashAttribute("messageKey", "listing.saved");
      return "redirect:" + action;
    } catch (ApiProblemException refused) {
      String field = refused.field() == null ? "tradingName" : refused.field();
      model.addAttribute("form", form);
      model.addAttribute(
          "errors",
          List.of(
              new FormError(
                  field,
                  PROFILE_FIELDS.contains(field)
                      ? "listing.error." + field
                      : "problem.INVALID_TEXT")));
      model.addAttribute("invalid", field);
      return profileForm(account, action, locale, model);
    }
  }

  private static final List<String> PROFILE_FIELDS =
      List.of(
          "tradingName",
          "description",
          "address",
          "town",
          "openingHours",
          "phone",
          "website",
          "strands");
}
