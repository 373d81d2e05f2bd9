package coop.sol.web.page.merchant;

import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.page.IssuedActivations;
import coop.sol.web.page.ProblemMessages;
import coop.sol.web.people.ActivationLetters;
import coop.sol.web.people.People;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.user.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A merchant enrols a cashier of their own shop from {@code /till/cashiers}: the cashier chooses
 * their own password with the activation code shown once, as {@code POST /api/v1/people} does.
 */
@Hidden
@Controller
class CashierEnrolmentPages {
  private final People people;
  private final NetworkDirectory networks;
  private final ActivationLetters letters;
  private final ProblemMessages problems;

  CashierEnrolmentPages(
      People people,
      NetworkDirectory networks,
      ActivationLetters letters,
      ProblemMessages problems) {
    this.people = people;
    this.networks = networks;
    this.letters = letters;
    this.problems = problems;
  }

  @PostMapping("/till/cashiers/new")
  String enrol(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      Caller caller,
      HttpServletRequest http,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    NetworkId id =
        caller.networksAs(Role.MERCHANT).stream()
            .min(Comparator.comparing(NetworkId::value))
            .orElseThrow(() -> new ApiProblemException(ProblemCode.FORBIDDEN));
    Network network = networks.network(id);
    try {
      People.Issued issued =
          people.enrol(
              caller,
              network,
              new People.Enrolment(
                  username.strip(),
                  displayName.strip(),
                  email.strip(),
                  null,
                  List.of(Role.CASHIER.name()),
                  caller.username()),
              ClientAddress.of(http));
      return IssuedActivations.show(
          issued,
          "/till/cashiers/" + issued.personId() + "/letter",
          "/till/cashiers",
          locale,
          model);
    } catch (ApiProblemException e) {
      redirect.addFlashAttribute("enrolError", problems.problemKey(e.code()));
      return "redirect:/till/cashiers";
    }
  }

  @PostMapping("/till/cashiers/{id}/letter")
  ResponseEntity<byte[]> letter(
      @PathVariable long id, @RequestParam(defaultValue = "") String code, Caller caller) {
    return IssuedActivations.pdf(letters, people.letter(caller, id, code));
  }
}
