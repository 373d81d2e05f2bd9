package coop.sol.web.page.coordinator;

import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.user.PersonRow;
import coop.sol.ledger.user.PersonStatus;
import coop.sol.ledger.user.RoleProposal;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.page.AccountPages;
import coop.sol.web.page.FormError;
import coop.sol.web.page.IssuedActivations;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.people.ActivationLetters;
import coop.sol.web.people.People;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /coordinator/people}: the network's people, with the services of {@code /api/v1/people}.
 * Search by name, username or email, role and status; enrol a person with their roles (the
 * activation code, its link and a button to print the letter are shown once, on the page that
 * answers the enrolment); reset a person's access; approve or decline a coordinator's appointment
 * proposed by another coordinator.
 */
@Hidden
@Controller
@RequestMapping("/coordinator/people")
class PeoplePage {
  static final List<Role> ROLES =
      List.of(
          Role.MEMBER,
          Role.MERCHANT,
          Role.CASHIER,
          Role.EXCHANGE_AGENT,
          Role.ASSOCIATION,
          Role.FUNDER,
          Role.COORDINATOR);

  private final People people;
  private final Coordination coordination;
  private final ActivationLetters letters;
  private final AccountPages accounts;
  private final ProblemMessages problems;

  PeoplePage(
      People people,
      Coordination coordination,
      ActivationLetters letters,
      AccountPages accounts,
      ProblemMessages problems) {
    this.people = people;
    this.coordination = coordination;
    this.letters = letters;
    this.accounts = accounts;
    this.problems = problems;
  }

  record Form(
      String username,
      String displayName,
      String email,
      String language,
      List<String> roles,
      String merchant,
      People.Business business) {}

  /** A merchant's business profile as the form gives it: null when every field is empty. */
  static People.Business business(
      String tradingName,
      String category,
      String address,
      String town,
      String phone,
      String website,
      String openingHours,
      String description) {
    List<String> fields =
        List.of(tradingName, category, address, town, phone, website, openingHours, description);
    if (fields.stream().allMatch(String::isBlank)) {
      return null;
    }
    return new People.Business(
        tradingName.strip(),
        category.isBlank() ? null : category.strip(),
        address,
        town,
        phone,
        website,
        openingHours,
        description,
        null);
  }

  record Row(
      long id, String username, String displayName, String email, String status, String roles) {}

  record Appointment(
      long id, String username, String displayName, String proposedBy, String at, boolean mine) {}

  @GetMapping
  String page(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "") String status,
      Caller caller,
      Locale locale,
      Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new Form("", "", "", "", List.of("MEMBER"), "", null));
    }
    model.addAttribute("errors", List.of());
    fill(caller, q, role, status, locale, model);
    return "coordinator/people";
  }

  @PostMapping
  String enrol(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String language,
      @RequestParam(required = false) List<String> roles,
      @RequestParam(defaultValue = "") String merchant,
      @RequestParam(defaultValue = "") String tradingName,
      @RequestParam(defaultValue = "") String category,
      @RequestParam(defaultValue = "") String address,
      @RequestParam(defaultValue = "") String town,
      @RequestParam(defaultValue = "") String phone,
      @RequestParam(defaultValue = "") String website,
      @RequestParam(defaultValue = "") String openingHours,
      @RequestParam(defaultValue = "") String description,
      Caller caller,
      HttpServletRequest http,
      Locale locale,
      Model model) {
    Network network = coordination.details(coordination.network(caller));
    Form form =
        new Form(
            username.strip(),
            displayName.strip(),
            email.strip(),
            language.strip(),
            roles == null ? List.of() : roles,
            merchant.strip(),
            business(
                tradingName, category, address, town, phone, website, openingHours, description));
    List<FormError> errors = new ArrayList<>();
    try {
      People.Issued issued =
          people.enrol(
              caller,
              network,
              new People.Enrolment(
                  form.username(),
                  form.displayName(),
                  form.email(),
                  form.language(),
                  form.roles(),
                  form.merchant().isEmpty() ? null : form.merchant(),
                  form.business()),
              ClientAddress.of(http));
      return IssuedActivations.show(
          issued,
          "/coordinator/people/" + issued.personId() + "/letter",
          "/coordinator/people",
          locale,
          model);
    } catch (ApiProblemException e) {
      String field = e.field() == null ? null : e.field();
      errors.add(new FormError(field, problems.problemKey(e.code())));
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    fill(caller, "", "", "", locale, model);
    return "coordinator/people";
  }

  @PostMapping("/{id}/reset")
  String reset(
      @PathVariable long id, Caller caller, HttpServletRequest http, Locale locale, Model model) {
    People.Issued issued = people.reset(caller, id, ClientAddress.of(http));
    return IssuedActivations.show(
        issued,
        "/coordinator/people/" + issued.personId() + "/letter",
        "/coordinator/people",
        locale,
        model);
  }

  @PostMapping("/{id}/letter")
  ResponseEntity<byte[]> letter(
      @PathVariable long id, @RequestParam(defaultValue = "") String code, Caller caller) {
    return IssuedActivations.pdf(letters, people.letter(caller, id, code));
  }

  @PostMapping("/appointments/{id}/approve")
  String approve(
      @PathVariable long id, Caller caller, HttpServletRequest http, RedirectAttributes redirect) {
    return decide(id, true, caller, http, redirect);
  }

  @PostMapping("/appointments/{id}/decline")
  String decline(
      @PathVariable long id, Caller caller, HttpServletRequest http, RedirectAttributes redirect) {
    return decide(id, false, caller, http, redirect);
  }

  private String decide(
      long id,
      boolean approve,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    try {
      people.decide(caller, id, approve, ClientAddress.of(http));
      redirect.addFlashAttribute(
          "done", approve ? "people.appointment.approved" : "people.appointment.declined");
    } catch (ApiProblemException e) {
      redirect.addFlashAttribute("decisionError", problems.problemKey(e.code()));
    }
    return "redirect:/coordinator/people";
  }

  private void fill(
      Caller caller, String q, String role, String status, Locale locale, Model model) {
    NetworkId id = coordination.network(caller);
    Network network = coordination.details(id);
    Role r = role.isBlank() ? null : People.parseRoleOrNull(role);
    PersonStatus s = null;
    for (PersonStatus candidate : PersonStatus.values()) {
      if (candidate.name().equals(status)) {
        s = candidate;
      }
    }
    List<Row> rows = new ArrayList<>();
    String query = q.length() > 200 ? q.substring(0, 200) : q;
    for (PersonRow row : people.search(network, query.isBlank() ? null : query, r, s, 200)) {
      rows.add(
          new Row(
              row.user().id(),
              row.user().username(),
              row.user().displayName(),
              row.user().email() == null ? "" : row.user().email(),
              row.status().name(),
              String.join(
                  ", ",
                  row.user().roles().stream()
                      .filter(g -> g.networkId() != null && g.networkId() == id.value())
                      .map(g -> g.role())
                      .toList())));
    }
    List<Appointment> appointments = new ArrayList<>();
    for (RoleProposal p : people.pendingAppointments(network)) {
      appointments.add(
          new Appointment(
              p.id(),
              p.username(),
              p.displayName(),
              p.proposedByName(),
              accounts.date(p.proposedAt(), locale),
              p.proposedBy() == caller.userId()));
    }
    model.addAttribute("network", network);
    model.addAttribute("categories", people.merchantCategories(network));
    model.addAttribute("people", rows);
    model.addAttribute("appointments", appointments);
    model.addAttribute("roleChoices", ROLES.stream().map(Role::name).toList());
    model.addAttribute("statuses", List.of("PENDING", "ACTIVE", "DISABLED"));
    model.addAttribute("q", q);
    model.addAttribute("role", role);
    model.addAttribute("status", status);
  }
}
