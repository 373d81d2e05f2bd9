package coop.sol.web.page.association;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.Versioned;
import coop.sol.ledger.volunteer.HoursCredited;
import coop.sol.ledger.volunteer.VolunteerHours;
import coop.sol.ledger.volunteer.Volunteering;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.page.Amounts;
import coop.sol.web.page.FormError;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /association}: an association certifies a member's volunteer hours, credited in SOL
 * Engagement at its hourly rate within what its allowance has left (the volunteering service of
 * {@code POST /api/v1/volunteering/certifications}).
 */
@Hidden
@Controller
@RequestMapping("/association")
class AssociationPages {
  /** A year of minutes, as the API: more in one certification is a typing mistake. */
  static final int MAX_MINUTES = 525_600;

  private final Ledger ledger;
  private final Volunteering volunteering;
  private final Operations operations;
  private final NetworkDirectory networks;
  private final ProblemMessages problems;
  private final coop.sol.web.page.AccountPages accounts;

  AssociationPages(
      Ledger ledger,
      Operations operations,
      NetworkDirectory networks,
      ProblemMessages problems,
      coop.sol.web.page.AccountPages accounts) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.volunteering = operations.volunteering();
    this.operations = operations;
    this.networks = networks;
    this.problems = problems;
  }

  record HoursForm(String member, String hours, String minutes, String description, String key) {}

  record Certified(String member, long minutes, String amount, String duration)
      implements Serializable {}

  /** A past certification: when, for whom, how long ("2 h 30"), what, and the SOL credited. */
  record PastCertification(
      long transferId,
      String date,
      String member,
      String duration,
      String activity,
      String amount) {}

  private static final java.util.regex.Pattern MEMO =
      java.util.regex.Pattern.compile("([0-9]+) min(?: - (.*))?", java.util.regex.Pattern.DOTALL);

  /** Minutes as hours and minutes: "2 h 30", "45 min", "3 h". */
  static String duration(long minutes) {
    long h = minutes / 60;
    long m = minutes % 60;
    if (h == 0) {
      return m + " min";
    }
    return m == 0 ? h + " h" : h + " h " + (m < 10 ? "0" + m : Long.toString(m));
  }

  static final int PAST_CERTIFICATIONS = 20;

  @GetMapping
  String page(Caller caller, Locale locale, Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new HoursForm("", "", "", "", UUID.randomUUID().toString()));
    }
    model.addAttribute("errors", List.of());
    fill(caller, locale, model);
    return "association/hours";
  }

  @PostMapping("/certifications")
  String certify(
      @RequestParam(defaultValue = "") String member,
      @RequestParam(defaultValue = "") String hours,
      @RequestParam(defaultValue = "") String minutes,
      @RequestParam(defaultValue = "") String description,
      @RequestParam(defaultValue = "") String key,
      Caller caller,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    NetworkId network = network(caller);
    HoursForm form =
        new HoursForm(member.strip(), hours.strip(), minutes.strip(), description.strip(), key);
    List<FormError> errors = new ArrayList<>();
    Optional<Account> memberAccount = Optional.empty();
    if (form.member().isEmpty()) {
      errors.add(new FormError("member", "association.hours.member.required"));
    } else {
      memberAccount =
          ledger.accounts().findByOwner(network, OwnerKind.MEMBER, form.member()).stream()
              .filter(a -> a.strand() == StrandKind.ENGAGEMENT)
              .min(Comparator.comparing(a -> a.id().value()));
      if (memberAccount.isEmpty()) {
        errors.add(new FormError("member", "association.hours.member.unknown"));
      }
    }
    int total = minutes(form.hours(), form.minutes());
    if (total <= 0 || total > MAX_MINUTES) {
      errors.add(new FormError("hours", "association.hours.duration.invalid"));
    }
    if (form.description().length() > 460) {
      errors.add(new FormError("description", "association.hours.description.tooLong"));
    }
    if (errors.isEmpty()) {
      try {
        Account association = own(caller, network);
        HoursCredited credited =
            LedgerProblems.done(
                volunteering.certify(
                    new VolunteerHours(
                        network,
                        ClientKeys.ledgerKey(caller, key),
                        association.id(),
                        memberAccount.get().id(),
                        total,
                        form.description().isEmpty() ? null : form.description())));
        redirect.addFlashAttribute(
            "certified",
            new Certified(
                memberAccount.get().name(),
                credited.minutes(),
                Amounts.format(
                    credited.amount(), networks.scale(network, StrandKind.ENGAGEMENT), locale),
                duration(credited.minutes())));
        return "redirect:/association";
      } catch (ApiProblemException e) {
        errors.add(new FormError(null, problems.problemKey(e.code())));
      }
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    fill(caller, locale, model);
    return "association/hours";
  }

  /** Hours and minutes typed as whole numbers; -1 when either is not one. */
  static int minutes(String hours, String minutes) {
    try {
      long h = hours.isEmpty() ? 0 : Long.parseLong(hours);
      long m = minutes.isEmpty() ? 0 : Long.parseLong(minutes);
      if (h < 0 || m < 0 || m > 59 || h > MAX_MINUTES) {
        return -1;
      }
      return Math.toIntExact(h * 60 + m);
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }

  /** What the allowance has left and the hourly rate. */
  private void fill(Caller caller, Locale locale, Model model) {
    NetworkId network = network(caller);
    int scale = networks.scale(network, StrandKind.ENGAGEMENT);
    Optional<Account> account = ownAccount(caller, network);
    model.addAttribute(
        "remaining",
        account
            .map(a -> LedgerProblems.done(volunteering.remainingAllowance(network, a.id())))
            .map(r -> Amounts.format(r, scale, locale))
            .orElse(null));
    model.addAttribute("past", past(network, account, scale, locale));
    model.addAttribute(
        "ratePerHour",
        operations
            .settings()
            .volunteerRate(network, caller.username())
            .map(Versioned::value)
            .map(rate -> Amounts.format(rate, scale, locale))
            .orElse(null));
  }

  /** The association's latest certifications (its VOLUNTEER_CREDIT transfers), newest first. */
  private List<PastCertification> past(
      NetworkId network, Optional<Account> account, int scale, Locale locale) {
    if (account.isEmpty()) {
      return List.of();
    }
    List<PastCertification> rows = new ArrayList<>();
    for (coop.sol.ledger.transfer.Transfer t :
        ledger
            .transfers()
            .history(
                network,
                account.get().id(),
                new coop.sol.ledger.transfer.HistoryQuery(
                    null,
                    null,
                    null,
                    java.util.Set.of(coop.sol.ledger.transfer.TransferCode.VOLUNTEER_CREDIT),
                    PAST_CERTIFICATIONS))) {
      var memo = MEMO.matcher(t.memo() == null ? "" : t.memo());
      boolean parsed = memo.matches();
      rows.add(
          new PastCertification(
              t.id().value(),
              accounts.date(t.createdAt(), locale),
              ledger.accounts().find(network, t.credit()).map(Account::name).orElse(""),
              parsed ? duration(Long.parseLong(memo.group(1))) : "",
              parsed ? (memo.group(2) == null ? "" : memo.group(2)) : t.memo(),
              Amounts.format(t.amount(), scale, locale)));
    }
    return rows;
  }

  private Optional<Account> ownAccount(Caller caller, NetworkId network) {
    return ledger.accounts().findByOwner(network, OwnerKind.ASSOCIATION, caller.username()).stream()
        .filter(a -> a.strand() == StrandKind.ENGAGEMENT)
        .min(Comparator.comparing(a -> a.id().value()));
  }

  private Account own(Caller caller, NetworkId network) {
    return ownAccount(caller, network)
        .orElseThrow(
            () ->
                LedgerProblems.problem(
                    coop.sol.ledger.operation.OperationReason.ACCOUNT_NOT_FOUND));
  }

  static NetworkId network(Caller caller) {
    return caller.networksAs(Role.ASSOCIATION).stream()
        .min(Comparator.comparing(NetworkId::value))
        .orElseThrow(() -> new ApiProblemException(ProblemCode.FORBIDDEN));
  }
}
