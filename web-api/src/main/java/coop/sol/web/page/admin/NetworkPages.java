package coop.sol.web.page.admin;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkProfile;
import coop.sol.ledger.settings.NetworkRates;
import coop.sol.ledger.settings.NetworkSettings;
import coop.sol.ledger.settings.Versioned;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.network.NetworkAdministration;
import coop.sol.web.page.FormError;
import coop.sol.web.page.IssuedActivations;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.people.ActivationLetters;
import coop.sol.web.people.People;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * {@code /admin/networks}: the administrator creates and edits networks and appoints their first
 * coordinators, with the services of {@code /api/v1/networks}. The activation code of a new
 * coordinator is shown once, with the button to print their letter.
 */
@Hidden
@Controller
@RequestMapping("/admin/networks")
class NetworkPages {
  private final Ledger ledger;
  private final NetworkSettings settings;
  private final NetworkAdministration administration;
  private final People people;
  private final ActivationLetters letters;
  private final ProblemMessages problems;

  NetworkPages(
      Ledger ledger,
      Operations operations,
      NetworkAdministration administration,
      People people,
      ActivationLetters letters,
      ProblemMessages problems) {
    this.ledger = ledger;
    this.settings = operations.settings();
    this.administration = administration;
    this.people = people;
    this.letters = letters;
    this.problems = problems;
  }

  record Form(
      String code,
      String name,
      String currencyName,
      String euroRate,
      String purchaseBonus,
      String reconversionFee,
      String timeZone,
      String defaultLanguage) {}

  record Row(String code, String name, String currencyName, List<String> coordinators) {}

  record CoordinatorForm(String username, String displayName, String email, String language) {}

  @GetMapping
  String list(Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new Form("", "", "", "1.00", "5", "0", "Europe/Paris", "fr"));
    }
    model.addAttribute("errors", List.of());
    fillList(model);
    return "admin/networks";
  }

  @PostMapping
  String create(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String currencyName,
      @RequestParam(defaultValue = "") String euroRate,
      @RequestParam(defaultValue = "") String purchaseBonus,
      @RequestParam(defaultValue = "") String reconversionFee,
      @RequestParam(defaultValue = "") String timeZone,
      @RequestParam(defaultValue = "") String defaultLanguage,
      Caller caller,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    Form form =
        new Form(
            code.strip(),
            name.strip(),
            currencyName.strip(),
            euroRate.strip(),
            purchaseBonus.strip(),
            reconversionFee.strip(),
            timeZone.strip(),
            defaultLanguage.strip());
    try {
      Network network =
          administration.create(caller, form.code(), networkForm(form), ClientAddress.of(http));
      redirect.addFlashAttribute("done", "admin.networks.created");
      return "redirect:/admin/networks/" + network.code();
    } catch (ApiProblemException e) {
      model.addAttribute("errors", List.of(error(e)));
    }
    model.addAttribute("form", form);
    fillList(model);
    return "admin/networks";
  }

  @GetMapping("/{code}")
  String edit(@PathVariable String code, Model model) {
    Network network = network(code);
    if (!model.containsAttribute("form")) {
      NetworkProfile profile = ledger.networks().profile(network.id()).orElseThrow();
      Optional<NetworkRates> rates = settings.rates(network.id()).map(Versioned::value);
      model.addAttribute(
          "form",
          new Form(
              network.code(),
              network.name(),
              profile.currencyName(),
              rates.map(r -> r.euroRate().eurosPerSol().toPlainString()).orElse(""),
              rates.map(r -> Decimals.format(r.purchaseBonus().value(), 2)).orElse(""),
              rates.map(r -> Decimals.format(r.reconversionFee().value(), 2)).orElse(""),
              profile.timeZone().getId(),
              profile.defaultLanguage()));
    }
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", List.of());
    }
    if (!model.containsAttribute("coordinatorForm")) {
      model.addAttribute("coordinatorForm", new CoordinatorForm("", "", "", ""));
    }
    if (!model.containsAttribute("coordinatorErrors")) {
      model.addAttribute("coordinatorErrors", List.of());
    }
    fillEdit(network, model);
    return "admin/network";
  }

  @PostMapping("/{code}")
  String update(
      @PathVariable String code,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String currencyName,
      @RequestParam(defaultValue = "") String euroRate,
      @RequestParam(defaultValue = "") String purchaseBonus,
      @RequestParam(defaultValue = "") String reconversionFee,
      @RequestParam(defaultValue = "") String timeZone,
      @RequestParam(defaultValue = "") String defaultLanguage,
      Caller caller,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    Network network = network(code);
    Form form =
        new Form(
            network.code(),
            name.strip(),
            currencyName.strip(),
            euroRate.strip(),
            purchaseBonus.strip(),
            reconversionFee.strip(),
            timeZone.strip(),
            defaultLanguage.strip());
    try {
      administration.update(caller, network, networkForm(form), ClientAddress.of(http));
      redirect.addFlashAttribute("done", "admin.networks.saved");
      return "redirect:/admin/networks/" + network.code();
    } catch (ApiProblemException e) {
      model.addAttribute("errors", List.of(error(e)));
    }
    model.addAttribute("form", form);
    model.addAttribute("coordinatorForm", new CoordinatorForm("", "", "", ""));
    model.addAttribute("coordinatorErrors", List.of());
    fillEdit(network, model);
    return "admin/network";
  }

  @PostMapping("/{code}/coordinators")
  String appoint(
      @PathVariable String code,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String language,
      Caller caller,
      HttpServletRequest http,
      Locale locale,
      Model model) {
    Network network = network(code);
    CoordinatorForm form =
        new CoordinatorForm(username.strip(), displayName.strip(), email.strip(), language.strip());
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
                  List.of(Role.COORDINATOR.name()),
                  null),
              ClientAddress.of(http));
      return IssuedActivations.show(
          issued,
          "/admin/networks/" + network.code() + "/people/" + issued.personId() + "/letter",
          "/admin/networks/" + network.code(),
          locale,
          model);
    } catch (ApiProblemException e) {
      model.addAttribute("coordinatorErrors", List.of(error(e)));
    }
    model.addAttribute("coordinatorForm", form);
    return edit(code, model);
  }

  @PostMapping("/{code}/people/{id}/letter")
  ResponseEntity<byte[]> letter(
      @PathVariable String code,
      @PathVariable long id,
      @RequestParam(name = "code", defaultValue = "") String activation,
      Caller caller) {
    network(code);
    return IssuedActivations.pdf(letters, people.letter(caller, id, activation));
  }

  private FormError error(ApiProblemException e) {
    return new FormError(e.field(), problems.problemKey(e.code()));
  }

  private static NetworkAdministration.NetworkForm networkForm(Form form) {
    return new NetworkAdministration.NetworkForm(
        form.name(),
        form.currencyName(),
        form.euroRate(),
        form.purchaseBonus(),
        form.reconversionFee().isEmpty() ? null : form.reconversionFee(),
        form.timeZone(),
        form.defaultLanguage());
  }

  private Network network(String code) {
    return ledger
        .networks()
        .findByCode(code)
        .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
  }

  private void fillList(Model model) {
    List<Row> rows = new ArrayList<>();
    for (Network network : ledger.networks().list()) {
      rows.add(
          new Row(
              network.code(),
              network.name(),
              ledger.networks().profile(network.id()).orElseThrow().currencyName(),
              coordinators(network)));
    }
    model.addAttribute("networks", rows);
  }

  private void fillEdit(Network network, Model model) {
    model.addAttribute("network", network);
    model.addAttribute("coordinators", coordinators(network));
  }

  private List<String> coordinators(Network network) {
    return people.search(network, null, Role.COORDINATOR, null, 100).stream()
        .filter(
            row ->
                row.user().roles().stream()
                    .anyMatch(
                        r ->
                            r.role().equals(Role.COORDINATOR.name())
                                && r.networkId() == network.id().value()))
        .map(row -> row.user().displayName() + " (" + row.user().username() + ")")
        .toList();
  }
}
